"""A plan drafted by a provider or user-led organisation: the worker asks an organisation from the directory to
draft the plan with the person; someone there sees only the people referred to it, drafts through the same pages
as the person, and sends the draft to the worker; the council keeps the decision."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cases.milestones import Milestone
from cases.models import AccessEvent
from cases.roles import Role
from cases.tests.factories import UserFactory
from directory.tests.factories import OrganizationFactory
from support_planning import drafting, selectors, services
from support_planning.models import Holder, SupportPlan

pytestmark = pytest.mark.django_db


def choice(organisation) -> str:
    return f"{Holder.ORGANISATION}-{organisation.pk}"


@pytest.fixture
def plan(practitioner, budgeted):
    case, *_ = budgeted
    return services.start_plan(actor=practitioner, case_id=case.pk)


@pytest.fixture
def referred(client, practitioner, provider, plan):
    """The worker has asked the provider's organisation to draft the plan."""
    client.force_login(practitioner)
    client.post(reverse("plan_hand_over", args=[plan.pk]), {"to": choice(provider.organisation)})
    plan.refresh_from_db()
    return plan


def test_the_worker_chooses_an_organisation_with_an_account_and_it_holds_the_draft(
    client, practitioner, provider, plan
):
    OrganizationFactory(name="A lunch club with no one to sign in")
    client.force_login(practitioner)
    choose = client.get(reverse("plan_hand_over", args=[plan.pk]))
    assert "Norwich Independent Living Group" in choose.text
    assert "A lunch club with no one to sign in" not in choose.text

    done = client.post(
        reverse("plan_hand_over", args=[plan.pk]), {"to": choice(provider.organisation)}, follow=True
    )
    assert "Norwich Independent Living Group can draft the plan online now" in done.text
    assert "Norwich Independent Living Group is drafting this plan online" in done.text
    plan.refresh_from_db()
    assert (plan.held_by, plan.drafting_organisation) == (Holder.ORGANISATION, provider.organisation)
    event = plan.case.events.get(milestone=Milestone.PLAN_HANDED_OVER)
    assert "handed to Norwich Independent Living Group to draft with" in event.summary


def test_an_organisation_no_one_can_sign_in_for_is_refused_whatever_the_browser_sends(
    client, practitioner, plan
):
    nobody_there = OrganizationFactory(name="Nobody there")
    client.force_login(practitioner)
    refused = client.post(reverse("plan_hand_over", args=[plan.pk]), {"to": choice(nobody_there)})
    assert "Choose who is to draft the plan" in refused.text
    with pytest.raises(drafting.CannotPlan, match="Choose an organisation"):
        drafting.hand_over(
            actor=practitioner, plan_id=plan.pk, to=Holder.ORGANISATION, organisation_id=nobody_there.pk
        )
    assert SupportPlan.objects.get(pk=plan.pk).held_by == Holder.WORKER


def test_the_organisation_sees_only_the_people_referred_to_it(client, provider, referred, budgeted):
    person = referred.case.person
    client.force_login(provider)
    listing = client.get(reverse("referred_plans"))
    assert person.full_name in listing.text
    assert reverse("draft_check", args=[referred.pk]) in listing.text

    other = UserFactory(
        username="elsewhere",
        role=Role.PROVIDER,
        team=None,
        organisation=OrganizationFactory(name="Elsewhere"),
    )
    client.force_login(other)
    assert person.full_name not in client.get(reverse("referred_plans")).text
    assert client.get(reverse("draft_check", args=[referred.pk])).status_code == 404
    assert client.get(reverse("case", args=[referred.case_id])).status_code == 403
    client.force_login(provider)
    assert client.get(reverse("case", args=[referred.case_id])).status_code == 403
    assert client.get(reverse("support_plan", args=[referred.case_id])).status_code == 403


def test_someone_at_the_organisation_drafts_with_the_person_and_sends_it_to_the_worker(
    client, practitioner, provider, referred
):
    person = referred.case.person
    client.force_login(provider)
    page = client.get(reverse("draft_outcome", args=[referred.pk, 1]))
    assert f"{person.full_name}’s support plan · 1 of" in page.text
    assert AccessEvent.objects.filter(case=referred.case, user=provider).exists()
    client.post(
        reverse("draft_outcome", args=[referred.pk, 1]),
        {
            "version": referred.version,
            "in_my_words": "To get out to the shops on my own",
            "kind": "community",
            "description": "The Thursday shopping bus",
        },
    )
    check = client.get(reverse("draft_check", args=[referred.pk]))
    assert "Send the plan to the council" in check.text and "The Thursday shopping bus" in check.text
    sent = client.post(reverse("draft_check", args=[referred.pk]), follow=True)
    assert f"{person.full_name}’s draft plan has been sent to their worker" in sent.text
    again = client.post(reverse("draft_check", args=[referred.pk]), follow=True)  # a second press
    assert "The council has" in again.text
    referred.refresh_from_db()
    assert referred.held_by == Holder.WORKER and referred.sent_to_worker_at is not None
    assert referred.case.events.filter(milestone=Milestone.PLAN_SENT_TO_WORKER).count() == 1
    assert selectors.referred_to(provider.organisation_id)["sent"] == [referred]
    assert client.get(reverse("draft_outcome", args=[referred.pk, 1])).status_code == 302  # theirs no more

    client.force_login(practitioner)
    plan_page = client.get(reverse("support_plan", args=[referred.case_id]))
    assert "Norwich Independent Living Group drafted this plan online and sent it to you" in plan_page.text
    assert "The Thursday shopping bus" in plan_page.text
    with pytest.raises(PermissionDenied):  # the council keeps the decision
        services.submit(actor=provider, plan_id=referred.pk, seen_version=referred.version)


def test_the_worker_takes_the_draft_back_and_the_organisation_loses_it(
    client, practitioner, provider, referred
):
    client.force_login(practitioner)
    client.post(reverse("plan_hand_over", args=[referred.pk]), {"to": Holder.WORKER})
    referred.refresh_from_db()
    assert referred.held_by == Holder.WORKER and referred.drafting_organisation is None
    client.force_login(provider)
    assert referred.case.person.full_name not in client.get(reverse("referred_plans")).text
    assert client.get(reverse("draft_check", args=[referred.pk])).status_code == 404
