"""Spending guidance: the council's list of what a personal budget cannot pay for, and what needs a second look,
as data in the planning rules (`SpendingRule`). It is shown while the plan is written and checked when it is sent:
an item that matches raises a flag that the worker, the person and the approver see. It never refuses a plan on its
own (councils that did this rejected plans whose items clearly met an outcome): the approver decides.

Plain functions over plain values, testable without a database.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

CANNOT = "cannot"  # the law or the council's policy says a personal budget cannot pay for it
CHECK = "check"  # it may be right for the person, and needs care: how it meets an outcome, and whether it is value


@dataclass(frozen=True)
class Guidance:
    kind: str  # CANNOT or CHECK
    what: str  # "Alcohol, tobacco or gambling"
    why: str  # what to tell the person and the worker
    words: tuple[str, ...]  # words or phrases in an item that point to it


@dataclass(frozen=True)
class Item:
    """What the guidance is checked against: an item's id, its description, and everything it says about itself."""

    id: int
    description: str
    text: str


@dataclass(frozen=True)
class Flag:
    item_id: int
    description: str
    guidance: Guidance

    @property
    def cannot(self) -> bool:
        return self.guidance.kind == CANNOT

    # Read like the record kept when the plan is sent (`as_record`), so one template shows either.
    @property
    def kind(self) -> str:
        return self.guidance.kind

    @property
    def what(self) -> str:
        return self.guidance.what

    @property
    def why(self) -> str:
        return self.guidance.why

    def as_record(self) -> dict:
        """As kept on the plan when it is sent, for the approver to see what was flagged then."""
        return {
            "item": self.item_id,
            "description": self.description,
            "kind": self.guidance.kind,
            "what": self.guidance.what,
            "why": self.guidance.why,
        }


def words_of(text: str) -> tuple[str, ...]:
    """The words or phrases of a comma-separated list, as an admin types them: trimmed, lower case, none empty."""
    return tuple(dict.fromkeys(word.strip().lower() for word in text.split(",") if word.strip()))


def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    # Whole words only ("wine" is not "swine"); a phrase's spaces match any run of spaces; a word may be plural.
    alternatives = "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)
    return re.compile(rf"\b(?:{alternatives})(?:e?s)?\b", re.IGNORECASE)


def matches(text: str, guidance: Guidance) -> bool:
    pattern = _pattern(guidance.words)
    return bool(pattern and pattern.search(text))


def flags(items: Iterable[Item], guidance: Iterable[Guidance]) -> list[Flag]:
    """A flag for each item the guidance points to: what cannot be bought first, then what needs a second look,
    each in the plan's order; one flag per item and guidance."""
    guidance = list(guidance)
    found = [
        Flag(item.id, item.description, rule)
        for item in items
        for rule in guidance
        if matches(item.text, rule)
    ]
    return sorted(found, key=lambda flag: flag.guidance.kind != CANNOT)
