"""Staff groups, created by data migrations from the historical app registry."""

from django.contrib.auth.management import create_permissions


def ensure_group(apps, *, name: str, app_label: str, codenames: list[str] | None = None) -> None:
    """Create the group with the app's permissions (all of them, or only `codenames`)."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the migration's app registry stub lacks it; permissions need it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    if codenames is not None:
        permissions = permissions.filter(codename__in=codenames)
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(permissions)


def remove_group(apps, *, name: str) -> None:
    apps.get_model("auth", "Group").objects.filter(name=name).delete()
