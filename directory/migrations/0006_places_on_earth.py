"""Places are found and measured by earthdistance (migration 0005): a GiST index on each place as a point on the
Earth (`ll_to_earth`) replaces the index on a flat point with its longitude scaled by a constant."""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_distance_extensions"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="location",
            name="location_nearest",
        ),
        migrations.AddIndex(
            model_name="location",
            index=django.contrib.postgres.indexes.GistIndex(
                models.Func(
                    models.F("latitude"),
                    models.F("longitude"),
                    function="ll_to_earth",
                    output_field=models.Field(),
                ),
                name="location_on_earth",
            ),
        ),
    ]
