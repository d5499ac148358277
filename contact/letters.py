"""What the letter after a contact says: the summary of what was agreed, each outcome told to the person in plain
words rather than by the name staff give it."""

from contact import notices
from contact.models import Contact, OutcomeKind

AGREED = {
    OutcomeKind.ADVICE: "We gave you information and advice, and told you about services that could help.",
    OutcomeKind.EQUIPMENT: "We asked for someone to look at equipment or small changes to your home that could "
    "help. Equipment and changes costing £1,000 or less are free.",
    OutcomeKind.TELECARE: "We asked our telecare team to contact you about an alarm or sensors that can call for "
    "help if you need it.",
    OutcomeKind.FALLS: "We asked for someone to look at what could help you avoid falls.",
    OutcomeKind.OCCUPATIONAL_THERAPY: "We asked an occupational therapist to contact you. They look at how you "
    "manage everyday tasks and what could make them easier.",
    OutcomeKind.REABLEMENT: "We asked our reablement team to contact you. Reablement is short-term support at "
    "home, free for up to 6 weeks, to help you do things for yourself again.",
    OutcomeKind.CARER: "We asked for someone to contact you about support for you as a carer, including a "
    "carer's assessment.",
    OutcomeKind.SELF_ASSESSMENT: "We went through your needs with you on the phone, in a self-assessment.",
    OutcomeKind.ASSESSMENT: "We asked for an assessment of your needs. Someone will contact you to arrange it.",
    OutcomeKind.NO_FURTHER_ACTION: "We agreed that you do not need anything more from us at the moment.",
}


def summary_content(contact: Contact) -> dict:
    """The summary the person keeps, fixed when it is asked for. A safeguarding concern is never in it (see
    `notices.summary_content`)."""
    return {
        **notices.summary_content(contact),
        "agreed": [
            AGREED[outcome.kind]
            for outcome in contact.outcomes.all()
            if outcome.kind != OutcomeKind.SAFEGUARDING
        ],
    }
