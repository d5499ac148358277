"""2025/26's charging figures from the domain brief."""

from django.db import migrations


def seed(apps, schema_editor):
    from ras.seed import seed_charging_years

    seed_charging_years(get_model=apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("ras", "0003_charging_years_and_financial_assessments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
