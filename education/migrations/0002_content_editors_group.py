from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
EDITABLE_MODELS = ["article", "reference", "topic", "reviewer", "faqentry", "faqreference", "glossaryterm"]


def create_group(apps, schema_editor):
    """Editors may add, change, delete and view the education models, and nothing else."""
    app_config = apps.get_app_config("education")
    app_config.models_module = True  # the migration's app registry stub lacks it; permissions need it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = Permission.objects.filter(
        content_type__app_label="education", content_type__model__in=EDITABLE_MODELS
    )
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
