"""Reads of the case record used by more than one screen."""

import datetime
import re

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Upper
from django.http import Http404
from pghistory.models import MiddlewareEvents

from cases.identifiers import normalise_nhs_number
from cases.models import AccessEvent, Case, CaseEvent, Person, Team, User
from cases.stages import Stage

CASE_REFERENCE = re.compile(r"^FD0*(\d+)$", re.IGNORECASE)


def search_people(query: str, limit: int = 50, *, excluding: Person | None = None) -> QuerySet[Person]:
    """Find people by case reference, NHS number, date of birth (DD/MM/YYYY), postcode or name."""
    query = query.strip()
    people = Person.objects.exclude(pk=excluding.pk) if excluding else Person.objects.all()
    if not query:
        return people.none()
    if match := CASE_REFERENCE.match(query.replace(" ", "")):
        return people.filter(cases__pk=int(match[1])).distinct()[:limit]
    digits = normalise_nhs_number(query)
    if digits.isdigit() and len(digits) == 10:
        return people.filter(nhs_number=digits)[:limit]
    try:
        born = datetime.datetime.strptime(query, "%d/%m/%Y").date()
    except ValueError:
        born = None
    if born:
        return people.filter(date_of_birth=born)[:limit]
    condition = Q()
    for word in query.split():
        condition &= (
            Q(given_name__istartswith=word)
            | Q(family_name__istartswith=word)
            | Q(preferred_name__istartswith=word)
            | Q(postcode__istartswith=word)
        )
    # Ordering by the upper-cased name lets Postgres use the prefix indexes, then sort the few matches.
    return people.filter(condition).order_by(Upper("family_name"), Upper("given_name"), "pk")[:limit]


def caseload_for(user: User) -> QuerySet[Case]:
    return Case.objects.open().with_overview().filter(allocated_worker=user).order_by("stage_changed_at")


def team_queue(team: Team | None) -> QuerySet[Case]:
    """Open cases in the team with no worker yet, longest waiting first."""
    return (
        Case.objects.open()
        .with_overview()
        .filter(team=team, allocated_worker__isnull=True)
        .order_by("stage_changed_at")
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
