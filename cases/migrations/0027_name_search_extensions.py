"""The standard extensions person search is built on: unaccent (Zoë is Zoe), pg_trgm (names spelt alike, found by a
trigram index) and fuzzystrmatch (names that sound alike, and how many letters apart two names are). All three are
trusted extensions that every managed PostgreSQL offers; docs/deployment.md lists them."""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0026_go_live_letters"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        CreateExtension("fuzzystrmatch"),
    ]
