"""The front door's measures, for team managers: how many contacts came in and how, how many were settled
there and then, how many were people coming back because something went wrong (failure demand), how many
referrals the teams they went to accepted, and how long a case waited for its next step.

Every figure counts completed contacts, by the week they were completed (Monday-start weeks in
Europe/London), over whole weeks, so a half-finished week never sits beside full ones; the week under way is
counted on its own as "this week so far". A contact about something we already knew of is failure demand and
never counts as resolved at first contact. `front_door_measures` runs the same five aggregate queries however
many contacts there are.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DurationField, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate, TruncWeek

from cases.milestones import ALLOCATIONS, STAGE_MOVES
from cases.models import CaseEvent, Team
from cases.stages import Stage
from config.figures import LONDON, PercentileCont, Tally, in_days, midnight, rate
from contact import rules
from contact.models import (
    Channel,
    Contact,
    EquipmentItem,
    FailureReason,
    FreeSupportLimits,
    Outcome,
    OutcomeKind,
    Referral,
    RouteOfAccess,
)

WEEK = datetime.timedelta(weeks=1)
PERIODS = (4, 12, 26)
DEFAULT_WEEKS = 12
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Period:
    """Whole weeks, Monday to Sunday in Europe/London; `end` is the Monday after the last one."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def last_full_weeks(cls, weeks: int, *, today: datetime.date) -> "Period":
        end = today - datetime.timedelta(days=today.weekday())
        return cls(start=end - weeks * WEEK, end=end)

    def and_this_week(self) -> "Period":
        """The period with the week after it: the week under way, when the period ends last Sunday."""
        return Period(start=self.start, end=self.end + WEEK)

    @property
    def weeks(self) -> list[datetime.date]:
        return [self.start + n * WEEK for n in range((self.end - self.start) // WEEK)]

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def start_at(self) -> datetime.datetime:
        return midnight(self.start)

    @property
    def end_at(self) -> datetime.datetime:
        return midnight(self.end)


@dataclass
class Week:
    start: datetime.date
    contacts: int = 0
    resolved: int = 0
    known_matter: int = 0
    by_channel: Counter = field(default_factory=Counter)

    @property
    def resolved_rate(self) -> float | None:
        return rate(self.resolved, self.contacts)

    @property
    def failure_rate(self) -> float | None:
        return rate(self.known_matter, self.contacts)


@dataclass
class ContactCounts:
    """The period's whole weeks, with the week under way (`this_week`) apart from them and from the totals."""

    weeks: list[Week]
    by_channel: list[Tally]
    by_route: list[Tally]
    this_week: Week

    @property
    def total(self) -> int:
        return sum(week.contacts for week in self.weeks)

    @property
    def resolved(self) -> int:
        return sum(week.resolved for week in self.weeks)

    @property
    def known_matter(self) -> int:
        return sum(week.known_matter for week in self.weeks)

    @property
    def resolved_rate(self) -> float | None:
        return rate(self.resolved, self.total)

    @property
    def failure_rate(self) -> float | None:
        return rate(self.known_matter, self.total)


@dataclass(frozen=True)
class ReferralCounts:
    """Referrals to one destination: made, and where they stand now."""

    kind: str
    label: str
    made: int
    accepted: int
    declined: int

    @property
    def waiting(self) -> int:
        return self.made - self.accepted - self.declined

    @property
    def decided(self) -> int:
        return self.accepted + self.declined

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted out of those decided: one still waiting has not yet said anything about appropriateness."""
        return rate(self.accepted, self.decided)


@dataclass(frozen=True)
class NextStep:
    """How long cases waited, from the contact to the case's next move, for one next stage."""

    stage: str
    label: str
    contacts: int
    median_days: float
    p90_days: float


@dataclass(frozen=True)
class LowLevelSupport:
    """Equipment and minor adaptations arranged at the front door: low-level support, counted by item, with
    how many were free (up to the limit in force on the contact's day) and where the dearer ones went."""

    contacts: int
    items: int
    free: int
    free_cost: Decimal
    financial_assessment: int
    disabled_facilities_grant: int


@dataclass
class Measures:
    period: Period
    team: Team | None
    contacts: ContactCounts
    failure_reasons: list[Tally]
    referrals: list[ReferralCounts]
    next_steps: list[NextStep]
    low_level_support: LowLevelSupport

    @property
    def referrals_made(self) -> int:
        return sum(referral.made for referral in self.referrals)

    @property
    def referral_acceptance_rate(self) -> float | None:
        return rate(
            sum(referral.accepted for referral in self.referrals),
            sum(referral.decided for referral in self.referrals),
        )


def completed_contacts(period: Period, team: Team | None = None) -> QuerySet[Contact]:
    """Contacts completed in the period; for a team, those recorded on a case of that team."""
    contacts = Contact.objects.completed().filter(
        completed_at__gte=period.start_at, completed_at__lt=period.end_at
    )
    if team is not None:
        contacts = contacts.filter(case__team=team)
    return contacts.order_by()


def equipment_with_limits() -> QuerySet[EquipmentItem]:
    """Equipment items, each with `free_up_to`: the free limit in force on the day its contact began (the law's
    own before any limit was set)."""
    limit = (
        FreeSupportLimits.objects.filter(effective_from__lte=OuterRef("day"))
        .order_by("-effective_from")
        .values("equipment_free_up_to")[:1]
    )
    statutory = Value(FreeSupportLimits.statutory().equipment_free_up_to)
    return (
        EquipmentItem.objects.annotate(day=TruncDate("contact__started_at", tzinfo=LONDON))
        .annotate(free_up_to=Coalesce(Subquery(limit), statutory))
        .order_by()
    )


FREE = Q(cost__lte=F("free_up_to"))


def resolved_at_first_contact() -> Q:
    """The SQL form of `rules.is_resolved_at_first_contact`: some outcome, every outcome resolving, not about
    something we already knew of, and no equipment too dear to be free."""
    outcomes = Outcome.objects.filter(contact=OuterRef("pk"))
    sent_on = equipment_with_limits().filter(contact=OuterRef("pk")).exclude(FREE)
    return (
        Q(Exists(outcomes))
        & ~Q(Exists(outcomes.exclude(kind__in=rules.RESOLVING)))
        & ~Q(about_known_matter=True)
        & ~Q(Exists(sent_on))
    )


def contact_counts(contacts: QuerySet[Contact], period: Period) -> ContactCounts:
    """One query: contacts per week, channel and route, with how many were resolved and how many were
    about a matter we already knew of. `contacts` may run into the week after the period (this week so far),
    which is counted apart."""
    rows = (
        contacts.annotate(week=TruncWeek("completed_at", tzinfo=LONDON))
        .values("week", "channel", "route_of_access")
        .annotate(
            contacts=Count("pk"),
            resolved=Count("pk", filter=resolved_at_first_contact()),
            known_matter=Count("pk", filter=Q(about_known_matter=True)),
        )
        .order_by()
    )
    weeks = {start: Week(start=start) for start in period.weeks}
    this_week = Week(start=period.end)
    channels: Counter = Counter()
    routes: Counter = Counter()
    for row in rows:
        week = weeks.get(row["week"].astimezone(LONDON).date(), this_week)
        week.contacts += row["contacts"]
        week.resolved += row["resolved"]
        week.known_matter += row["known_matter"]
        week.by_channel[row["channel"]] += row["contacts"]
        if week is not this_week:
            channels[row["channel"]] += row["contacts"]
            routes[row["route_of_access"]] += row["contacts"]
    by_route = [Tally(key, label, routes[key]) for key, label in RouteOfAccess.choices]
    if routes[""]:
        by_route.append(Tally("", NOT_RECORDED, routes[""]))
    return ContactCounts(
        weeks=list(weeks.values()),
        by_channel=[Tally(key, label, channels[key]) for key, label in Channel.choices],
        by_route=by_route,
        this_week=this_week,
    )


def failure_reasons(contacts: QuerySet[Contact]) -> list[Tally]:
    """One query: contacts about something we already knew of, by why they had to come back, most first."""
    rows = (
        contacts.filter(about_known_matter=True)
        .values("failure_reason")
        .annotate(count=Count("pk"))
        .order_by()
    )
    labels = dict(FailureReason.choices)
    tallies = [
        Tally(row["failure_reason"], labels.get(row["failure_reason"], NOT_RECORDED), row["count"])
        for row in rows
    ]
    return sorted(tallies, key=lambda tally: (-tally.count, tally.label))


def referral_counts(contacts: QuerySet[Contact]) -> list[ReferralCounts]:
    """One query: referrals made from the period's contacts, by destination, and where each stands now."""
    accepted = [Referral.Status.ACCEPTED, Referral.Status.COMPLETED]
    rows = (
        Referral.objects.filter(contact__in=contacts)
        .values("kind")
        .annotate(
            made=Count("pk"),
            accepted=Count("pk", filter=Q(status__in=accepted)),
            declined=Count("pk", filter=Q(status=Referral.Status.DECLINED)),
        )
        .order_by()
    )
    labels = dict(OutcomeKind.choices)
    counts = [
        ReferralCounts(
            row["kind"], labels.get(row["kind"], row["kind"]), row["made"], row["accepted"], row["declined"]
        )
        for row in rows
    ]
    return sorted(counts, key=lambda referral: (-referral.made, referral.label))


# The next step after a contact: someone takes the case on, or it moves on. The contact's own move (to
# reablement, assessment, or closed) is logged before its completed_at, so it never counts as the next step.
NEXT_STEP_MILESTONES = sorted(ALLOCATIONS | STAGE_MOVES)


def next_steps(contacts: QuerySet[Contact]) -> list[NextStep]:
    """One query: for contacts whose case was taken on or moved on after the contact, the time to that first
    step, as a median and a 90th percentile, by the stage the case was at then.

    Cases that have not moved yet are left out: they have no time to report (the queues show them)."""
    first_move = CaseEvent.objects.filter(
        case=OuterRef("case_id"), milestone__in=NEXT_STEP_MILESTONES, occurred_at__gt=OuterRef("completed_at")
    ).order_by("occurred_at", "pk")
    wait = F("next_at") - F("completed_at")
    rows = (
        contacts.filter(case__isnull=False)
        .annotate(
            next_stage=Subquery(first_move.values("stage")[:1]),
            next_at=Subquery(first_move.values("occurred_at")[:1]),
        )
        .filter(next_at__isnull=False)
        .values("next_stage")
        .annotate(
            contacts=Count("pk"),
            median=PercentileCont(0.5, wait, output_field=DurationField()),
            p90=PercentileCont(0.9, wait, output_field=DurationField()),
        )
        .order_by()
    )
    labels = dict(Stage.choices)
    order = list(labels)
    steps = [
        NextStep(
            stage=row["next_stage"],
            label=labels.get(row["next_stage"], row["next_stage"]),
            contacts=row["contacts"],
            median_days=in_days(row["median"]),
            p90_days=in_days(row["p90"]),
        )
        for row in rows
    ]
    return sorted(steps, key=lambda step: order.index(step.stage) if step.stage in order else len(order))


def low_level_support(contacts: QuerySet[Contact]) -> LowLevelSupport:
    """One query: the period's equipment and minor adaptations, each judged against the free limit in force on
    the day its contact began."""
    totals = (
        equipment_with_limits()
        .filter(contact__in=contacts)
        .aggregate(
            contacts=Count("contact", distinct=True),
            items=Count("pk"),
            free=Count("pk", filter=FREE),
            free_cost=Coalesce(Sum("cost", filter=FREE), Value(Decimal(0))),
            financial_assessment=Count("pk", filter=~FREE & Q(kind=EquipmentItem.Kind.EQUIPMENT)),
            disabled_facilities_grant=Count("pk", filter=~FREE & Q(kind=EquipmentItem.Kind.MINOR_ADAPTATION)),
        )
    )
    return LowLevelSupport(**totals)


def front_door_measures(*, period: Period, team: Team | None = None) -> Measures:
    """Every measure for the period, in five queries."""
    contacts = completed_contacts(period, team)
    return Measures(
        period=period,
        team=team,
        contacts=contact_counts(completed_contacts(period.and_this_week(), team), period),
        failure_reasons=failure_reasons(contacts),
        referrals=referral_counts(contacts),
        next_steps=next_steps(contacts),
        low_level_support=low_level_support(contacts),
    )
