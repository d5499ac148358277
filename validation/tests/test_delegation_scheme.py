"""The delegation scheme as versioned configuration: the seeded version, a council admin drafting new limits and
publishing them from a date, published versions read-only, and a scheme that would leave some plan with no one
to agree it refused with the reason."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from cases import versioning
from validation import selectors
from validation.delegation import Plan, route_for
from validation.models import DelegationLevel, DelegationLimit, DelegationScheme

pytestmark = pytest.mark.django_db

TOMORROW = datetime.date.today() + datetime.timedelta(days=1)


def levels_of(scheme) -> list[tuple]:
    return [(level.place, level.name, level.role, level.annual_limit) for level in scheme.levels.all()]


def test_the_council_starts_with_team_service_manager_and_head_of_service_limits(delegation_scheme):
    assert selectors.scheme_in_force() == delegation_scheme
    assert levels_of(delegation_scheme) == [
        (1, "Team manager", "team_manager", D("30000")),
        (2, "Service manager", "service_manager", D("60000")),
        (3, "Head of service", "head_of_service", None),
    ]
    assert delegation_scheme.publish_problems() == []
    route = route_for(Plan(D("45000")), delegation_scheme.as_rule())
    assert route.first.role == "service_manager" and [level.role for level in route.escalation] == [
        "head_of_service"
    ]


def test_an_admin_drafts_new_limits_and_publishes_them_from_a_date(client, council_admin, delegation_scheme):
    client.force_login(council_admin)
    listing = client.get(reverse("delegation_schemes")).text
    assert "Team manager: up to £30,000.00 a year" in listing and "Head of service: no limit" in listing
    client.post(reverse("delegation_scheme_draft", args=[delegation_scheme.pk]))
    draft = DelegationScheme.objects.get(version=2)
    assert levels_of(draft) == levels_of(delegation_scheme)
    team = draft.levels.get(place=1)
    DelegationLevel.objects.filter(pk=team.pk).update(annual_limit=D("35000"))
    DelegationLimit.objects.create(level=team, client_group="Working-age adults", annual_limit=D("25000"))
    page = client.get(reverse("delegation_scheme", args=[draft.pk])).text
    assert "Change the draft" in page and "Working-age adults: £25,000.00 a year" in page

    response = client.post(
        reverse("delegation_scheme_publish", args=[draft.pk]), {"effective_from": TOMORROW.isoformat()}
    )
    assert response.url == reverse("delegation_schemes")
    draft.refresh_from_db()
    assert draft.is_published and draft.effective_from == TOMORROW
    assert selectors.scheme_in_force() == delegation_scheme
    assert selectors.scheme_in_force(TOMORROW) == draft
    page = client.get(reverse("delegation_scheme", args=[draft.pk])).text
    assert "£35,000.00 a year" in page and "Change the draft" not in page


def test_a_new_draft_copies_every_level_and_narrower_limit(council_admin, delegation_scheme):
    team = delegation_scheme.levels.get(place=1)
    DelegationLimit.objects.create(level=team, support_type="paid", annual_limit=D("20000"))
    draft = versioning.start_draft(actor=council_admin, source=delegation_scheme)
    copied = draft.levels.get(place=1).limits.get()
    assert (copied.support_type, copied.annual_limit) == ("paid", D("20000"))
    assert team.limits.count() == 1  # the published version keeps its own
    assert (
        versioning.start_draft(actor=council_admin, source=delegation_scheme) == draft
    )  # one draft at a time


def test_a_scheme_that_leaves_some_amount_with_no_one_to_agree_it_is_refused_with_the_reason(
    client, council_admin, delegation_scheme
):
    draft = DelegationScheme.draft_from(delegation_scheme)
    DelegationLevel.objects.filter(scheme=draft, place=3).update(annual_limit=D("150000"))
    client.force_login(council_admin)
    assert (
        "No one may agree a plan costing more than £150,000.00 a year"
        in client.get(reverse("delegation_scheme", args=[draft.pk])).text
    )
    response = client.post(
        reverse("delegation_scheme_publish", args=[draft.pk]),
        {"effective_from": TOMORROW.isoformat()},
        follow=True,
    )
    assert "Version 2 cannot be published yet: No one may agree a plan costing more than £150,000.00" in (
        response.text
    )
    draft.refresh_from_db()
    assert not draft.is_published
    with pytest.raises(versioning.CannotPublish, match="give the last level no limit"):
        versioning.publish(actor=council_admin, version=draft, effective_from=TOMORROW)


def test_a_published_version_cannot_be_changed_in_the_configuration_screens(
    client, council_admin, delegation_scheme
):
    client.force_login(council_admin)
    level = delegation_scheme.levels.get(place=1)
    change = reverse("admin:validation_delegationlevel_change", args=[level.pk])
    client.post(change, {"place": 1, "name": "Team manager", "role": "team_manager", "annual_limit": "90000"})
    level.refresh_from_db()
    assert level.annual_limit == D("30000")
    with pytest.raises(versioning.ReadOnlyVersion):
        delegation_scheme.save()


def test_a_draft_s_levels_and_their_narrower_limits_are_changed_in_the_configuration_screens(
    client, council_admin, delegation_scheme
):
    draft = DelegationScheme.draft_from(delegation_scheme)
    client.force_login(council_admin)
    scheme_page = client.get(reverse("admin:validation_delegationscheme_change", args=[draft.pk]))
    assert scheme_page.status_code == 200 and "Service manager" in scheme_page.text
    team = draft.levels.get(place=1)
    level_page = client.get(reverse("admin:validation_delegationlevel_change", args=[team.pk]))
    assert level_page.status_code == 200 and "Type of support" in level_page.text
    response = client.post(
        reverse("admin:validation_delegationlevel_change", args=[team.pk]),
        {
            "place": 1,
            "name": "Team manager",
            "role": "team_manager",
            "annual_limit": "32000",
            "above_budget_limit": "",
            "limits-TOTAL_FORMS": 1,
            "limits-INITIAL_FORMS": 0,
            "limits-0-client_group": "Older people",
            "limits-0-support_type": "",
            "limits-0-annual_limit": "28000",
        },
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.annual_limit == D("32000")
    assert team.limits.get().client_group == "Older people"


def test_the_target_for_a_decision_is_drafted_changed_and_published_with_the_scheme(
    client, council_admin, delegation_scheme, settings
):
    # Django's admin reads each inline row of the posted levels by its id: three rows on a configuration screen.
    settings.ZEAL_ALLOWLIST = [{"model": "validation.DelegationLevel"}]
    assert delegation_scheme.decision_days == 7
    client.force_login(council_admin)
    published = client.get(reverse("admin:validation_delegationscheme_change", args=[delegation_scheme.pk]))
    assert 'name="decision_days"' not in published.text  # read-only once published
    draft = versioning.start_draft(actor=council_admin, source=delegation_scheme)
    assert draft.decision_days == 7
    levels = list(draft.levels.all())
    response = client.post(
        reverse("admin:validation_delegationscheme_change", args=[draft.pk]),
        {
            "decision_days": "5",
            "levels-TOTAL_FORMS": len(levels),
            "levels-INITIAL_FORMS": len(levels),
            **{
                f"levels-{n}-{name}": value
                for n, level in enumerate(levels)
                for name, value in {
                    "id": level.pk,
                    "scheme": draft.pk,
                    "place": level.place,
                    "name": level.name,
                    "role": level.role,
                    "annual_limit": level.annual_limit or "",
                    "above_budget_limit": "",
                }.items()
            },
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.decision_days == 5
    page = client.get(reverse("delegation_scheme", args=[draft.pk])).text
    assert "5 days from a plan being sent for sign-off" in page
    versioning.publish(actor=council_admin, version=draft, effective_from=TOMORROW)
    assert selectors.target_in_force(TOMORROW) == 5 and selectors.target_in_force() == 7
    listing = client.get(reverse("delegation_schemes")).text
    assert "5 days" in listing and "7 days" in listing
