"""The stages of the journey a case moves through, and what each means to the people involved."""

from django.db import models


class Stage(models.TextChoices):
    CONTACT = "contact", "Initial contact"
    REABLEMENT = "reablement", "Reablement"
    ASSESSMENT = "assessment", "Assessment"
    INDICATIVE_BUDGET = "indicative_budget", "Indicative budget"
    SUPPORT_PLANNING = "support_planning", "Support planning"
    VALIDATION = "validation", "Sign-off"
    PLAN_AGREED = "plan_agreed", "Plan agreed"
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
    Stage.PLAN_AGREED: "The plan and its personal budget are agreed; the support is being arranged so it can start.",
    Stage.LIVE: "Support is in place. A light-touch review is due 6 to 8 weeks after sign-off.",
    Stage.REVIEW: "The plan is being reviewed with the person to check it still meets their outcomes.",
    Stage.CLOSED: "The case is closed. A new contact opens a new episode on the same record.",
}


# The same steps told to the person, in letters and on their own pages: to them, in plain words, never in the
# words of the record.
NEXT_STEPS_FOR_THE_PERSON = {
    Stage.CONTACT: "We are looking at what you told us and will be in touch about what could help, such as "
    "advice, equipment, short-term support at home or an assessment of your needs.",
    Stage.REABLEMENT: "Our reablement team will contact you to arrange short-term support at home, free for up "
    "to 6 weeks, to help you do things for yourself again. Before it ends, we will talk with you about whether "
    "you need anything more.",
    Stage.ASSESSMENT: "Someone from our team will contact you to arrange an assessment of your needs. You will go "
    "through it together, and then we will write to you with our decision on whether you can get care and "
    "support from us.",
    Stage.INDICATIVE_BUDGET: "We have worked out an early estimate of what your support may cost, and we will "
    "explain it to you. We will also look at your income and savings to work out what, if anything, you pay "
    "towards it.",
    Stage.SUPPORT_PLANNING: "We will plan your support with you: what matters to you, and how your support will "
    "help you achieve it.",
    Stage.VALIDATION: "Your support plan is with a manager to agree. We will tell you when it is agreed.",
    Stage.PLAN_AGREED: "Your support plan and personal budget are agreed. We are arranging your support so it can "
    "start, and we will write to you with the details.",
    Stage.LIVE: "Your support is in place. We will check with you how it is going 6 to 8 weeks after your plan "
    "was agreed.",
    Stage.REVIEW: "We are looking at your support with you, to check it still helps you achieve what matters to "
    "you.",
    Stage.CLOSED: "There is nothing more for us to do for now. If you need help again, or anything changes, "
    "contact us and we will start from what you have already told us.",
}


# Where the case has got to, named for the person rather than by the office's stage names.
STAGE_NAMES_FOR_THE_PERSON = {
    Stage.CONTACT: "Getting in touch",
    Stage.REABLEMENT: "Short-term support at home",
    Stage.ASSESSMENT: "Assessing your needs",
    Stage.INDICATIVE_BUDGET: "Working out your budget",
    Stage.SUPPORT_PLANNING: "Planning your support",
    Stage.VALIDATION: "Agreeing your plan",
    Stage.PLAN_AGREED: "Your plan is agreed",
    Stage.LIVE: "Support in place",
    Stage.REVIEW: "Reviewing your support",
    Stage.CLOSED: "Closed",
}


def next_step_for(stage: str) -> str:
    return NEXT_STEPS[Stage(stage)]


def next_step_for_the_person(stage: str) -> str:
    return NEXT_STEPS_FOR_THE_PERSON[Stage(stage)]


def stage_name_for_the_person(stage: str) -> str:
    return STAGE_NAMES_FOR_THE_PERSON[Stage(stage)]


# Where a case may go from each stage: the work done on it moves it, one step at a time. Any open case may close
# (when nothing keeps it open); a closed case stays closed, and a new contact opens a new episode, except for a
# chase (below).
MOVES: dict[Stage, frozenset[Stage]] = {
    Stage.CONTACT: frozenset({Stage.REABLEMENT, Stage.ASSESSMENT}),
    # An assessment may start during reablement, or reablement does not go ahead and the front door decides
    # what next.
    Stage.REABLEMENT: frozenset({Stage.CONTACT, Stage.ASSESSMENT}),
    # Eligible needs go on to the budget; needs found not eligible close with the decision letter.
    Stage.ASSESSMENT: frozenset({Stage.INDICATIVE_BUDGET}),
    # Back to assessment when the eligibility decision is changed before sign-off.
    Stage.INDICATIVE_BUDGET: frozenset({Stage.ASSESSMENT, Stage.SUPPORT_PLANNING}),
    # Sent for sign-off, or (a change to an agreed plan within the council's tolerance) agreed as it is sent.
    Stage.SUPPORT_PLANNING: frozenset({Stage.INDICATIVE_BUDGET, Stage.VALIDATION, Stage.PLAN_AGREED}),
    # Returned with reasons, or agreed.
    Stage.VALIDATION: frozenset({Stage.SUPPORT_PLANNING, Stage.PLAN_AGREED}),
    # The agreed plan goes live once its support is arranged, or is changed before it starts.
    Stage.PLAN_AGREED: frozenset({Stage.LIVE, Stage.SUPPORT_PLANNING}),
    Stage.LIVE: frozenset({Stage.REVIEW}),
    # A review ends with the plan as it is, a changed plan, or a reassessment.
    Stage.REVIEW: frozenset({Stage.LIVE, Stage.SUPPORT_PLANNING, Stage.ASSESSMENT}),
    # A contact chasing a matter closed within the repeat window (28 days) that needs more than advice reopens
    # that case where the help starts, rather than opening a new episode for the same matter.
    Stage.CLOSED: frozenset({Stage.CONTACT, Stage.REABLEMENT, Stage.ASSESSMENT}),
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


# The stages at which a provider is found for support in an agreed plan: before its support starts, and while the
# plan is in place (at a review, a provider to replace). Brokerage is kept by `reviews`; the rule is here, below
# every stage, so the person's own case page (served by `ras`, which may not import `reviews`) asks it too.
BROKERAGE_STAGES = (Stage.PLAN_AGREED, Stage.LIVE, Stage.REVIEW)


def may_ask_online_for_a_provider(*, stage: str, has_agreed_plan: bool, pays_full_cost: bool) -> bool:
    """Whether the person may ask online for help to find a provider for the support in their plan: someone who
    pays the full cost of their care (Care Act, section 18(3)), with an agreed plan, at a stage at which support
    is arranged. Anyone else's worker arranges it with them."""
    return has_agreed_plan and pays_full_cost and stage in BROKERAGE_STAGES
