"""Questionnaires become versioned configuration (cases.versioning): each published version says the day it took
effect, taken to be the day it was published (or made, for the seeded ones)."""

import django.utils.timezone
from django.db import migrations, models
from django.utils import timezone


def date_published_versions(apps, schema_editor):
    Questionnaire = apps.get_model("assessment", "Questionnaire")
    for questionnaire in Questionnaire.objects.all():
        questionnaire.effective_from = timezone.localdate(
            questionnaire.published_at or questionnaire.created_at
        )
        questionnaire.save(update_fields=["effective_from"])


class Migration(migrations.Migration):
    dependencies = [("assessment", "0005_plain_reasons_for_being_unable")]

    operations = [
        migrations.AddField(
            model_name="questionnaire",
            name="effective_from",
            field=models.DateField(default=django.utils.timezone.localdate),
        ),
        migrations.RunPython(date_published_versions, migrations.RunPython.noop),
    ]
