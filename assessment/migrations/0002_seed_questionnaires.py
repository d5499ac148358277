"""The council's starting questionnaires (adult and carer), published as version 1 of each."""

from django.db import migrations


def seed(apps, schema_editor):
    from assessment.questionnaires import seed_published

    seed_published(get_model=apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_questionnaires_and_assessments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
