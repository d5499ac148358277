"""The council's starting RAS: money per point, three adjustments, a minimum and a high-cost threshold, in force
from 1 April 2025. Councils calibrate it against signed-off plans and publish new versions."""

from django.db import migrations


def seed(apps, schema_editor):
    from ras.seed import seed_ras

    seed_ras(get_model=apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("ras", "0001_ras_versions_and_budgets")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
