"""Finding people by what an adviser types: names as heard on the phone, dates of birth, postcodes.

Plain functions, no database. Postgres here has no pg_trgm or fuzzystrmatch, so typo tolerance is built from
keys computed in Python and stored on each person as a tsvector (`Person.name_keys`, GIN indexed):

- each part of each name, folded to lower case without accents or apostrophes ("Zoë" -> "zoe", "O'Brien" ->
  "obrien" and also "o", "brien"), so a search word matches the start of a part ("jon" finds Jonathan);
- a sound key for each part (Metaphone: "~sm0" for Smith and Smyth, "~mrkrt" for Margaret and Margret);
- each part with one letter left out ("^smth", "^mith", ...). A word typed with one letter wrong, missing,
  extra or swapped shares one of these with the name ("smtih" and "smith" both give "^smth").

A search word becomes a tsquery that matches any of those; every word must match some part of the person's
names, in any order. The few hundred candidates the index finds are then ranked here: exact names first, then
names starting with the word, then names that sound alike, then names spelt alike, closest first.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

import jellyfish

from cases.identifiers import normalise_nhs_number

SOUND = "~"  # lexeme prefix for a sound key
DROPPED = "^"  # lexeme prefix for a part with one letter left out
MIN_SOUND_WORD = 3  # shorter words sound like too many names; they still match the start of a name
MIN_SPELLING = 4  # shorter parts with a letter dropped match too many names
MAX_SPELLING = 20  # longer parts are rare and would store a key per letter

_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_LETTERS = {"ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"}
_FOLDED = str.maketrans(_LETTERS)
_WORDS = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, accents dropped, apostrophes closed up, anything else not a letter or digit a space."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(char for char in text if not unicodedata.combining(char)).translate(_FOLDED)
    return " ".join(_WORDS.findall(_APOSTROPHES.sub("", text)))


def name_parts(name: str) -> tuple[list[str], list[str]]:
    """The parts of one name: (main parts, extra parts that only match the start of a word).

    "Smith-Jones" gives smith and jones, and smithjones; "O'Brien" gives obrien, and o and brien, so
    "OBrien", "O'Brien" and "O Brien" all find it.
    """
    main = fold(name).split()
    split = fold(_APOSTROPHES.sub(" ", name or "")).split()
    extra = [part for part in split if part not in main]
    if len(main) > 1:
        extra.append("".join(main))
    return main, extra


def sound_key(word: str) -> str:
    """Metaphone: a rough spelling of how an English speaker says the word ('smith', 'smyth' -> 'sm0')."""
    return jellyfish.metaphone(word).lower() if word.isascii() else ""


def one_letter_dropped(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def name_keys(given_name: str, family_name: str, preferred_name: str = "") -> str:
    """The tsvector text stored in Person.name_keys: every lexeme quoted, so Postgres stores them as they are."""
    lexemes: set[str] = set()
    for name in (given_name, family_name, preferred_name):
        main, extra = name_parts(name)
        lexemes.update(main, extra)
        for part in main:
            if key := sound_key(part):
                lexemes.add(SOUND + key)
            if MIN_SPELLING <= len(part) <= MAX_SPELLING:
                lexemes.update(DROPPED + dropped for dropped in one_letter_dropped(part))
    return " ".join(f"'{lexeme}'" for lexeme in sorted(lexemes))


def _quoted(lexemes) -> list[str]:
    return [f"'{lexeme}'" for lexeme in sorted(lexemes)]


def word_query(word: str, *, shorter_names: bool = False) -> str:
    """A tsquery matching a name part that is, starts with, sounds like or is spelt like `word`.

    With `shorter_names`, also a part that `word` starts with (Jon for Jonathan).
    """
    alternatives = [f"'{word}':*"]
    if shorter_names:
        alternatives += _quoted(word[:end] for end in range(MIN_SOUND_WORD, len(word)))
    if len(word) >= MIN_SOUND_WORD and (key := sound_key(word)):
        alternatives.append(f"'{SOUND}{key}'")
    if MIN_SPELLING <= len(word) <= MAX_SPELLING:
        dropped = one_letter_dropped(word)
        # One letter extra in the word; one missing; one different or two swapped.
        alternatives += _quoted(dropped)
        alternatives.append(f"'{DROPPED}{word}'")
        alternatives += _quoted(DROPPED + each for each in dropped)
    return "(" + " | ".join(alternatives) + ")"


def names_query(words) -> str:
    """Every word must match some part of the person's names, in any order."""
    return " & ".join(word_query(word) for word in words)


def exact_query(word: str) -> str:
    return f"'{word}'"


def prefix_query(word: str) -> str:
    return f"'{word}':*"


def sound_query(word: str) -> str | None:
    key = sound_key(word) if len(word) >= MIN_SOUND_WORD else ""
    return f"'{SOUND}{key}'" if key else None


# Ranking ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordMatch:
    """How one search word matched one part of a person's names."""

    word: str
    part: str
    kind: str  # exact, start, sound, spelling
    score: float


def spelt_alike(word: str, part: str) -> bool:
    """One letter extra, missing, different, or two swapped (the same test the stored keys make)."""
    if len(word) < MIN_SPELLING:
        return False
    dropped = one_letter_dropped(word)
    if part in dropped:
        return True
    return MIN_SPELLING <= len(part) <= MAX_SPELLING and bool(({word} | dropped) & one_letter_dropped(part))


def match_word(word: str, parts: list[str], *, shorter_names: bool = False) -> WordMatch | None:
    """The best way `word` matches any of `parts`; exact beats start beats sound beats spelling."""
    best = None
    key = sound_key(word) if len(word) >= MIN_SOUND_WORD else ""
    for part in parts:
        closeness = jellyfish.jaro_winkler_similarity(word, part)
        if part == word:
            found = WordMatch(word, part, "exact", 1.0)
        elif part.startswith(word):
            found = WordMatch(word, part, "start", 0.7 + 0.2 * len(word) / len(part))
        elif shorter_names and len(part) >= MIN_SOUND_WORD and word.startswith(part):
            found = WordMatch(word, part, "start", 0.7 + 0.2 * len(part) / len(word))
        elif key and sound_key(part) == key:
            found = WordMatch(word, part, "sound", 0.4 + 0.25 * closeness)
        elif spelt_alike(word, part):
            found = WordMatch(word, part, "spelling", 0.3 + 0.25 * closeness)
        else:
            continue
        if best is None or found.score > best.score:
            best = found
    return best


def person_parts(given_name: str, family_name: str, preferred_name: str = "") -> list[str]:
    parts: list[str] = []
    for name in (given_name, family_name, preferred_name):
        main, extra = name_parts(name)
        parts += main + extra
    return parts


def rank_name(words, given_name: str, family_name: str, preferred_name: str = "") -> list[WordMatch] | None:
    """How each word matched the person's names, or None when one of them does not."""
    parts = person_parts(given_name, family_name, preferred_name)
    matches = [match_word(word, parts) for word in words]
    return None if any(match is None for match in matches) else matches


def duplicate_query(given_name: str, family_name: str, preferred_name: str = "") -> str | None:
    """A tsquery for people whose names are like both a new person's first (or preferred) and last names."""
    given = fold(f"{given_name} {preferred_name}").split()
    family = fold(family_name).split()
    if not (given and family):
        return None
    return " & ".join(
        "(" + " | ".join(word_query(word, shorter_names=True) for word in words) + ")"
        for words in (given, family)
    )


def similar_names(
    new: tuple[str, str, str], given_name: str, family_name: str, preferred_name: str = ""
) -> list[WordMatch] | None:
    """How a person's names match a new person's (first, last, preferred), or None unless both are alike.

    The first or preferred name must match a part of the person's names, and so must the last name, either
    way round: people are recorded with their names swapped, and go by a shorter name.
    """
    parts = person_parts(given_name, family_name, preferred_name)
    new_given, new_family, new_preferred = new
    found = []
    for words in (fold(f"{new_given} {new_preferred}").split(), fold(new_family).split()):
        matches = [match_word(word, parts, shorter_names=True) for word in words]
        best = max((match for match in matches if match), key=lambda match: match.score, default=None)
        if best is None:
            return None
        found.append(best)
    return found


def name_score(matches: list[WordMatch]) -> float:
    return sum(match.score for match in matches)


KINDS = {
    "exact": "name",
    "start": "name starting ‘{words}’",
    "sound": "name sounding like ‘{words}’",
    "spelling": "name spelt like ‘{words}’",
}


def reasons(matches: list[WordMatch]) -> list[str]:
    """Why a person matched, closest first: "name", "name sounding like ‘margret elis’"."""
    found = []
    for kind, reason in KINDS.items():
        words = [match.word for match in matches if match.kind == kind]
        if words:
            found.append(reason.format(words=" ".join(dict.fromkeys(words))))
    return found


# Understanding the search box ------------------------------------------------------------------------------

CASE_REFERENCE = re.compile(r"^FD0*(\d+)$", re.IGNORECASE)
MAX_QUERY = 200  # characters read from the search box
MAX_WORDS = 6  # name words used: nobody's names run longer, and each word adds to the index lookups
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_SEP = r"[\s/.\-]+"
_NUMERIC_DATE = re.compile(rf"(?<![\w/.\-])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})(?![\w/.\-])")
_WORDED_DATE = re.compile(
    r"(?<![\w/.\-])(\d{1,2})(?:st|nd|rd|th)?[\s/.\-]*([a-z]{3,9})\.?,?[\s/.\-]*(\d{4}|\d{2})(?![\w/.\-])",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(?<![\w/.\-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w/.\-])")
_YEAR = re.compile(r"(?<![\w/.\-])(1[89]\d\d|20\d\d)(?![\w/.\-])")
_OUTWARD = r"[A-Z]{1,2}\d[A-Z\d]?"
_FULL_POSTCODE = re.compile(rf"(?<!\w)({_OUTWARD})\s*(\d[A-Z]{{2}})(?!\w)")
_POSTCODE_SECTOR = re.compile(rf"(?<!\w)({_OUTWARD})\s+(\d)(?!\w)")
_POSTCODE_DISTRICT = re.compile(rf"(?<!\w)({_OUTWARD})(?!\w)")


def month_number(word: str) -> int | None:
    """1 to 12 for a month's name or its first three or more letters ("Mar", "Sept", "March")."""
    word = word.lower()
    if len(word) < 3:
        return None
    return next((number for number, name in enumerate(MONTHS, 1) if name.startswith(word)), None)


def _full_year(year: str, today: datetime.date) -> int:
    """Four digits as typed; two digits in the century that puts the year in the past ("48" is 1948)."""
    if len(year) == 4:
        return int(year)
    this_century = today.year // 100 * 100 + int(year)
    return this_century if this_century <= today.year else this_century - 100


def _date_or_none(year: int, month: int | None, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day) if month else None
    except ValueError:
        return None


@dataclass(frozen=True)
class FoundDate:
    born: datetime.date | None  # None when the text looks like a date that does not exist (31/2/1950)
    start: int
    end: int


def find_date_of_birth(text: str, today: datetime.date) -> FoundDate | None:
    """The first date in `text`, written day first: 27/3/1948, 27-03-1948, 27 3 1948, 27 March 1948, 1948-03-27."""
    if match := _ISO_DATE.search(text):
        year, month, day = (int(group) for group in match.groups())
        return FoundDate(_date_or_none(year, month, day), match.start(), match.end())
    if match := _NUMERIC_DATE.search(text):
        day, month, year = match.groups()
        return FoundDate(
            _date_or_none(_full_year(year, today), int(month), int(day)), match.start(), match.end()
        )
    for match in _WORDED_DATE.finditer(text):
        day, month, year = match.groups()
        if (number := month_number(month)) is not None:
            return FoundDate(
                _date_or_none(_full_year(year, today), number, int(day)), match.start(), match.end()
            )
    return None


@dataclass(frozen=True)
class SearchTerms:
    """What a search box query asks for. A query the box can't read has `unreadable` parts."""

    case_id: int | None = None
    nhs_number: str = ""
    born: datetime.date | None = None
    born_in: int | None = None
    postcode: str = ""  # a full postcode "NR1 3QQ", a sector "NR1 3" or a district "NR1"
    words: tuple[str, ...] = ()
    unreadable: tuple[str, ...] = ()

    @property
    def postcode_is_full(self) -> bool:
        return " " in self.postcode and len(self.postcode.split()[1]) == 3

    @property
    def is_empty(self) -> bool:
        return not (
            self.case_id or self.nhs_number or self.born or self.born_in or self.postcode or self.words
        )

    def described(self) -> list[str]:
        """What the search looked for, as the results page says it."""
        found = []
        if self.words:
            found.append(f"name ‘{' '.join(self.words)}’")
        if self.born:
            found.append(f"born {self.born.day} {self.born:%B %Y}")
        if self.born_in:
            found.append(f"born in {self.born_in}")
        if self.postcode:
            found.append(
                f"postcode {self.postcode}" if self.postcode_is_full else f"postcode {self.postcode}…"
            )
        return found


def read_query(query: str, today: datetime.date) -> SearchTerms:
    """Split what was typed into a case reference, an NHS number, or name words, a date of birth and a postcode."""
    query = (query or "").strip()[:MAX_QUERY]
    if match := CASE_REFERENCE.match(query.replace(" ", "")):
        return SearchTerms(case_id=int(match[1]))
    digits = normalise_nhs_number(query)
    if digits.isdigit() and len(digits) == 10:
        return SearchTerms(nhs_number=digits)
    rest = query
    born = born_in = None
    unreadable: list[str] = []
    if date := find_date_of_birth(rest, today):
        if date.born is None:
            unreadable.append(rest[date.start : date.end])
        born = date.born
        rest = rest[: date.start] + " " + rest[date.end :]
    elif year := _YEAR.search(rest):
        born_in = int(year[1])
        rest = rest[: year.start()] + " " + rest[year.end() :]
    postcode = ""
    upper = rest.upper()
    for pattern in (_FULL_POSTCODE, _POSTCODE_SECTOR, _POSTCODE_DISTRICT):
        if match := pattern.search(upper):
            postcode = " ".join(match.groups())
            rest = rest[: match.start()] + " " + rest[match.end() :]
            break
    words = []
    for word in fold(rest).split()[:MAX_WORDS]:
        (unreadable if any(char.isdigit() for char in word) else words).append(word)
    return SearchTerms(
        born=born,
        born_in=born_in,
        postcode=postcode,
        words=tuple(words),
        unreadable=tuple(unreadable),
    )
