"""Staff groups, created by data migrations from the historical app registry."""

from django.contrib.auth.management import create_permissions


def _create_permissions(apps, app_label: str) -> None:
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the migration's app registry stub lacks it; permissions need it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def ensure_group(apps, *, name: str, app_label: str, codenames: list[str] | None = None) -> None:
    """Create the group with the app's permissions (all of them, or only `codenames`)."""
    _create_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    if codenames is not None:
        permissions = permissions.filter(codename__in=codenames)
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(permissions)


def remove_group(apps, *, name: str) -> None:
    apps.get_model("auth", "Group").objects.filter(name=name).delete()


def grant(apps, *, name: str, app_label: str, codenames: list[str]) -> None:
    """Add permissions to an existing group, keeping those it has (a later migration widening a role)."""
    _create_permissions(apps, app_label)
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    apps.get_model("auth", "Group").objects.get(name=name).permissions.add(*permissions)


def revoke(apps, *, name: str, app_label: str, codenames: list[str]) -> None:
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    group = apps.get_model("auth", "Group").objects.filter(name=name).first()
    if group is not None:
        group.permissions.remove(*permissions)
