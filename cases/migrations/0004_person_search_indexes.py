"""Find people by their name keys and date of birth; the upper-case name prefixes that search used are gone."""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_person_name_keys"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="person",
            name="person_family_name_prefix",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="person_given_name_prefix",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="person_preferred_name_prefix",
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(fields=["name_keys"], name="person_name_keys"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["date_of_birth"], name="person_date_of_birth"),
        ),
        # Statistics for the new column now, rather than when autovacuum comes round, so the planner uses the
        # indexes from the first search.
        migrations.RunSQL("ANALYZE cases_person", migrations.RunSQL.noop, elidable=True),
    ]
