"""Factories for the case record. Traits name situations, not field values."""

import datetime
import random

import factory
from django.utils import timezone

from cases.demo import nhs_number
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, Person, Team, User
from cases.roles import Role


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = "North locality team"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=80 * 365))
    nhs_number = factory.Sequence(lambda n: nhs_number(random.Random(n)))
    address_line_1 = factory.Sequence(lambda n: f"{n + 1} Mill Lane")
    town = "Northbrook"
    postcode = "NR1 3QQ"
    consent_to_share = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    role = Role.ADVISER
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password("correct horse battery")

    class Params:
        citizen = factory.Trait(role=Role.CITIZEN, team=None, person=factory.SubFactory(PersonFactory))


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def opened_event(case, create, extracted, **kwargs):
        if create:
            log_event(case, Milestone.CASE_OPENED, None, summary="Case opened")
