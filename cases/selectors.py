"""Reads of the case record used by more than one screen."""

import datetime
import operator
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Upper
from django.http import Http404
from django.utils import timezone
from pghistory.models import MiddlewareEvents

from cases import milestones, name_matching
from cases.milestones import ALLOCATIONS, BROKERAGE, PANEL, PLAN_DECISIONS, Milestone
from cases.models import AccessEvent, Case, CaseEvent, CaseFlag, Person, Team, User
from cases.name_matching import SearchTerms
from cases.roles import CASEHOLDERS
from cases.stages import Stage

# Rows looked at for a likely duplicate: those sharing a date of birth, postcode or NHS number are few.
CANDIDATES = 200
MIN_SPELLING = 4  # as name_word_match: a shorter word is only ever the start of a name, or sounds like one


class NamesLike(Func):
    """A person has a name starting with `word`, spelt like it (four letters or more) or sounding like it: what the
    trigram index (pg_trgm) and the sound keys' index can find, for name_word_match to decide exactly. A word of
    three letters or fewer is never spelt like a name (too many names are a letter from it), so it looks only for
    names it starts, which the trigram index finds from a regular expression."""

    output_field = BooleanField()

    def __init__(self, word: str):
        super().__init__(Value(word), F("search_names"), F("name_sounds"))
        self.spelt_alike = len(word) >= MIN_SPELLING

    def as_sql(self, compiler, connection, **extra_context):
        (word, word_params), (names, names_params), (sounds, sounds_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        folded = f"name_folded({word})"
        like = f"{folded} <%% {names}" if self.spelt_alike else f"{names} ~ ('(^| )' || {folded})"
        sql = f"({like} OR {sounds} && ARRAY[NULLIF(dmetaphone({folded}), '')])"
        return sql, [*word_params, *names_params, *sounds_params, *word_params]


def word_match(word: str, *, shorter_names: bool = False) -> Func:
    """How `word` matches a person's names (migrations 0028 and 0031's name_word_match): NULL when it does not.
    With `shorter_names`, a name the word starts with, three letters or more, matches too (Jon for Jonathan,
    Léa for Léanne: the beginnings of the word without accents, as the names are kept)."""
    return Func(
        F("search_names"),
        F("name_sounds"),
        Func(Value(word), function="name_folded"),
        Value(shorter_names),
        function="name_word_match",
        output_field=FloatField(),
    )


@dataclass
class Match:
    person: Person
    reasons: list[str]


@dataclass
class PeopleFound:
    terms: SearchTerms
    matches: list[Match]
    more: bool  # more people match than are shown

    @property
    def people(self) -> list[Person]:
        return [match.person for match in self.matches]


NAME_COLUMNS = ("search_names", "name_sounds")  # only for finding: never read into Python


def find_people(query: str, limit: int = 50, *, excluding: Person | None = None) -> PeopleFound:
    """People matching a search box query, likeliest first, each with why they matched.

    Reads a case reference, an NHS number, or any of name words (typos, sound-alikes and the start of a name
    allowed, in any order), a date of birth and a postcode, which must all match (cases.name_matching).
    One query, whatever the number of people (pg_trgm's threshold is set as each connection opens:
    settings.PG_TRGM_WORD_SIMILARITY).
    """
    terms = name_matching.read_query(query, timezone.localdate())
    people = Person.objects.defer(*NAME_COLUMNS)
    if excluding is not None:
        people = people.exclude(pk=excluding.pk)
    if terms.is_empty or terms.unreadable:
        return PeopleFound(terms, [], more=False)
    reasons = []
    if terms.case_id:
        people, reasons = people.filter(cases__pk=terms.case_id), ["case reference"]
    elif terms.nhs_number:
        people, reasons = people.filter(nhs_number=terms.nhs_number), ["NHS number"]
    if terms.born:
        people = people.filter(date_of_birth=terms.born)
        reasons.append("date of birth")
    if terms.born_in:
        people = people.filter(date_of_birth__year=terms.born_in)
        reasons.append("year of birth")
    if terms.postcode:
        if terms.postcode_is_full:
            people = people.filter(postcode__iexact=terms.postcode)
        else:
            prefix = terms.postcode if " " in terms.postcode else f"{terms.postcode} "
            people = people.filter(postcode__istartswith=prefix)
        reasons.append("postcode")
    # Upper-cased names sort as people read them (McDonald beside Mcdonald); pk keeps the order stable.
    in_name_order = (Upper("family_name"), Upper("given_name"), "pk")
    if not terms.words:
        rows = list(people.order_by(*in_name_order)[: limit + 1])
        return PeopleFound(terms, [Match(person, reasons) for person in rows[:limit]], more=len(rows) > limit)
    scores = {f"score_{number}": word_match(word) for number, word in enumerate(terms.words)}
    people = (
        people.filter(*(NamesLike(word) for word in terms.words))
        .annotate(**scores)
        .filter(**{f"{score}__isnull": False for score in scores})
        .order_by(-reduce(operator.add, (F(score) for score in scores)), *in_name_order)
    )
    rows = list(people[: limit + 1])
    matches = [
        Match(
            person,
            name_matching.reasons(
                {word: getattr(person, score) for word, score in zip(terms.words, scores, strict=True)}
            )
            + reasons,
        )
        for person in rows[:limit]
    ]
    return PeopleFound(terms, matches, more=len(rows) > limit)


def search_people(query: str, limit: int = 50, *, excluding: Person | None = None) -> QuerySet[Person]:
    """The people `find_people` finds, likeliest first, as a QuerySet (for choices, or to prefetch from)."""
    ids = [person.pk for person in find_people(query, limit, excluding=excluding).people]
    if not ids:
        return Person.objects.none()
    order = models.Case(*(When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)))
    return Person.objects.filter(pk__in=ids).order_by(order)


def _best(person: Person, scores: dict[str, str]) -> tuple[str, float] | None:
    """The word that matched the person's names best, with its score."""
    found = [
        (word, getattr(person, score)) for word, score in scores.items() if getattr(person, score) is not None
    ]
    return max(found, key=lambda match: match[1], default=None)


def likely_duplicates(details: dict, limit: int = 10) -> list[Match]:
    """People already on the record who may be the person in `details` (the person form's cleaned data).

    A name like their first (or preferred) name and one like their last name, either way round and allowing a
    shorter name (Jon for Jonathan), and the same date of birth, postcode or NHS number. The more of those
    agree, the earlier they come. One query.
    """
    given = name_matching.fold(f"{details['given_name']} {details.get('preferred_name', '')}").split()
    family = name_matching.fold(details["family_name"]).split()
    if not (given and family):
        return []
    groups = [
        {word: f"{side}_{number}" for number, word in enumerate(words)}
        for side, words in (("given", given), ("family", family))
    ]
    same = Q(date_of_birth=details["date_of_birth"]) | Q(postcode__iexact=details["postcode"])
    if details.get("nhs_number"):
        same |= Q(nhs_number=details["nhs_number"])
    people = (
        Person.objects.defer(*NAME_COLUMNS)
        .filter(same)
        .annotate(
            **{
                score: word_match(word, shorter_names=True)
                for group in groups
                for word, score in group.items()
            }
        )
        .filter(
            *(
                reduce(operator.or_, (Q(**{f"{score}__isnull": False}) for score in group.values()))
                for group in groups
            )
        )
        .order_by(Upper("family_name"), Upper("given_name"), "pk")[:CANDIDATES]
    )
    ranked = []
    for position, person in enumerate(people):
        best = dict(_best(person, group) for group in groups)
        agreeing = [
            label
            for label, agrees in (
                ("date of birth", person.date_of_birth == details["date_of_birth"]),
                ("postcode", person.postcode.upper() == details["postcode"].upper()),
                (
                    "NHS number",
                    bool(details.get("nhs_number")) and person.nhs_number == details["nhs_number"],
                ),
            )
            if agrees
        ]
        score = (len(agreeing), sum(best.values()))
        ranked.append((score, -position, Match(person, name_matching.reasons(best) + agreeing)))
    ranked.sort(key=lambda entry: entry[:2], reverse=True)
    return [match for *_, match in ranked[:limit]]


def with_open_cases(people: list[Person]) -> list[Person]:
    """Each person's open cases as `open_cases`, in one query for them all."""
    prefetch_related_objects(people, Prefetch("cases", queryset=Case.objects.open(), to_attr="open_cases"))
    return people


def caseload_for(user: User) -> QuerySet[Case]:
    """The worker's open cases, each with `is_new`: allocated to them and not opened by them since."""
    opened_since = AccessEvent.objects.filter(
        user=user, case=OuterRef("pk"), occurred_at__gte=OuterRef("allocated_at")
    )
    return (
        Case.objects.open()
        .with_overview()
        .filter(allocated_worker=user)
        .annotate(
            is_new=ExpressionWrapper(
                Q(allocated_at__isnull=False) & ~Exists(opened_since), output_field=BooleanField()
            )
        )
        .order_by("stage_changed_at")
    )


def newly_allocated_to(user: User) -> QuerySet[Case]:
    """Cases allocated to the worker that they have not opened yet, newest first, each with the note the
    manager left (`allocation_note`)."""
    latest = CaseEvent.objects.filter(case=OuterRef("pk"), milestone__in=ALLOCATIONS).order_by(
        "-occurred_at", "-pk"
    )
    return (
        caseload_for(user)
        .filter(is_new=True)
        .annotate(allocation_note=Subquery(latest.values("facts__note")[:1]))
        .order_by("-allocated_at")
    )


# How long a decision on a worker's plan stays on their home page if they never open its case.
PLAN_DECISION_NOTICE_DAYS = 28


def plan_decisions_for(user: User) -> QuerySet[CaseEvent]:
    """Sign-off's decisions on plans the worker wrote, sent or holds the case of (the event's `facts["tell"]`):
    agreed or returned in the last four weeks, and not seen since, newest first. A decision is seen once they
    open its case or its plan (their own reads in the audit trail)."""
    opened_since = AccessEvent.objects.filter(
        user=user, case=OuterRef("case"), occurred_at__gte=OuterRef("occurred_at")
    )
    return (
        CaseEvent.objects.filter(
            milestone__in=PLAN_DECISIONS,
            occurred_at__gte=timezone.now() - datetime.timedelta(days=PLAN_DECISION_NOTICE_DAYS),
            facts__tell__contains=[user.pk],
        )
        .exclude(Exists(opened_since))
        .select_related("case__person", "actor")
        .order_by("-occurred_at", "-pk")
    )


@dataclass(frozen=True)
class AgreedBudget:
    """An agreed plan's personal budget as sign-off fixed it."""

    plan_id: int
    weekly: Decimal
    annual: Decimal
    one_off: Decimal
    contribution: Decimal | None  # what the person pays a week; None: not yet assessed
    council_weekly: Decimal
    council_annual: Decimal
    for_a_carer: bool
    agreed_at: datetime.datetime
    agreed_by: str
    level: (
        str  # the sign-off level that agreed it; empty for a change agreed within the tolerance for changes
    )
    within_tolerance: bool = False


def agreed_budget(case: Case, *, plan_id: int | None = None) -> AgreedBudget | None:
    """The personal budget of the case's latest agreed plan (or of the plan `plan_id`), None when none was agreed.

    Sign-off (`validation`) keeps it as a `PersonalBudget` and writes the same figures into the journey log's
    plan agreed event in the same transaction; the case record and the stages below validation, which may not
    read validation, read them here."""
    events = CaseEvent.objects.filter(
        case=case, milestone=Milestone.PLAN_AGREED, facts__has_key="personal_budget"
    ).select_related("actor")
    if plan_id is not None:
        events = events.filter(subject_type="support_planning.supportplan", subject_id=plan_id)
    event = events.first()
    if event is None:
        return None
    facts = event.facts
    contribution = facts.get("contribution")
    return AgreedBudget(
        plan_id=event.subject_id,
        weekly=Decimal(facts["weekly"]),
        annual=Decimal(facts["annual"]),
        one_off=Decimal(facts["one_off"]),
        contribution=Decimal(contribution) if contribution is not None else None,
        council_weekly=Decimal(facts["council_weekly"]),
        council_annual=Decimal(facts["council_annual"]),
        for_a_carer=bool(facts.get("for_a_carer")),
        agreed_at=event.occurred_at,
        agreed_by=event.actor.display_name if event.actor else "",
        level=facts.get("level", ""),
        within_tolerance=bool(facts.get("within_tolerance")),
    )


@dataclass(frozen=True)
class InterimNow:
    """Urgent interim support running on the case, as its latest journey event says (reviews keeps it)."""

    interim: int
    provider: str
    what: str
    weekly: Decimal
    starts_on: datetime.date
    ends_on: datetime.date
    extensions: int

    def is_past_its_end(self, today: datetime.date) -> bool:
        return today > self.ends_on


def paid_by_direct_payment(case: Case) -> bool:
    """Whether the support the person has now is paid (in part) by a direct payment, from the journey log's
    support started event: go-live is kept by reviews, above every stage; the person's own page reads it here."""
    if case.stage not in (Stage.LIVE, Stage.REVIEW):
        return False
    started = case.events.filter(milestone=Milestone.SERVICES_STARTED).order_by("-occurred_at", "-pk").first()
    return bool(started and started.facts.get("direct_payment"))


def interim_support_on(case: Case) -> list[InterimNow]:
    """The urgent interim support running on the case, earliest first: each as its latest journey event says, those
    ended or replaced by the plan's support left out. Reviews keeps it, above every stage; the case page reads it
    here, from the log."""
    latest: dict[int, CaseEvent] = {}
    for event in case.events.filter(milestone__in=milestones.INTERIM).order_by("occurred_at", "pk"):
        latest[event.facts["interim"]] = event
    return [
        InterimNow(
            interim=facts["interim"],
            provider=facts["provider"],
            what=facts["what"],
            weekly=Decimal(facts["weekly"]),
            starts_on=datetime.date.fromisoformat(facts["starts_on"]),
            ends_on=datetime.date.fromisoformat(facts["ends_on"]),
            extensions=facts["extensions"],
        )
        for event in latest.values()
        if event.milestone != Milestone.INTERIM_ENDED and (facts := event.facts)
    ]


def workers_of(team: Team | None) -> QuerySet[User]:
    """Who in the team a case can be allocated to, with how many open cases each holds (`open_cases`)."""
    return (
        User.objects.filter(team=team, is_active=True, role__in=CASEHOLDERS)
        .annotate(open_cases=Count("caseload", filter=Q(caseload__closed_at__isnull=True)))
        .order_by("first_name", "last_name", "pk")
    )


def team_queue(team: Team | None) -> QuerySet[Case]:
    """Open cases in the team with no worker yet, longest waiting first."""
    return (
        Case.objects.open()
        .with_overview()
        .filter(team=team, allocated_worker__isnull=True)
        .order_by("stage_changed_at")
    )


def open_enquiries_for(manager: User) -> QuerySet[Case]:
    """Cases with a section 42 enquiry still open that the manager sees through: their team's, and any they
    started themselves. Oldest enquiry first."""
    enquiries = CaseFlag.objects.filter(
        case=OuterRef("pk"), kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY, cleared_at=None
    )
    their_team = Q(team=manager.team, team__isnull=False)
    return (
        Case.objects.open()
        .with_overview()
        .filter(Exists(enquiries))
        .filter(their_team | Exists(enquiries.filter(raised_by=manager)))
        .order_by("opened_at")
    )


def cases_at(stage: Stage, team: Team | None = None) -> QuerySet[Case]:
    cases = Case.objects.open().with_overview().filter(stage=stage).order_by("stage_changed_at")
    return cases.filter(team=team) if team else cases


def stage_counts() -> list[tuple[Stage, int]]:
    counts = dict(Case.objects.open().values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return [(stage, counts.get(stage.value, 0)) for stage in Stage if stage != Stage.CLOSED]


def timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor")


def access_events_for(person: Person) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(person=person).select_related("user", "case")


def row_changes_for(person: Person):
    """Every change the database recorded to the person, their relationships and their cases."""
    return MiddlewareEvents.objects.references(person).order_by("-pgh_created_at")


def letters_context(case: Case) -> dict:
    """The case's letters, newest first, and whether any is still being prepared (the page then polls)."""
    letters = list(case.letters.defer("pdf"))
    return {"letters": letters, "letters_pending": any(letter.status == "queued" for letter in letters)}


def ready_letter(case: Case, letter_pk: int):
    """A letter on this case that can be opened: 404 while it is still being prepared, or on another case."""
    letter = case.letters.filter(pk=letter_pk, status="ready").first()
    if letter is None:
        raise Http404
    return letter


@dataclass(frozen=True)
class PanelReferralNow:
    """Where one referral to the risk enablement panel stands, as the latest journey event about it says.

    `about` is the risk in the person's words ("" for the whole plan); `status` is open, decided or withdrawn;
    `meeting_at`, `place` and `online` say when and where the panel takes it (no meeting: none is arranged yet);
    once decided, `outcome` (accepted, accepted_with_changes, not_accepted) with its label, the `reasons` and the
    `actions` (each a dict of what, who and `by`, a date)."""

    referral: int
    plan: int
    plan_number: int
    about: str
    question: str
    status: str
    meeting_at: datetime.datetime | None
    place: str
    online: bool
    referred_at: datetime.datetime
    outcome: str
    outcome_label: str
    reasons: str
    actions: tuple[dict, ...]
    decided_at: datetime.datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def is_decided(self) -> bool:
        return self.status == "decided"

    @property
    def has_met(self) -> bool:
        """Its meeting has started (whether or not the decision is recorded yet)."""
        return self.meeting_at is not None and self.meeting_at <= timezone.now()


def _moment(text: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class PanelOnCase:
    """A case's referrals to the risk enablement panel (withdrawn ones left out), those still open, and the words
    of the risks referred (a plan's risk with the same words is already referred, whichever version it is in)."""

    referrals: list[PanelReferralNow]

    def __bool__(self) -> bool:
        return bool(self.referrals)

    @property
    def open(self) -> list[PanelReferralNow]:
        return [referral for referral in self.referrals if referral.is_open]

    @property
    def referred_risks(self) -> set[str]:
        return {referral.about for referral in self.referrals if referral.about}


def panel_on(case: Case) -> PanelOnCase:
    return PanelOnCase(panel_referrals_on(case))


def panel_referrals_on(case: Case) -> list[PanelReferralNow]:
    """The case's referrals to the risk enablement panel, oldest first, withdrawn ones left out, each as the latest
    journey event about it says (validation writes every such event with the referral's whole state in its
    facts). The stages below validation (the plan page, the person's own page) read the panel here: they may not
    import it."""
    latest: dict[int, CaseEvent] = {}
    for event in case.events.filter(milestone__in=PANEL).order_by("occurred_at", "pk"):
        latest[event.facts["referral"]] = event
    found = []
    for referral, event in latest.items():
        facts = event.facts
        if facts["status"] == "withdrawn":
            continue
        found.append(
            PanelReferralNow(
                referral=referral,
                plan=facts["plan"],
                plan_number=facts["plan_number"],
                about=facts["about"],
                question=facts["question"],
                status=facts["status"],
                meeting_at=_moment(facts["meeting_at"]),
                place=facts["place"],
                online=facts["online"],
                referred_at=_moment(facts["referred_at"]),
                outcome=facts["outcome"],
                outcome_label=facts["outcome_label"],
                reasons=facts["reasons"],
                actions=tuple(
                    {**action, "by": datetime.date.fromisoformat(action["by"])} for action in facts["actions"]
                ),
                decided_at=_moment(facts["decided_at"]),
            )
        )
    return found


@dataclass(frozen=True)
class BrokerageNow:
    """Help asked for to find a provider for something in the person's plan, as the journey log says: what it is
    for and from when it is needed, and once an offer is chosen, who provides it, from when, and its hours and
    hourly rate."""

    request: int
    description: str
    needed_from: datetime.date
    provider: str = ""
    starts_on: datetime.date | None = None
    hours: Decimal | None = None
    rate: Decimal | None = None


def brokerage_on(case: Case) -> list[BrokerageNow]:
    """The case's requests for help to find a provider, newest first, each as its latest journey event says (one
    withdrawn, its plan replaced, is not among them).
    Brokerage is kept by reviews, above every stage; the person's own page, which may not import it, reads it
    here."""
    found: dict[int, BrokerageNow] = {}
    events = case.events.filter(milestone__in=BROKERAGE - {Milestone.BROKERAGE_OFFER_RECORDED})
    for event in events.order_by("occurred_at", "pk"):
        facts = event.facts
        if event.milestone == Milestone.BROKERAGE_REQUESTED:
            found[facts["request"]] = BrokerageNow(
                request=facts["request"],
                description=facts.get("description", ""),
                needed_from=datetime.date.fromisoformat(facts["needed_from"]),
            )
        elif event.milestone == Milestone.BROKERAGE_WITHDRAWN:
            found.pop(facts["request"], None)
        elif (asked := found.get(facts["request"])) is not None:
            found[asked.request] = BrokerageNow(
                request=asked.request,
                description=asked.description or facts["description"],
                needed_from=asked.needed_from,
                provider=facts["provider"],
                starts_on=datetime.date.fromisoformat(facts["starts_on"]),
                hours=Decimal(facts["hours"]),
                rate=Decimal(facts["rate"]),
            )
    return list(reversed(found.values()))
