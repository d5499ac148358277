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


def next_step_for(stage: str) -> str:
    return NEXT_STEPS[Stage(stage)]
