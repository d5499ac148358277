"""A change to the agreed plan, as plain rules: what a new version costs against the plan agreed before it, whether
that change is within the council's tolerance for changes (agreed at once, without waiting for sign-off), and the
rule that a personal budget is never reduced without a reassessment of the person's needs.

The tolerance is a share of the agreed plan's annual cost and, when the council sets one, a most in pounds a year:
a change is within it when it is within both, either way. A change of nothing is within any tolerance (another
provider at the same cost, say). A reduction is a change like any other once the person has been reassessed; before
that it is refused (Care Act 2014 s.27: a plan is revised on a review, and the needs it meets are only found smaller
by an assessment).
"""

from dataclasses import dataclass
from decimal import Decimal

from config.money import display

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ChangeTolerance:
    percent: Decimal  # of the agreed plan's annual cost
    most: Decimal | None = None  # pounds a year, at most; None when the council sets no such figure

    @property
    def text(self) -> str:
        """The tolerance in words: "up to 10% of its annual cost, and no more than £2,600.00 a year"."""
        most = f", and no more than {display(self.most)} a year" if self.most is not None else ""
        return f"up to {self.percent.normalize():f}% of its annual cost{most}"


@dataclass(frozen=True)
class Change:
    """A new version against the agreed plan it would replace."""

    agreed_number: int
    agreed_annual: Decimal
    annual: Decimal
    reassessed: bool  # the new version follows an assessment made since the agreed plan
    within_tolerance: bool
    tolerance: ChangeTolerance

    @property
    def pounds(self) -> Decimal:
        return self.annual - self.agreed_annual

    @property
    def reduces(self) -> bool:
        return self.pounds < 0

    @property
    def needs_reassessment(self) -> bool:
        return self.reduces and not self.reassessed

    @property
    def agreed_at_once(self) -> bool:
        """Agreed as soon as it is sent, nobody signing it off: a change within the tolerance, and no reduction
        without a reassessment."""
        return self.within_tolerance and not self.needs_reassessment

    @property
    def refusal(self) -> str:
        """Why the change cannot be sent, or nothing when it can."""
        if not self.needs_reassessment:
            return ""
        return (
            f"This plan costs {display(-self.pounds)} a year less than the agreed plan "
            f"({display(self.agreed_annual)} a year). A personal budget is only reduced after the person’s "
            "needs are reassessed: reassess them first, or keep the support the agreed plan pays for."
        )


def change(
    annual: Decimal,
    agreed_annual: Decimal,
    tolerance: ChangeTolerance,
    *,
    agreed_number: int,
    reassessed: bool,
) -> Change:
    difference = abs(annual - agreed_annual)
    within = difference * HUNDRED <= tolerance.percent * agreed_annual  # exact: no rounded percentage decides
    if tolerance.most is not None:
        within = within and difference <= tolerance.most
    return Change(
        agreed_number, agreed_annual, annual, reassessed, within_tolerance=within, tolerance=tolerance
    )
