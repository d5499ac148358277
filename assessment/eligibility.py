"""The Care Act eligibility rules (Care and Support (Eligibility Criteria) Regulations 2015) as plain functions.

An adult's needs are eligible when (1) they arise from or relate to a physical or mental impairment or illness,
(2) as a result the adult is unable to achieve two or more of the specified outcomes, and (3) as a consequence
there is, or is likely to be, a significant impact on their wellbeing.

A carer's needs are eligible when (1) they arise from providing necessary care to an adult, (2) as a result the
carer's physical or mental health is, or is at risk of, deteriorating, or the carer is unable to achieve any one
of the carers' outcomes, and (3) as a consequence there is, or is likely to be, a significant impact on their
wellbeing.

"Unable to achieve" means any of the four reasons below; no outcome outranks another.
"""

from dataclasses import dataclass

from assessment.outcomes import outcome_label

# Each reason as the practitioner ticks it about the person, in plain words that keep the regulations' meaning.
UNABLE_REASONS = {
    "without_assistance": "Cannot do it without help, including prompting",
    "pain_distress": "Can do it, but only with significant pain, distress or anxiety",
    "endangers": "Can do it, but it puts their own or other people's health or safety at risk",
    "takes_longer": "Can do it, but it takes significantly longer than would normally be expected",
}

ADULT_OUTCOMES_NEEDED = 2
CARER_OUTCOMES_NEEDED = 1


@dataclass(frozen=True)
class Condition:
    text: str
    met: bool
    why: str


@dataclass(frozen=True)
class Determination:
    eligible: bool
    conditions: tuple[Condition, ...]
    unable_outcomes: tuple[str, ...]
    # What eligible needs entitle someone to: an adult to care and support, a carer to support as a carer.
    support: str = "care and support"

    @property
    def explanation(self) -> list[str]:
        """The decision in sentences, condition by condition, for the practitioner, the record and the letter."""
        lines = [f"{'Met' if c.met else 'Not met'}: {c.text}. {c.why}" for c in self.conditions]
        lines.append(
            f"All three conditions are met, so the needs are eligible for {self.support}."
            if self.eligible
            else f"Not every condition is met, so the needs are not eligible for {self.support} from the council."
        )
        return lines


def unable_outcomes(findings: dict[str, list[str]]) -> tuple[str, ...]:
    """The outcomes with at least one recognised reason the person cannot achieve them."""
    return tuple(outcome for outcome, reasons in findings.items() if set(reasons) & set(UNABLE_REASONS))


def _outcomes_sentence(unable: tuple[str, ...]) -> str:
    if not unable:
        return "No outcome was found that they cannot achieve."
    names = "; ".join(outcome_label(outcome).lower() for outcome in unable)
    return f"They cannot achieve {len(unable)}: {names}."


def _practitioner_found(holds: bool) -> str:
    return "The practitioner found that they do." if holds else "The practitioner found that they do not."


def _wellbeing(impact: bool) -> Condition:
    return Condition(
        "this has, or is likely to have, a significant impact on their wellbeing",
        impact,
        "The practitioner found that it does." if impact else "The practitioner did not find that it does.",
    )


def adult_eligibility(
    *, needs_from_impairment: bool, findings: dict[str, list[str]], wellbeing_impact: bool
) -> Determination:
    unable = unable_outcomes(findings)
    conditions = (
        Condition(
            "the needs come from a physical or mental impairment or illness",
            needs_from_impairment,
            _practitioner_found(needs_from_impairment),
        ),
        Condition(
            f"because of these needs, the person cannot achieve {ADULT_OUTCOMES_NEEDED} or more of the outcomes "
            "the law lists",
            len(unable) >= ADULT_OUTCOMES_NEEDED,
            _outcomes_sentence(unable),
        ),
        _wellbeing(wellbeing_impact),
    )
    return Determination(all(c.met for c in conditions), conditions, unable)


def carer_eligibility(
    *, needs_from_caring: bool, health_at_risk: bool, findings: dict[str, list[str]], wellbeing_impact: bool
) -> Determination:
    unable = unable_outcomes(findings)
    health = "Their health is getting worse or is at risk. " if health_at_risk else ""
    conditions = (
        Condition(
            "the needs come from providing necessary care to an adult",
            needs_from_caring,
            _practitioner_found(needs_from_caring),
        ),
        Condition(
            "because of caring, the carer's physical or mental health is getting worse or is at risk of getting "
            f"worse, or they cannot achieve at least {CARER_OUTCOMES_NEEDED} of the outcomes the law lists for "
            "carers",
            health_at_risk or len(unable) >= CARER_OUTCOMES_NEEDED,
            health + _outcomes_sentence(unable),
        ),
        _wellbeing(wellbeing_impact),
    )
    return Determination(all(c.met for c in conditions), conditions, unable, support="support as a carer")


def decide(
    *,
    for_carer: bool,
    findings: dict[str, list[str]],
    needs_from_condition: bool,
    carer_health_at_risk: bool | None,
    wellbeing_impact: bool,
) -> Determination:
    """The carers' rule for a carer's assessment, the adults' rule otherwise."""
    if for_carer:
        return carer_eligibility(
            needs_from_caring=needs_from_condition,
            health_at_risk=bool(carer_health_at_risk),
            findings=findings,
            wellbeing_impact=wellbeing_impact,
        )
    return adult_eligibility(
        needs_from_impairment=needs_from_condition, findings=findings, wellbeing_impact=wellbeing_impact
    )


def suggested_outcomes(domains_with_needs) -> list[str]:
    """The outcomes the answers point to (from the domains screened in), for the practitioner to consider
    first; the practitioner decides, the answers only suggest."""
    seen: dict[str, None] = {}
    for domain in domains_with_needs:
        for outcome in domain.outcomes:
            seen.setdefault(outcome)
    return list(seen)
