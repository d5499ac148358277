"""What can happen on a case's journey: the one vocabulary of the journey log (cases.models.CaseEvent).

Each event is one milestone with structured facts (`CaseEvent.facts`) and a sentence for people
(`CaseEvent.summary`). The analytics (time per stage, pinch points, hand-offs, time from first contact to needs
met) read the milestones and facts, never the sentences. A new milestone is a new member here and a migration
(the database refuses any value not in this list).
"""

from django.db import models

from cases.stages import Stage


class Milestone(models.TextChoices):
    # The case itself
    CASE_OPENED = "case_opened", "Case opened"
    STAGE_CHANGED = "stage_changed", "Stage changed"
    CASE_REOPENED = "case_reopened", "Case reopened"
    CASE_CLOSED = "case_closed", "Case closed"
    ALLOCATED = "allocated", "Allocated"
    REALLOCATED = "reallocated", "Reallocated"
    ALLOCATED_TO_TEAM = "allocated_to_team", "Passed to a team"
    KEPT_OPEN = "kept_open", "Kept open"
    FLAG_CLEARED = "flag_cleared", "Flag cleared"
    DETAILS_UPDATED = "details_updated", "Personal details updated"
    RELATIONSHIP_ADDED = "relationship_added", "Carer or representative added"
    RELATIONSHIP_REMOVED = "relationship_removed", "Carer or representative removed"
    # The front door
    CONTACT_RECEIVED = "contact_received", "Contact received"
    RESOLVED_AT_FIRST_CONTACT = "resolved_at_first_contact", "Resolved at first contact"
    EQUIPMENT_DECIDED = "equipment_decided", "Equipment decided"
    SAFEGUARDING_RAISED = "safeguarding_raised", "Safeguarding concern raised"
    SAFEGUARDING_DECIDED = "safeguarding_decided", "Safeguarding concern decided"
    ENQUIRY_STARTED = "enquiry_started", "Section 42 enquiry started"
    ENQUIRY_FINISHED = "enquiry_finished", "Section 42 enquiry finished"
    REFERRAL_MADE = "referral_made", "Referral made"
    REFERRAL_DECIDED = "referral_decided", "Referral updated"
    REABLEMENT_STARTED = "reablement_started", "Reablement started"
    REABLEMENT_ENDED = "reablement_ended", "Reablement ended"
    # The assessment
    ASSESSMENT_STARTED = "assessment_started", "Assessment started"
    SELF_ASSESSMENT_ADDED = "self_assessment_added", "Self-assessment added"
    ASSESSMENT_COMPLETED = "assessment_completed", "Assessment completed"
    ELIGIBILITY_DECIDED = "eligibility_decided", "Eligibility decided"
    ASSESSMENT_SIGNED_OFF = "assessment_signed_off", "Assessment signed off"
    ASSESSMENT_REVISION_STARTED = "assessment_revision_started", "Assessment revision started"
    # Money
    BUDGET_WORKED_OUT = "budget_worked_out", "Indicative budget worked out"
    FINANCIAL_ASSESSMENT_CONFIRMED = "financial_assessment_confirmed", "Financial assessment confirmed"
    # Planning, sign-off, support and review
    PLAN_STARTED = "plan_started", "Support plan started"
    PLAN_SUBMITTED = "plan_submitted", "Support plan sent for sign-off"
    PLAN_HANDED_OVER = "plan_handed_over", "Draft plan handed over"
    PLAN_SENT_TO_WORKER = "plan_sent_to_worker", "Draft plan sent to the worker"
    PLAN_ANSWERED = "plan_answered", "The person answered their support plan"
    PLAN_RETURNED = "plan_returned", "Support plan returned"
    PLAN_ESCALATED = "plan_escalated", "Support plan escalated"
    PLAN_AGREED = "plan_agreed", "Support plan agreed"
    # The risk enablement panel, by exception: a plan or one of its risks referred, placed on a meeting (or
    # moved), decided, or the referral withdrawn. Each event's facts carry where the referral stands whole.
    PANEL_REFERRED = "panel_referred", "Referred to the risk enablement panel"
    PANEL_SCHEDULED = "panel_scheduled", "Risk enablement panel meeting set"
    PANEL_DECIDED = "panel_decided", "Risk enablement panel decided"
    PANEL_WITHDRAWN = "panel_withdrawn", "Risk enablement panel referral withdrawn"
    SERVICES_STARTED = "services_started", "Services started"
    # The whole support of a plan ended (the plan's last day, why, and the national return's outcome in the facts),
    # or one service of it.
    SERVICES_ENDED = "services_ended", "Services ended"
    SERVICE_ENDED = "service_ended", "One service ended"
    # A new provider takes over one service of the support in place: the old order ends, a new one starts.
    PROVIDER_CHANGED = "provider_changed", "Provider changed"
    # Urgent support started before the assessment or plan is done, extended with a reason, and ended (by the
    # plan's support starting, or by itself). Each event's facts carry the interim support whole.
    INTERIM_STARTED = "interim_started", "Urgent interim support started"
    INTERIM_EXTENDED = "interim_extended", "Urgent interim support extended"
    INTERIM_ENDED = "interim_ended", "Urgent interim support ended"
    REVIEW_DUE = "review_due", "Review due"
    REVIEW_DONE = "review_done", "Review done"
    SELF_REVIEW_RECEIVED = "self_review_received", "Self-review received"
    # A direct payment return: the balance in the account and spending outside the plan, flagged when material.
    DIRECT_PAYMENT_RETURN = "direct_payment_return", "Direct payment return"
    PROGRESS_RECORDED = "progress_recorded", "Progress recorded by a provider"
    REVIEW_ASKED_FOR = "review_asked_for", "Review asked for"
    # Brokerage: help to find a provider for an item of the plan, asked for, answered by providers' offers, and one
    # chosen (the hand-offs from the worker or the person to the broker, and back).
    BROKERAGE_REQUESTED = "brokerage_requested", "Help to find a provider asked for"
    BROKERAGE_OFFER_RECORDED = "brokerage_offer_recorded", "Provider's offer recorded"
    BROKERAGE_OFFER_CHOSEN = "brokerage_offer_chosen", "Provider's offer chosen"
    # The plan it was asked for was replaced, and the replacing plan's support has started: no longer needed.
    BROKERAGE_WITHDRAWN = "brokerage_withdrawn", "Help to find a provider no longer needed"
    # Letters
    LETTER_REQUESTED = "letter_requested", "Letter requested"
    # The letter is rendered and waiting on the case for the person and staff; nothing here posts it.
    LETTER_READY = "letter_ready", "Letter ready"
    LETTER_FAILED = "letter_failed", "Letter failed"
    # Anything written before the log was typed that no pattern recognises
    NOTE = "note", "Note"


# Someone (or some team) took the case on: the hand-offs.
ALLOCATIONS = frozenset({Milestone.ALLOCATED, Milestone.REALLOCATED, Milestone.ALLOCATED_TO_TEAM})

# Brokerage's steps, in order; each event's facts carry the request (`request`) and the plan item (`item`).
BROKERAGE = frozenset(
    {
        Milestone.BROKERAGE_REQUESTED,
        Milestone.BROKERAGE_OFFER_RECORDED,
        Milestone.BROKERAGE_OFFER_CHOSEN,
        Milestone.BROKERAGE_WITHDRAWN,
    }
)

# Sign-off's decisions on a plan; those that end its sign-off, which the plan's workers are told of (the event's
# `facts["tell"]`: their user ids).
SIGN_OFF = frozenset({Milestone.PLAN_AGREED, Milestone.PLAN_RETURNED, Milestone.PLAN_ESCALATED})
PLAN_DECISIONS = frozenset({Milestone.PLAN_AGREED, Milestone.PLAN_RETURNED})

# The milestones that mark the case entering a stage, each with the stages it can enter. The stage entered is
# the event's `stage` (the log records the stage the case is at once the event has happened); a move also has
# `facts["from"]` and `facts["to"]`. Time in a stage runs from its entry to the next entry.
STAGE_ENTRIES: dict[Milestone, frozenset[Stage]] = {
    Milestone.CASE_OPENED: frozenset({Stage.CONTACT}),
    Milestone.STAGE_CHANGED: frozenset(Stage) - {Stage.CLOSED},
    Milestone.CASE_REOPENED: frozenset({Stage.CONTACT, Stage.REABLEMENT, Stage.ASSESSMENT}),
    Milestone.CASE_CLOSED: frozenset({Stage.CLOSED}),
    Milestone.RESOLVED_AT_FIRST_CONTACT: frozenset({Stage.CLOSED}),
}

# The moves between stages (every entry but the first).
STAGE_MOVES = frozenset(STAGE_ENTRIES) - {Milestone.CASE_OPENED}

# What happens to a referral to the risk enablement panel; the latest of them about a referral says where it
# stands (cases.selectors.panel_referrals_on).
PANEL = frozenset(
    {Milestone.PANEL_REFERRED, Milestone.PANEL_SCHEDULED, Milestone.PANEL_DECIDED, Milestone.PANEL_WITHDRAWN}
)

# Urgent interim support's steps; the latest about one interim support says where it stands
# (cases.selectors.interim_support_on).
INTERIM = frozenset({Milestone.INTERIM_STARTED, Milestone.INTERIM_EXTENDED, Milestone.INTERIM_ENDED})

# What each letter event says happened to the letter.
LETTERS = frozenset({Milestone.LETTER_REQUESTED, Milestone.LETTER_READY, Milestone.LETTER_FAILED})


def milestone_for_move(previous: str, stage: str) -> Milestone:
    """The milestone a move between stages is logged as, unless the caller names a more telling one."""
    if stage == Stage.CLOSED:
        return Milestone.CASE_CLOSED
    if previous == Stage.CLOSED:
        return Milestone.CASE_REOPENED
    return Milestone.STAGE_CHANGED
