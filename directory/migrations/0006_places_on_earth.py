"""Places are found and measured by earthdistance (migration 0005): a GiST index on each place as a point on the
Earth (`ll_to_earth`, stored as a generated column) replaces the index on a flat point with its longitude scaled by
a constant."""

import django.contrib.postgres.indexes
from django.db import migrations, models

import directory.models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_distance_extensions"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="location",
            name="location_nearest",
        ),
        migrations.AddField(
            model_name="location",
            name="on_earth",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(
                    "latitude",
                    "longitude",
                    function="ll_to_earth",
                    output_field=directory.models.EarthPoint(),
                ),
                output_field=directory.models.EarthPoint(),
            ),
        ),
        migrations.AddIndex(
            model_name="location",
            index=django.contrib.postgres.indexes.GistIndex(fields=["on_earth"], name="location_on_earth"),
        ),
    ]
