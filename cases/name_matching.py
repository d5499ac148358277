"""Finding people by what an adviser types: names as heard on the phone, dates of birth, postcodes.

Plain functions, no database. This module reads the search box: a case reference, an NHS number, or name words,
a date of birth and a postcode. The names themselves are matched by Postgres's standard extensions (unaccent,
pg_trgm, fuzzystrmatch; see cases.selectors and migration 0028), which give each word's match a score whose whole
part says how it matched: 4 a name, 3 the start of a name, 2 a name that sounds alike, 1 a name spelt alike (one
letter missing, extra, wrong, or two swapped).
"""

import datetime
import math
import re
import unicodedata
from dataclasses import dataclass

from cases.identifiers import normalise_nhs_number

_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_WORDS = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, apostrophes closed up, anything else not a letter or digit a space. Accents stay: Postgres takes
    them off names and search words alike (unaccent)."""
    text = unicodedata.normalize("NFKC", (text or "").casefold())
    return " ".join(_WORDS.findall(_APOSTROPHES.sub("", text)))


KINDS = {
    4: "name",
    3: "name starting ‘{words}’",
    2: "name sounding like ‘{words}’",
    1: "name spelt like ‘{words}’",
}


def reasons(scores: dict[str, float]) -> list[str]:
    """Why a person matched, closest first, from each search word's score: "name", "name sounding like ‘elis’"."""
    found = []
    for kind, reason in KINDS.items():
        words = [word for word, score in scores.items() if math.floor(score) == kind]
        if words:
            found.append(reason.format(words=" ".join(words)))
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
