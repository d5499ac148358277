"""Ending support, as plain rules: why a plan or one of its services ends, what that is called in the national
return, and which end dates make sense. Each problem names the field it is about, for the message beside it."""

import datetime

from django.db import models

# A planned end is agreed with the person and the providers ahead; further off than this, it is not a plan yet.
FURTHEST_AHEAD = datetime.timedelta(days=183)


class EndReason(models.TextChoices):
    """Why support ends, in the words a worker uses. The order is how often each comes up."""

    NEEDS_MET = "needs_met", "Their needs are met: the support is no longer needed"
    CARE_HOME = "care_home", "They have moved into a care home"
    NHS_FUNDED = "nhs_funded", "The NHS now pays for all of their care (100% NHS funded)"
    MOVED_AWAY = "moved_away", "They have moved out of the council’s area"
    DECLINED = "declined", "They no longer want the support"
    DECEASED = "deceased", "They have died"
    # Never chosen on the ending form: a service ends this way when a provider found for it takes over
    # (reviews.services.change_provider).
    NEW_PROVIDER = "new_provider", "Another provider takes over"
    # Never chosen either: a service of the earlier plan ends this way when a changed plan's support starts without
    # it, or with it changed (reviews.replacing).
    PLAN_CHANGED = "plan_changed", "The plan changed"


# The reasons a worker chooses from when they end support.
CHOSEN = [
    (value, label)
    for value, label in EndReason.choices
    if value not in (EndReason.NEW_PROVIDER, EndReason.PLAN_CHANGED)
]


# The Client Level Data return's service event outcome for each reason, where the return has the same idea; None
# where it has not (a move into a care home is a new service, not an ending, in the return: docs/decisions.md).
CLD_OUTCOME = {
    EndReason.NEEDS_MET: None,
    EndReason.CARE_HOME: None,
    EndReason.NHS_FUNDED: "NFA - 100% NHS funded care",
    EndReason.MOVED_AWAY: "NFA - Moved to another LA",
    EndReason.DECLINED: "NFA - Support declined",
    EndReason.DECEASED: "NFA - Deceased",
    EndReason.NEW_PROVIDER: None,
    EndReason.PLAN_CHANGED: None,
}

# What a provider is told, in a sentence that begins "This is because ...": never the office's words, and for a
# death, said plainly and kindly.
TO_THE_PROVIDER = {
    EndReason.NEEDS_MET: "{name} no longer needs this support",
    EndReason.CARE_HOME: "{name} is moving into a care home",
    EndReason.NHS_FUNDED: "the NHS will now pay for all of {name}’s care",
    EndReason.MOVED_AWAY: "{name} is moving out of our area",
    EndReason.DECLINED: "{name} has decided they no longer want this support",
    EndReason.DECEASED: "we are sorry to tell you that {name} has died",
    EndReason.NEW_PROVIDER: "another provider will provide this support for {name} from the day after",
    EndReason.PLAN_CHANGED: "{name}’s support plan has changed: anything we ask of you under the new plan from "
    "the day after comes with an order of its own",
}

# What the person is told. Nothing is written to someone who has died.
TO_THE_PERSON = {
    EndReason.NEEDS_MET: "you told us you no longer need it",
    EndReason.CARE_HOME: "you are moving into a care home",
    EndReason.NHS_FUNDED: "the NHS will now pay for all of your care",
    EndReason.MOVED_AWAY: "you are moving out of our area",
    EndReason.DECLINED: "you told us you no longer want it",
}


def writes_to_the_person(reason: str) -> bool:
    """Whether the person is sent a letter about their support ending: never after they have died."""
    return reason in TO_THE_PERSON


def end_date_problems(
    *, ends_on: datetime.date, started_on: datetime.date, reason: str, today: datetime.date
) -> dict[str, str]:
    """An end date on or after the day the support started; a planned end within the next 6 months; and, after a
    death, not in the future (the support has ended already)."""
    if ends_on < started_on:
        return {
            "ends_on": f"The end date must be on or after the day the support started, {started_on:%-d %B %Y}"
        }
    if reason == EndReason.DECEASED and ends_on > today:
        return {"ends_on": "The end date must be today or in the past, as the person has died"}
    if ends_on > today + FURTHEST_AHEAD:
        return {"ends_on": "The end date must be within the next 6 months"}
    return {}
