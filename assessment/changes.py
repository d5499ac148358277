"""What a revision changed, area by area, as plain data: the visible difference between two versions of an
assessment."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _lines(summary) -> dict[str, str]:
    lines = {summary.domain.screening_question: summary.screening_answer}
    for question, option in summary.rows:
        lines[question.text] = option.label if option else "Not answered"
    for label, text in summary.texts:
        lines[label] = text
    return lines


def changes_between(before: list, after: list) -> list[tuple[str, list[Change]]]:
    """(area title, its changes) for every area whose answers differ; areas are matched by their key."""
    earlier = {summary.domain.key: summary for summary in before}
    found = []
    for summary in after:
        old = _lines(earlier[summary.domain.key]) if summary.domain.key in earlier else {}
        new = _lines(summary)
        differences = [
            Change(label, old.get(label, "Not answered"), new.get(label, "Not answered"))
            for label in dict.fromkeys([*old, *new])
            if old.get(label, "") != new.get(label, "")
        ]
        if differences:
            found.append((summary.domain.title, differences))
    return found
