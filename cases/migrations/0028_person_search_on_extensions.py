"""People are found by the standard extensions (migration 0027) instead of keys computed in Python.

Postgres computes, from the names, on every write, two generated columns with their indexes:

- `search_names`: each part of each name, lower case, without accents (unaccent) or apostrophes, as it is and split
  at the apostrophe, and the whole name run together ("Zoë Smith-Jones" gives zoe smith jones smithjones; "O'Brien"
  gives obrien o brien). A trigram index (pg_trgm) finds the names a word is spelt like.
- `name_sounds`: the double metaphone of each part (fuzzystrmatch; Smith and Smyth are both SM0), in a GIN index.

`name_word_match` says how well one (folded) search word matches a person's names: 4 for a name, 3 and a bit
for a name it starts, 2 and a bit for a name it sounds like, 1 and a bit for a name one letter out (a letter
missing, extra, wrong, or two swapped), the bit being how alike they are spelt (pg_trgm's word similarity); NULL
when it matches no name. The cheap tests come first, so the costly one (`one_letter_out`, a Levenshtein distance
per part) runs only for the few names the trigram index found that nothing else explains. `shorter_names` are the
word's own beginnings that count as a name it starts (Jon for Jonathan, when a new person's names are compared
with people already on the record); empty for a search.

The functions have SQL-standard bodies, so their references (unaccent's dictionary, the extensions' functions)
are bound when they are made and a restore with an empty search_path computes the same columns.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

FUNCTIONS = r"""
CREATE FUNCTION name_folded(name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(unaccent('unaccent'::regdictionary, name));

CREATE FUNCTION person_name_parts(given text, family text, preferred text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(string_agg(DISTINCT part, ' '), '')
    FROM unnest(ARRAY[given, family, preferred]) AS name,
        LATERAL (SELECT name_folded(coalesce(name, ''))) AS folded (text),
        LATERAL (SELECT regexp_replace(folded.text, '[''’‘`´ʼ]', '', 'g')) AS closed (text),
        LATERAL (
            SELECT regexp_split_to_table(closed.text, '[^[:alnum:]]+')
            UNION ALL SELECT regexp_split_to_table(folded.text, '[^[:alnum:]]+')
            UNION ALL SELECT regexp_replace(closed.text, '[^[:alnum:]]+', '', 'g')
        ) AS parts (part)
    WHERE part <> '';
END;

CREATE FUNCTION name_sounds(names text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
    SELECT coalesce(array_agg(DISTINCT dmetaphone(part)) FILTER (WHERE dmetaphone(part) <> ''), '{}')
    FROM unnest(string_to_array(names, ' ')) AS part;
END;

CREATE FUNCTION one_letter_out(names text, word text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
    SELECT EXISTS (
        SELECT FROM unnest(string_to_array(names, ' ')) AS part
        WHERE levenshtein_less_equal(left(part, 255), left(word, 255), 1) <= 1
            OR length(part) = length(word) AND EXISTS (
                SELECT FROM generate_series(1, length(word) - 1) AS i
                WHERE overlay(word PLACING substr(word, i + 1, 1) || substr(word, i, 1) FROM i FOR 2) = part
            )
    );
END;

CREATE FUNCTION name_word_match(names text, sounds text[], word text, shorter_names text[])
    RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN ' ' || names || ' ' LIKE '% ' || word || ' %' THEN 4
        WHEN ' ' || names LIKE '% ' || word || '%' OR string_to_array(names, ' ') && shorter_names
            THEN 3 + 0.99 * word_similarity(word, names)
        WHEN length(word) >= 3 AND sounds && ARRAY[dmetaphone(word)] THEN 2 + 0.99 * word_similarity(word, names)
        WHEN length(word) >= 4 AND one_letter_out(names, word) THEN 1 + 0.99 * word_similarity(word, names)
    END;
"""

DROP_FUNCTIONS = """
DROP FUNCTION name_word_match(text, text[], text, text[]);
DROP FUNCTION one_letter_out(text, text);
DROP FUNCTION name_sounds(text);
DROP FUNCTION person_name_parts(text, text, text);
DROP FUNCTION name_folded(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0027_name_search_extensions"),
    ]

    operations = [
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        migrations.RemoveIndex(
            model_name="person",
            name="person_name_keys",
        ),
        migrations.RemoveField(
            model_name="person",
            name="name_keys",
        ),
        migrations.AddField(
            model_name="person",
            name="search_names",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(
                    "given_name", "family_name", "preferred_name", function="person_name_parts"
                ),
                output_field=models.TextField(),
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="name_sounds",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(
                    models.Func("given_name", "family_name", "preferred_name", function="person_name_parts"),
                    function="name_sounds",
                ),
                output_field=django.contrib.postgres.fields.ArrayField(
                    base_field=models.TextField(), size=None
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_names"], name="person_search_names", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(fields=["name_sounds"], name="person_name_sounds"),
        ),
        migrations.RunSQL("ANALYZE cases_person", migrations.RunSQL.noop, elidable=True),
    ]
