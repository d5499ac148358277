"""How long sign-off takes, read from the case record: each sign-off decision (`SignOffDecision`) and when its plan
was sent for sign-off (`SupportPlan.submitted_at`).

Over a period of days (Europe/London, first and last included), by when decisions were made:

- decisions per level of the delegation scheme, agreed, returned and escalated;
- the time from a plan being sent to the decision that agreed or returned it, as a median and a 90th percentile in
  days, overall and by the level that made that decision. A plan escalated before its decision counts once, from
  being sent to that decision; a plan still waiting, or withdrawn to be changed, has no decision and no time yet;
- the share decided within the target, each decision against the target of the scheme version it was made under
  (`DelegationScheme.decision_days`, calendar days);
- returns by what most needed to change (returns recorded before that was asked count as "Other"), and escalations
  from each level to the next.

`turnaround(period)` makes three queries however many decisions there are: the counts, the times by level, and the
times overall, each aggregated in Postgres.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, DurationField, Exists, F, Func, OuterRef, Q, QuerySet

from config.figures import DAY, PercentileCont, Tally, in_days, midnight, rate
from validation.models import SignOffDecision

Outcome = SignOffDecision.Outcome
ReturnReason = SignOffDecision.ReturnReason


@dataclass(frozen=True)
class Period:
    """Whole days in Europe/London, `first` to `last`, both included."""

    first: datetime.date
    last: datetime.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start_at(self) -> datetime.datetime:
        return midnight(self.first)

    @property
    def end_at(self) -> datetime.datetime:
        """The midnight after the last day: decisions before it count."""
        return midnight(self.last + DAY)


@dataclass(frozen=True)
class Times:
    """Plans decided (agreed or returned), how long from being sent, and how many within their target."""

    decided: int = 0
    median_days: float | None = None
    p90_days: float | None = None
    within_target: int = 0
    escalated_first: int = 0  # of those decided, the plans escalated at least once before their decision
    targets: tuple[int, ...] = ()  # the targets, in days, the decisions were measured against

    @property
    def within_target_rate(self) -> float | None:
        return rate(self.within_target, self.decided)


@dataclass
class LevelFigures:
    """A level of the scheme, by its place in the order of escalation and its name when the decisions were made."""

    place: int
    name: str
    agreed: int = 0
    returned: int = 0
    escalated: int = 0
    times: Times = field(default_factory=Times)

    @property
    def decisions(self) -> int:
        return self.agreed + self.returned + self.escalated


@dataclass(frozen=True)
class Escalation:
    from_level: str
    to_level: str
    count: int


@dataclass(frozen=True)
class Turnaround:
    period: Period
    overall: Times
    levels: list[LevelFigures]
    returns: list[Tally]  # by what most needed to change, the most common first
    escalations: list[Escalation]  # from each level to the next, in the order of escalation

    @property
    def decisions(self) -> int:
        return sum(level.decisions for level in self.levels)

    @property
    def agreed(self) -> int:
        return sum(level.agreed for level in self.levels)

    @property
    def returned(self) -> int:
        return sum(level.returned for level in self.levels)

    @property
    def escalated(self) -> int:
        return sum(level.escalated for level in self.levels)


def decisions_in(period: Period) -> QuerySet[SignOffDecision]:
    """Sign-off's decisions in the period: not a change agreed as it was sent, which nobody signed off."""
    return SignOffDecision.objects.filter(
        decided_at__gte=period.start_at, decided_at__lt=period.end_at
    ).exclude(outcome=Outcome.WITHIN_TOLERANCE)


def _final_decisions(period: Period) -> QuerySet[SignOffDecision]:
    """The decisions that agreed or returned a plan."""
    return decisions_in(period).filter(outcome__in=SignOffDecision.SIGNED_OFF)


def _time_aggregates() -> dict:
    """How many plans were decided, the median and 90th percentile of the time from being sent, how many within
    the target of the scheme each decision was made under, and how many had been escalated first. Written on the
    columns themselves, not on annotations, which Postgres could not see inside the aggregates' filters."""
    wait = F("decided_at") - F("plan__submitted_at")
    target = Func(
        F("scheme__decision_days"),
        template="make_interval(days => %(expressions)s)",
        output_field=DurationField(),
    )
    escalated_first = Exists(SignOffDecision.objects.filter(plan=OuterRef("plan"), outcome=Outcome.ESCALATED))
    return {
        "decided": Count("pk"),
        "median": PercentileCont(0.5, wait, output_field=DurationField()),
        "p90": PercentileCont(0.9, wait, output_field=DurationField()),
        "within_target": Count("pk", filter=Q(decided_at__lte=F("plan__submitted_at") + target)),
        "escalated_first": Count("pk", filter=Q(escalated_first)),
        "targets": ArrayAgg("scheme__decision_days", distinct=True),
    }


def _times(row: dict) -> Times:
    return Times(
        decided=row["decided"],
        median_days=in_days(row["median"]),
        p90_days=in_days(row["p90"]),
        within_target=row["within_target"],
        escalated_first=row["escalated_first"],
        targets=tuple(sorted(row["targets"] or ())),
    )


def times_overall(period: Period) -> Times:
    """One query: every plan decided in the period."""
    return _times(_final_decisions(period).aggregate(**_time_aggregates()))


def times_by_level(period: Period) -> dict[tuple[int, str], Times]:
    """One query: the plans decided in the period, by the level that decided them."""
    rows = (
        _final_decisions(period).values("level_place", "level_name").annotate(**_time_aggregates()).order_by()
    )
    return {(row["level_place"], row["level_name"]): _times(row) for row in rows}


def turnaround(period: Period) -> Turnaround:
    """Every figure of the turnaround page for the period, in three queries."""
    counts = (
        decisions_in(period)
        .values("level_place", "level_name", "outcome", "escalated_to_name", "reason_category")
        .annotate(count=Count("pk"))
        .order_by()
    )
    labels = dict(ReturnReason.choices)
    levels: dict[tuple[int, str], LevelFigures] = {}
    returns: dict[str, int] = defaultdict(int)
    escalations: dict[tuple[int, str, str], int] = defaultdict(int)
    for row in counts:
        key = (row["level_place"], row["level_name"])
        level = levels.setdefault(key, LevelFigures(place=key[0], name=key[1]))
        outcome, count = row["outcome"], row["count"]
        if outcome == Outcome.AGREED:
            level.agreed += count
        elif outcome == Outcome.RETURNED:
            level.returned += count
            category = row["reason_category"]
            returns[category if category in labels else ReturnReason.OTHER] += count
        else:
            level.escalated += count
            escalations[(level.place, level.name, row["escalated_to_name"])] += count
    for key, times in times_by_level(period).items():
        levels.setdefault(key, LevelFigures(place=key[0], name=key[1])).times = times
    order = list(labels)
    return Turnaround(
        period=period,
        overall=times_overall(period),
        levels=[levels[key] for key in sorted(levels)],
        returns=sorted(
            (Tally(key=key, label=labels[key], count=n) for key, n in returns.items()),
            key=lambda tally: (-tally.count, order.index(tally.key)),
        ),
        escalations=[
            Escalation(from_level=name, to_level=to, count=n)
            for (_, name, to), n in sorted(escalations.items())
        ],
    )
