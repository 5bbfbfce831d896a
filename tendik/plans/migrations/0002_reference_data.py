from django.db import migrations


def load(apps, schema_editor):
    from tendik.plans.reference_data import load_reference_data

    load_reference_data(apps.get_model("plans", "FrameworkItem"),
                        apps.get_model("plans", "Dimension"),
                        apps.get_model("plans", "DimensionValue"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
