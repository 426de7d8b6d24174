from django.db import migrations


def create_defaults(apps, schema_editor):
    """The one clinic-details record exists from the start, with the model's defaults."""
    apps.get_model("clinic_site", "ClinicDetails").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("clinic_site", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
