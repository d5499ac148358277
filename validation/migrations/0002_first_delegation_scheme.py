"""The council's starting delegation scheme (validation.seed): a team manager up to £30,000 a year, a service manager
up to £60,000, a head of service any amount. Councils change it in their configuration screens."""

from django.db import migrations


def seed(apps, schema_editor):
    from validation.seed import seed_delegation

    seed_delegation(get_model=apps.get_model)


def unseed(apps, schema_editor):
    apps.get_model("validation", "DelegationScheme").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("validation", "0001_delegation_scheme")]

    operations = [migrations.RunPython(seed, unseed)]
