from django.db import migrations

from clinic_site.groups import ensure_group, remove_group

GROUP_NAME = "Clinical staff"
PERMISSIONS = [
    "view_consultationrequest", "change_consultationrequest",
    "view_staffnote", "add_staffnote",
    "view_statuschange",
    "view_outgoingemail",
]  # fmt: skip


def create(apps, schema_editor):
    """Clinical staff view and update eligibility records; they delete nothing and export nothing by default."""
    ensure_group(apps, name=GROUP_NAME, app_label="eligibility", codenames=PERMISSIONS)


def remove(apps, schema_editor):
    remove_group(apps, name=GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0002_auditentry_staffnote_statuschange"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]
