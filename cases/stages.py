"""The stages of the journey a case moves through, and what each means to the people involved."""

from django.db import models


class Stage(models.TextChoices):
    CONTACT = "contact", "Initial contact"
    REABLEMENT = "reablement", "Reablement"
    ASSESSMENT = "assessment", "Assessment"
    INDICATIVE_BUDGET = "indicative_budget", "Indicative budget"
    SUPPORT_PLANNING = "support_planning", "Support planning"
    VALIDATION = "validation", "Sign-off"
    LIVE = "live", "Support in place"
    REVIEW = "review", "Review"
    CLOSED = "closed", "Closed"


NEXT_STEPS = {
    Stage.CONTACT: "An adviser is finding out what matters to the person and whether advice, equipment, "
    "reablement or an assessment would help.",
    Stage.REABLEMENT: "Short-term support, free for up to 6 weeks, to help the person regain independence. "
    "Its outcome is recorded before any longer-term decision.",
    Stage.ASSESSMENT: "A practitioner completes the supported self-assessment with the person and decides "
    "whether their needs are eligible under the Care Act.",
    Stage.INDICATIVE_BUDGET: "The Resource Allocation System gives an indicative budget, explained to the "
    "person, and the financial assessment shows what they may pay.",
    Stage.SUPPORT_PLANNING: "The person and their practitioner write a support plan: the outcomes that matter "
    "and how each will be met.",
    Stage.VALIDATION: "A team manager signs off the plan within their delegated limit, or passes it on.",
    Stage.LIVE: "Support is in place. A light-touch review is due 6 to 8 weeks after sign-off.",
    Stage.REVIEW: "The plan is being reviewed with the person to check it still meets their outcomes.",
    Stage.CLOSED: "The case is closed. A new contact opens a new episode on the same record.",
}


# The same, said to the person whose case it is, for their own pages.
NEXT_STEPS_FOR_YOU = {
    Stage.CONTACT: "We are finding out what matters to you and whether advice, equipment, short-term support "
    "or an assessment would help.",
    Stage.REABLEMENT: "Short-term support, free for up to 6 weeks, to help you do things for yourself again. We "
    "look at how it went before deciding anything for the longer term.",
    Stage.ASSESSMENT: "A practitioner goes through the assessment with you, then decides whether your needs are "
    "eligible for care and support. We write to you with the decision.",
    Stage.INDICATIVE_BUDGET: "We have worked out how much your support might cost (your indicative budget). Next "
    "we work out whether you pay anything towards it, and write to you.",
    Stage.SUPPORT_PLANNING: "You and your practitioner write your support plan: what matters to you and how each "
    "part will be met.",
    Stage.VALIDATION: "A manager is checking and agreeing your support plan.",
    Stage.LIVE: "Your support is in place. We check with you how it is going 6 to 8 weeks after it starts.",
    Stage.REVIEW: "We are looking at your plan with you to check it still gives you what matters to you.",
    Stage.CLOSED: "This case is closed. If you need help again, get in touch and we will open a new one.",
}


def next_step_for(stage: str) -> str:
    return NEXT_STEPS[Stage(stage)]


def next_step_for_you(stage: str) -> str:
    return NEXT_STEPS_FOR_YOU[Stage(stage)]


# Where a case may go from each stage: the work done on it moves it, one step at a time. Any open case may close
# (when nothing keeps it open); a closed case stays closed: a new contact opens a new episode.
MOVES: dict[Stage, frozenset[Stage]] = {
    Stage.CONTACT: frozenset({Stage.REABLEMENT, Stage.ASSESSMENT}),
    # An assessment may start during reablement.
    Stage.REABLEMENT: frozenset({Stage.ASSESSMENT}),
    # Eligible needs go on to the budget; needs found not eligible close with the decision letter.
    Stage.ASSESSMENT: frozenset({Stage.INDICATIVE_BUDGET}),
    # Back to assessment when the eligibility decision is changed before sign-off.
    Stage.INDICATIVE_BUDGET: frozenset({Stage.ASSESSMENT, Stage.SUPPORT_PLANNING}),
    Stage.SUPPORT_PLANNING: frozenset({Stage.INDICATIVE_BUDGET, Stage.VALIDATION}),
    # Returned with reasons, or agreed.
    Stage.VALIDATION: frozenset({Stage.SUPPORT_PLANNING, Stage.LIVE}),
    Stage.LIVE: frozenset({Stage.REVIEW}),
    # A review ends with the plan as it is, a changed plan, or a reassessment.
    Stage.REVIEW: frozenset({Stage.LIVE, Stage.SUPPORT_PLANNING, Stage.ASSESSMENT}),
    Stage.CLOSED: frozenset(),
}


class IllegalMove(Exception):
    """The case cannot go from its stage to that one; the message says so in words."""

    def __init__(self, current: str, wanted: str):
        self.current, self.wanted = Stage(current), Stage(wanted)
        super().__init__(f"A case at {self.current.label.lower()} cannot move to {self.wanted.label.lower()}")


def can_move(current: str, wanted: str) -> bool:
    """Staying where it is counts as allowed (nothing happens); any open case may close."""
    current, wanted = Stage(current), Stage(wanted)
    if current == wanted:
        return True
    if wanted == Stage.CLOSED:
        return current != Stage.CLOSED
    return wanted in MOVES[current]


def check_move(current: str, wanted: str) -> None:
    if not can_move(current, wanted):
        raise IllegalMove(current, wanted)
