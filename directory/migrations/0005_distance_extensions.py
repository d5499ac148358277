"""The standard extensions distance search is built on: cube and earthdistance (places as points on the Earth,
great-circle distances, and an index that finds the nearest first). Both are trusted extensions that every managed
PostgreSQL offers; docs/deployment.md lists them."""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_nearest_index"),
    ]

    operations = [
        CreateExtension("cube"),
        CreateExtension("earthdistance"),
    ]
