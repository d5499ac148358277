"""Each person's name keys for finding them with typos, since replaced by the columns of migration 0028 (which
Postgres fills from the names), so they are no longer filled in here.

The history trigger is remade so that it skips the keys: they follow the names, which it records.
"""

import django.contrib.postgres.search
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_search_and_queue_indexes"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="person",
            name="update_update",
        ),
        migrations.AddField(
            model_name="person",
            name="name_keys",
            field=django.contrib.postgres.search.SearchVectorField(default="", editable=False),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="person",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."address_line_1" IS DISTINCT FROM (NEW."address_line_1") OR OLD."address_line_2" IS DISTINCT FROM (NEW."address_line_2") OR OLD."communication_needs" IS DISTINCT FROM (NEW."communication_needs") OR OLD."consent_recorded_at" IS DISTINCT FROM (NEW."consent_recorded_at") OR OLD."consent_to_share" IS DISTINCT FROM (NEW."consent_to_share") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."date_of_birth" IS DISTINCT FROM (NEW."date_of_birth") OR OLD."email" IS DISTINCT FROM (NEW."email") OR OLD."family_name" IS DISTINCT FROM (NEW."family_name") OR OLD."given_name" IS DISTINCT FROM (NEW."given_name") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."interpreter_language" IS DISTINCT FROM (NEW."interpreter_language") OR OLD."nhs_number" IS DISTINCT FROM (NEW."nhs_number") OR OLD."phone" IS DISTINCT FROM (NEW."phone") OR OLD."postcode" IS DISTINCT FROM (NEW."postcode") OR OLD."preferred_name" IS DISTINCT FROM (NEW."preferred_name") OR OLD."town" IS DISTINCT FROM (NEW."town") OR OLD."version" IS DISTINCT FROM (NEW."version"))',
                    func='INSERT INTO "cases_personhistory" ("address_line_1", "address_line_2", "communication_needs", "consent_recorded_at", "consent_to_share", "created_at", "date_of_birth", "email", "family_name", "given_name", "id", "interpreter_language", "nhs_number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "postcode", "preferred_name", "town", "version") VALUES (NEW."address_line_1", NEW."address_line_2", NEW."communication_needs", NEW."consent_recorded_at", NEW."consent_to_share", NEW."created_at", NEW."date_of_birth", NEW."email", NEW."family_name", NEW."given_name", NEW."id", NEW."interpreter_language", NEW."nhs_number", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phone", NEW."postcode", NEW."preferred_name", NEW."town", NEW."version"); RETURN NULL;',
                    hash="9510747d69d26405894684ae424102f9b0e89951",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_6804f",
                    table="cases_person",
                    when="AFTER",
                ),
            ),
        ),
    ]
