"""The front door's rules, as plain functions: what a contact needs before it is complete, where its outcomes
take the case, and what counts as resolved at the first point of contact."""

import datetime

from cases.stages import Stage
from contact.models import OutcomeKind

# A contact from the same person within this many days is suggested as a repeat of the earlier one.
REPEAT_WINDOW = datetime.timedelta(days=28)

# Outcomes that settle the matter at the front door: nothing more for social care to do.
RESOLVING = frozenset(
    {OutcomeKind.ADVICE, OutcomeKind.EQUIPMENT, OutcomeKind.TELECARE, OutcomeKind.NO_FURTHER_ACTION}
)

# An anonymous caller can be given advice; anything that acts on a person needs to know who they are.
ANONYMOUS_OUTCOMES = frozenset({OutcomeKind.ADVICE, OutcomeKind.NO_FURTHER_ACTION})

REABLEMENT_CRITERIA = {
    "adult": "The person is 18 or over and lives in the council's area",
    "goal": "The person has a goal: something they want to be able to do again",
    "stable": "The person's health is stable enough to take part (no acute illness)",
    "potential": "Short-term support could help them do more for themselves",
    "agrees": "The person agrees to a reablement service",
}


def allowed_outcomes(*, anonymous: bool) -> list[OutcomeKind]:
    return [kind for kind in OutcomeKind if not anonymous or kind in ANONYMOUS_OUTCOMES]


def outcome_problems(kinds: set[str], *, anonymous: bool) -> list[str]:
    """Why a set of outcomes cannot go together, in words for the adviser; empty when it can."""
    problems = []
    if not kinds:
        problems.append("Select at least one outcome")
    if anonymous and kinds - ANONYMOUS_OUTCOMES:
        problems.append("An anonymous caller can only be given advice. Record who the contact is about first")
    if OutcomeKind.NO_FURTHER_ACTION in kinds and len(kinds) > 1:
        problems.append("No further action cannot go with another outcome")
    if {OutcomeKind.SELF_ASSESSMENT, OutcomeKind.ASSESSMENT} <= kinds:
        problems.append(
            "Choose either a supported self-assessment now or a referral for assessment, not both"
        )
    return problems


def unmet_reablement_criteria(answers: dict[str, bool]) -> list[str]:
    return [text for key, text in REABLEMENT_CRITERIA.items() if not answers.get(key)]


def is_resolved_at_first_contact(
    kinds: set[str], *, failure_demand: bool = False, sent_on: bool = False
) -> bool:
    """Settled there and then: every outcome resolving. A contact about something we already knew of (failure
    demand) never counts: the first contact about that matter did not settle it. Nor does one with equipment or
    an adaptation too dear to be free (`sent_on`): its financial assessment or grant is still to come."""
    return bool(kinds) and kinds <= RESOLVING and not failure_demand and not sent_on


def stage_after(
    kinds: set[str], current: str = Stage.CONTACT, *, failure_demand: bool = False, sent_on: bool = False
) -> Stage | None:
    """Where the case goes when the contact is completed; None leaves it where it is. Only a case still at the
    front door moves: a contact about someone already being assessed, or with support in place, is added to
    their case without pulling it back or closing it. A safeguarding concern on its own keeps the case at the
    front door until a manager decides.

    A contact chasing a matter (failure demand) lands on that matter's case and never closes it: the matter is
    still open for the person. When that case was closed, the chase leaves it closed unless it needs more
    than advice, which reopens the case where that help starts."""
    if failure_demand and current == Stage.CLOSED:
        if kinds <= RESOLVING:
            return None
        return stage_after(kinds, Stage.CONTACT, failure_demand=True) or Stage.CONTACT
    if current != Stage.CONTACT:
        return None
    if OutcomeKind.REABLEMENT in kinds:
        return Stage.REABLEMENT
    if kinds & {OutcomeKind.SELF_ASSESSMENT, OutcomeKind.ASSESSMENT}:
        return Stage.ASSESSMENT
    if OutcomeKind.SAFEGUARDING in kinds:
        return None
    if is_resolved_at_first_contact(kinds, failure_demand=failure_demand, sent_on=sent_on):
        return Stage.CLOSED
    return None


def missing_details(contact, kinds: set[str]) -> list[tuple[str, str]]:
    """(step, message) for everything the contact still needs before it can be completed."""
    missing = []
    if not contact.caller_kind:
        missing.append(("about", "Say who is getting in touch"))
    if not contact.anonymous and contact.person_id is None:
        missing.append(("about", "Say who the contact is about"))
    if not contact.reason.strip():
        missing.append(("about", "Record the reason for the contact"))
    if contact.person_id and not contact.consent:
        missing.append(("about", "Record whether the person agrees to us sharing their information"))
    if contact.person_id and contact.about_known_matter is None:
        missing.append(("about", "Say whether the contact is about something we already know of"))
    if not kinds:
        missing.append(("outcomes", "Record what came of the contact"))
    if OutcomeKind.EQUIPMENT in kinds and not contact.equipment_items.all():
        missing.append(("equipment", "List the equipment or adaptations, with their cost"))
    return missing


def is_repeat_candidate(earlier_at: datetime.datetime, now: datetime.datetime) -> bool:
    return now - earlier_at <= REPEAT_WINDOW


def effect_on_case(
    kinds: set[str],
    current: str | None,
    unsettled: list[str] = (),
    *,
    failure_demand: bool = False,
    sent_on: bool = False,
) -> str:
    """What completing the contact will do to the person's case, in a sentence for the adviser; `current` is
    the stage of the case it lands on, or None when a new one will be opened; `unsettled`, why that case cannot
    close now (Case.reasons_not_to_close)."""
    opening = "A new case will be opened. " if current is None else ""
    stage = stage_after(kinds, current or Stage.CONTACT, failure_demand=failure_demand, sent_on=sent_on)
    if stage == Stage.CLOSED and unsettled:
        return f"Their case stays open, although the contact is resolved. {' '.join(unsettled)}"
    if stage == Stage.CLOSED:
        return opening + "It will then be closed: resolved at the first contact."
    if stage is not None and current == Stage.CLOSED:
        return f"Their closed case will be reopened and move to {stage.label.lower()}."
    if stage is not None:
        return opening + f"It will move to {stage.label.lower()}."
    if current is None:
        return opening + "It will stay at the front door."
    if current == Stage.CLOSED:
        return "Their case stays closed. This contact is added to its timeline."
    return f"Their case stays at {Stage(current).label.lower()}. This contact is added to its timeline."
