"""What the assessment letters say, fixed when they are asked for (`Letter.content`): a letter printed again
later still says what was decided then."""

from django.utils import timezone

from assessment.outcomes import outcome_label

PREVENTION_ADVICE = [
    "Our directory of local services lists groups, clubs, equipment shops and support that can help you stay "
    "independent, many of them free.",
    "Small changes at home, such as grab rails, better lighting or a pendant alarm, can prevent falls. We can "
    "tell you where to get them.",
    "If you look after someone, a carer's assessment is your right, whatever the outcome of this one.",
    "If your needs change, contact us again and we will look at them afresh.",
]


def summary_content(assessment, summaries) -> dict:
    """The assessment as the person reads it back: what they told us in each area explored, and the areas
    where they said they need no help."""
    return {
        "assessment": assessment.reference,
        "kind": assessment.questionnaire.get_kind_display(),
        "date": f"{timezone.localdate(assessment.completed_at or timezone.now()):%-d %B %Y}",
        "reason": assessment.reason,
        "what_matters": assessment.what_matters,
        "explored": [
            {
                "title": summary.domain.title,
                "answers": [
                    {"question": question.text, "answer": option.label if option else "Not answered"}
                    for question, option in summary.rows
                ],
                "words": summary.texts[0][1] if summary.texts else "",
            }
            for summary in summaries
            if summary.has_needs
        ],
        "no_needs": [summary.domain.title for summary in summaries if summary.has_needs is False],
    }


def decision_content(assessment, decision, *, unable_outcomes, signposts: list[dict]) -> dict:
    """The decision as it was recorded (its explanation is the one the practitioner saw), never worked out
    again for the letter."""
    return {
        "assessment": assessment.reference,
        "kind": assessment.questionnaire.get_kind_display(),
        "support": "support as a carer" if assessment.is_for_a_carer else "care and support",
        "eligible": decision.eligible,
        "explanation": decision.explanation,
        "unable_outcomes": [outcome_label(outcome) for outcome in unable_outcomes],
        "prevention": [] if decision.eligible else PREVENTION_ADVICE,
        "signposts": signposts,
    }
