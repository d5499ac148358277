"""What a new plan starts from, so nothing the case already knows is typed again: each outcome the person was found
unable to achieve, with what they said about it in the assessment, in their words.

Plain functions over what the assessment holds: a finding per Care Act outcome (unable to achieve it when it has
reasons) and, per area of life, the outcomes its answers evidence and the person's words about it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    outcome: str
    unable: bool


@dataclass(frozen=True)
class AreaWords:
    outcomes: tuple[str, ...]
    person_words: str


@dataclass(frozen=True)
class StartingOutcome:
    outcome: str
    label: str
    in_my_words: str


def starting_outcomes(
    findings: list[Finding], areas: list[AreaWords], label: Callable[[str], str] = str
) -> list[StartingOutcome]:
    """One per outcome the person is unable to achieve, in the order the assessment found them; the words are
    what the person said in each area of life evidencing that outcome, each said once, in the order asked;
    `label` names the outcome for people."""
    starting = []
    for finding in findings:
        if not finding.unable:
            continue
        said = []
        for area in areas:
            words = area.person_words.strip()
            if finding.outcome in area.outcomes and words and words not in said:
                said.append(words)
        starting.append(StartingOutcome(finding.outcome, label(finding.outcome), "\n\n".join(said)))
    return starting
