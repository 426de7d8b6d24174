from django.db import migrations

from clinic_site.groups import ensure_group, remove_group

GROUP_NAME = "Content editors"


def create(apps, schema_editor):
    """Editors may add, change, delete and view the education models, and nothing else."""
    ensure_group(apps, name=GROUP_NAME, app_label="education")


def remove(apps, schema_editor):
    remove_group(apps, name=GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]
