"""Invented front-door activity for the demo council: twelve weeks of contacts on the demo people, with
outcomes, referrals, failure demand, a safeguarding concern waiting for a decision, drafts and online forms.
Deterministic for a seed, so every demo looks the same."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cases.models import Person, User
from contact import rules
from contact.models import (
    REFERRAL_KINDS,
    CallerKind,
    Channel,
    Contact,
    FailureReason,
    Outcome,
    OutcomeKind,
    Referral,
    RouteOfAccess,
    SafeguardingConcern,
)

DEMO_SEED = 2026
WEEKS = 12

REASONS = [
    ("Struggling to get in and out of the bath since a fall", "Staying in her own home"),
    ("Husband's dementia is getting worse and she is exhausted", "A break now and then"),
    ("Coming home from hospital after a hip replacement", "Walking to the shops again"),
    ("Not eating properly and the house is cold", "Keeping warm and seeing people"),
    ("Wants to find a lunch club near home", "Company at lunchtime"),
    ("Needs a grab rail by the front door", "Getting out safely"),
    ("Worried about money and paying for care", "Knowing what help costs"),
    ("Son has a learning disability and turns 18 soon", "Living more independently"),
]
# Outcome sets a front door sees, weighted towards those resolved at the first contact.
OUTCOME_MIX = [
    ({OutcomeKind.ADVICE}, 9),
    ({OutcomeKind.ADVICE, OutcomeKind.EQUIPMENT}, 4),
    ({OutcomeKind.TELECARE}, 2),
    ({OutcomeKind.REABLEMENT}, 4),
    ({OutcomeKind.ASSESSMENT}, 4),
    ({OutcomeKind.CARER}, 2),
    ({OutcomeKind.OCCUPATIONAL_THERAPY}, 2),
    ({OutcomeKind.NO_FURTHER_ACTION}, 1),
]


def _weighted(rng: random.Random, options):
    return rng.choices([option for option, _ in options], weights=[weight for _, weight in options])[0]


@transaction.atomic
def load_contacts(*, seed: int = DEMO_SEED, count: int = 60) -> bool:
    """Add the demo's contacts once; returns whether anything was added."""
    if Contact.objects.exists():
        return False
    rng = random.Random(seed)
    now = timezone.now()
    adviser = User.objects.filter(role="adviser").order_by("pk").first()
    people = list(Person.objects.filter(cases__isnull=False).distinct().order_by("pk")[:40])
    if adviser is None or not people:
        return False
    for number in range(count):
        person = rng.choice(people)
        started = now - datetime.timedelta(days=rng.uniform(1, WEEKS * 7), minutes=rng.randint(0, 600))
        _completed_contact(rng, number, person, adviser, started)
    _waiting_for_an_adviser(rng, people, adviser, now)
    return True


def _completed_contact(rng: random.Random, number: int, person: Person, adviser: User, started) -> Contact:
    reason, matters = rng.choice(REASONS)
    kinds = set(_weighted(rng, OUTCOME_MIX))
    if number % 23 == 5:
        kinds = {OutcomeKind.SAFEGUARDING, OutcomeKind.ADVICE}
    repeat = rng.random() < 0.2
    case = person.cases.order_by("-opened_at").first()
    contact = Contact.objects.create(
        status=Contact.Status.COMPLETED,
        person=person,
        case=case,
        channel=_weighted(
            rng, [(Channel.PHONE, 6), (Channel.ONLINE, 2), (Channel.EMAIL, 1), (Channel.PROFESSIONAL, 2)]
        ),
        caller_kind=rng.choice([CallerKind.PERSON, CallerKind.FAMILY, CallerKind.PROFESSIONAL]),
        route_of_access=_weighted(
            rng,
            [
                (RouteOfAccess.COMMUNITY, 8),
                (RouteOfAccess.HOSPITAL_DISCHARGE, 3),
                (RouteOfAccess.SELF_FUNDER, 1),
            ],
        ),
        reason=reason,
        what_matters=matters,
        immediate_risk=OutcomeKind.SAFEGUARDING in kinds,
        consent="given",
        about_known_matter=repeat,
        failure_reason=rng.choice(list(FailureReason)) if repeat else "",
        taken_by=adviser,
        started_at=started,
        completed_at=started + datetime.timedelta(minutes=rng.randint(6, 25)),
        summary_by=rng.choice(["letter", "email", "none"]),
        reablement_criteria=dict.fromkeys(rules.REABLEMENT_CRITERIA, True)
        if OutcomeKind.REABLEMENT in kinds
        else {},
    )
    Outcome.objects.bulk_create(Outcome(contact=contact, kind=kind) for kind in kinds)
    for kind in kinds & REFERRAL_KINDS:
        status = _weighted(
            rng,
            [
                (Referral.Status.MADE, 2),
                (Referral.Status.ACCEPTED, 4),
                (Referral.Status.DECLINED, 1),
                (Referral.Status.COMPLETED, 2),
            ],
        )
        Referral.objects.create(
            contact=contact,
            case=case,
            kind=kind,
            status=status,
            made_at=contact.completed_at,
            status_changed_at=contact.completed_at + datetime.timedelta(days=rng.randint(0, 6)),
        )
    if OutcomeKind.SAFEGUARDING in kinds:
        SafeguardingConcern.objects.create(
            contact=contact,
            case=case,
            concern="Neighbour reports the person has bruises and says a family member takes her pension.",
            raised_by=adviser,
            raised_at=contact.completed_at,
        )
    return contact


def _waiting_for_an_adviser(rng: random.Random, people: list[Person], adviser: User, now) -> None:
    """Two online forms nobody has picked up, and a draft left half-way through a call."""
    for hours, (given, family, postcode, reason) in enumerate(
        [
            ("Joan", "Pritchard", "NR3 1HG", "My mum keeps falling and I live two hours away"),
            ("Derek", "Osei", "NR5 8PL", "I need help with washing since my stroke"),
        ],
        start=2,
    ):
        Contact.objects.create(
            status=Contact.Status.SUBMITTED,
            channel=Channel.ONLINE,
            caller_kind=CallerKind.PERSON,
            caller_name=f"{given} {family}",
            reason=reason,
            immediate_risk=False,
            consent="given",
            started_at=now - datetime.timedelta(hours=hours * 5),
            submitted_details={"given_name": given, "family_name": family, "postcode": postcode},
        )
    Contact.objects.create(
        status=Contact.Status.DRAFT,
        person=rng.choice(people),
        channel=Channel.PHONE,
        caller_kind=CallerKind.FAMILY,
        caller_name="Ann Ellis",
        caller_relationship="Daughter",
        reason="Mum is struggling to get out since her fall",
        taken_by=adviser,
        held_by=adviser,
        held_at=now - datetime.timedelta(minutes=5),
        started_at=now - datetime.timedelta(minutes=12),
    )
