"""A new person's shorter names are matched without accents, as every other name is: the beginnings of the folded
word (Léanne gives lea, lean, leann) rather than of the word as typed (léa, léan, léann), which no name stored
without accents ever equals. `name_word_match` takes whether to look for them, and works them out itself.
"""

import importlib

from django.db import migrations

FUNCTIONS = r"""
DROP FUNCTION name_word_match(text, text[], text, text[]);

CREATE FUNCTION name_beginnings(word text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN ARRAY(SELECT left(word, letters) FROM generate_series(3, length(word) - 1) AS letters);

CREATE FUNCTION name_word_match(names text, sounds text[], word text, shorter_names boolean)
    RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN ' ' || names || ' ' LIKE '% ' || word || ' %' THEN 4
        WHEN ' ' || names LIKE '% ' || word || '%'
            OR shorter_names AND string_to_array(names, ' ') && name_beginnings(word)
            THEN 3 + 0.99 * word_similarity(word, names)
        WHEN length(word) >= 3 AND sounds && ARRAY[dmetaphone(word)] THEN 2 + 0.99 * word_similarity(word, names)
        WHEN length(word) >= 4 AND one_letter_out(names, word) THEN 1 + 0.99 * word_similarity(word, names)
    END;
"""

# Back to migration 0028's name_word_match, which took the beginnings themselves.
_0028 = importlib.import_module("cases.migrations.0028_person_search_on_extensions")
PREVIOUS = f"""
DROP FUNCTION name_word_match(text, text[], text, boolean);
DROP FUNCTION name_beginnings(text);
{_0028.FUNCTIONS[_0028.FUNCTIONS.index("CREATE FUNCTION name_word_match") :]}
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0033_brokerage_withdrawn"),
    ]

    operations = [migrations.RunSQL(FUNCTIONS, PREVIOUS)]
