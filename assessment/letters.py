"""What the assessment letters say, fixed when they are asked for (`Letter.content`): a letter printed again
later still says what was decided then."""

from django.utils import timezone

from assessment import eligibility
from assessment.eligibility import ADULT_OUTCOMES_NEEDED
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


CANNOT_MEAN = (
    "You cannot do something if you cannot do it without help (including reminders), or you can do it but only "
    "with a lot of pain, distress or anxiety, or doing it puts you or others at risk, or it takes you much "
    "longer than it would take most people."
)


def decision_content(assessment, decision, *, unable_outcomes, signposts: list[dict]) -> dict:
    """The decision as it was recorded, told to the person: each condition the law sets, in plain words, with what
    we found. Built from what was decided, never worked out again for the letter."""
    reasons = (
        _carer_reasons(decision, unable_outcomes)
        if assessment.is_for_a_carer
        else _adult_reasons(decision, unable_outcomes)
    )
    return {
        "assessment": assessment.reference,
        "kind": assessment.questionnaire.get_kind_display(),
        "support": "support as a carer" if assessment.is_for_a_carer else "care and support",
        "eligible": decision.eligible,
        "rule": "The law sets three conditions, and all three must be met. This is what we found.",
        "reasons": [*reasons, _wellbeing(decision.wellbeing_impact)],
        "cannot_mean": CANNOT_MEAN,
        "unable_outcomes": [outcome_label(outcome) for outcome in unable_outcomes],
        "prevention": [] if decision.eligible else PREVENTION_ADVICE,
        "signposts": signposts,
    }


def decision_told_to_the_person(assessment) -> dict:
    """The recorded decision on `assessment` told to the person, as in their letter, for their own pages."""
    unable = eligibility.unable_outcomes({f.outcome: f.reasons for f in assessment.findings.all()})
    return decision_content(assessment, assessment.decision, unable_outcomes=unable, signposts=[])


def _things(unable_outcomes) -> str:
    return "; ".join(outcome_label(outcome).lower() for outcome in unable_outcomes)


def _adult_reasons(decision, unable_outcomes) -> list[str]:
    count = len(unable_outcomes)
    if count >= ADULT_OUTCOMES_NEEDED:
        outcomes = (
            f"Because of them, there are {count} everyday things, from a list the law sets, that you cannot "
            f"do: {_things(unable_outcomes)}."
        )
    elif count:
        outcomes = (
            f"The law needs {ADULT_OUTCOMES_NEEDED} or more everyday things, from a list it sets, that you "
            f"cannot do. We found 1: {_things(unable_outcomes)}."
        )
    else:
        outcomes = (
            f"The law needs {ADULT_OUTCOMES_NEEDED} or more everyday things, from a list it sets, that you "
            "cannot do. We found none."
        )
    return [
        "Your needs come from a physical or mental health condition, illness or disability."
        if decision.needs_from_condition
        else "We did not find that your needs come from a physical or mental health condition, illness or "
        "disability.",
        outcomes,
    ]


def _carer_reasons(decision, unable_outcomes) -> list[str]:
    if decision.carer_health_at_risk and unable_outcomes:
        effect = (
            "Because of caring, your physical or mental health is getting worse, or may get worse, and there "
            f"are everyday things, from a list the law sets, that you cannot do: {_things(unable_outcomes)}."
        )
    elif decision.carer_health_at_risk:
        effect = "Because of caring, your physical or mental health is getting worse, or may get worse."
    elif unable_outcomes:
        effect = (
            "Because of caring, there are everyday things, from a list the law sets, that you cannot do: "
            f"{_things(unable_outcomes)}."
        )
    else:
        effect = (
            "We did not find that caring is making your health worse, or that it stops you doing any of the "
            "everyday things on the list the law sets."
        )
    return [
        "Your needs come from caring for an adult who needs your care."
        if decision.needs_from_condition
        else "We did not find that your needs come from caring for an adult who needs your care.",
        effect,
    ]


def _wellbeing(impact: bool) -> str:
    return (
        "As a result, there is, or is likely to be, a big effect on your wellbeing."
        if impact
        else "We did not find a big effect on your wellbeing."
    )
