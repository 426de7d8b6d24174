from django.db import migrations

from clinic_site.groups import grant, revoke

GRANT = {"name": "Clinical staff", "app_label": "eligibility", "codenames": ["view_questionnaire"]}


def forward(apps, schema_editor):
    """Clinical staff read questionnaires, so they can open an urgent draft that has no consultation request yet."""
    grant(apps, **GRANT)


def backward(apps, schema_editor):
    revoke(apps, **GRANT)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0006_questionnaire_last_activity")]

    operations = [migrations.RunPython(forward, backward)]
