"""Every URL against every role: who gets the page, who is refused, and what a citizen can see of others.

The expected table is written out by hand: it is the access policy in one place. A URL missing from it
fails the test, so a new page cannot arrive without saying who may use it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessment.models import Assessment, Questionnaire
from assessment.questionnaires import seed_published
from assessment.services import start_assessment
from cases.models import Letter
from cases.tests.factories import CaseFactory
from contact.models import Contact, Referral, SafeguardingConcern
from directory.models import Suggestion
from directory.tests.factories import ServiceFactory
from ras.models import RasVersion
from ras.seed import seed_ras

pytestmark = pytest.mark.django_db

ANON = "anonymous"
CITIZEN = "citizen"
ROLES = [
    "adviser",
    "practitioner",
    "manager",
    "service_manager",
    "head_of_service",
    "finance_officer",
    "directory_editor",
    "council_admin",
    CITIZEN,
]
CASEWORK = {"adviser", "practitioner", "manager", "service_manager", "head_of_service", "finance_officer"}
KEEPERS = {"adviser", "practitioner", "manager"}
MANAGERS = {"manager", "service_manager", "head_of_service"}
ADMIN = {"council_admin"}
EDITORS = {"directory_editor"}
DECIDERS = {"practitioner", "manager"}  # Care Act determinations and sign-off
LOGIN = 302


def everyone(status=200, anonymous=200):
    return {ANON: anonymous, **dict.fromkeys(ROLES, status)}


def only(allowed, ok=200, citizen=403):
    """`allowed` roles get `ok`; other staff 403; a citizen `citizen`; anonymous users go to sign in."""
    table = {ANON: LOGIN, **{role: (ok if role in allowed else 403) for role in ROLES}}
    table[CITIZEN] = citizen
    return table


# url name -> (role -> status code for GET of someone else's record)
EXPECTED = {
    "home": everyone(),
    "signed_out": everyone(),
    "healthz": everyone(),
    "baseline": everyone(),
    "keep_alive": {**everyone(405), ANON: LOGIN},  # POST only
    "person_search": only(CASEWORK),
    "person_new": only(KEEPERS),
    "person": only(CASEWORK, citizen=404),
    "person_edit": only(KEEPERS),
    "person_audit": only(ADMIN),
    "relationship_new": only(KEEPERS),
    "relationship_remove": only(KEEPERS, ok=405),  # POST only
    "audit_search": only(ADMIN),
    "caseload": only(KEEPERS),
    "team_queue": only(MANAGERS),
    "case": only(CASEWORK, citizen=404),
    "case_letters": only(CASEWORK, ok=302, citizen=404),  # opened as a page, it goes to the case page
    "citizen_case": only(set(), citizen=404),  # a citizen's own case only
    "case_allocate": only({"manager"}),  # the team manager of the case's team
    # The team manager of the case's team, or the manager who started the enquiry (none here): with no enquiry
    # open, back to the case.
    "safeguarding_enquiry_finish": {
        **only({"manager"}, ok=302),
        "service_manager": 403,
        "head_of_service": 403,
    },
    "letter_request": only(KEEPERS, ok=405),  # POST only
    "letter_download": only(CASEWORK, citizen=404),
    "letter_retry": only(KEEPERS, ok=405),  # POST only
    "login": {**everyone(302), ANON: 200},  # signed-in users are sent home
    "logout": {**everyone(405), ANON: LOGIN},  # POST only
    "password_reset": everyone(),
    "password_reset_done": everyone(),
    "password_reset_confirm": everyone(),
    "password_reset_complete": everyone(),
    "directory_search": everyone(),
    "directory_service": everyone(),
    "directory_api_root": everyone(),
    "directory_api_openapi": everyone(),
    "directory_api_services": everyone(),
    "directory_api_service": everyone(),
    "directory_api_taxonomies": everyone(),
    "directory_api_taxonomy_terms": everyone(),
    "directory_api_service_at_locations": everyone(),
    "directory_api_organizations": everyone(),
    "directory_api_organization": everyone(),
    "directory_api_taxonomy": everyone(),
    "directory_api_taxonomy_term": everyone(),
    "directory_api_service_at_location": everyone(),
    "contact_queues": only(KEEPERS | MANAGERS),
    "contact_queue": only(KEEPERS | MANAGERS),
    "contact_start": only(KEEPERS),
    "contact": only(KEEPERS | MANAGERS),
    "contact_step_person": only(KEEPERS, ok=302),  # to the first step: the draft is already about someone
    "contact_step_signposting": only(KEEPERS, ok=302),  # to the outcomes, where the directory is searched
    "contact_step_check": only(KEEPERS),
    "contact_step": only(KEEPERS),
    "contact_take_over": only(KEEPERS, ok=405),  # POST only
    "safeguarding_concern": only(MANAGERS),
    "contact_measures": only(MANAGERS),
    "contact_referral": only(KEEPERS),
    "contact_us": everyone(),
    "contact_us_step": everyone(),
    "contact_us_urgent": everyone(),
    "contact_us_check": everyone(302, anonymous=302),  # to the first question until every one is answered
    "contact_us_sent": everyone(302, anonymous=302),  # to the start until something is sent
    "directory_list": everyone(),
    "directory_list_add": everyone(405, anonymous=405),  # POST only
    "directory_list_remove": everyone(405, anonymous=405),  # POST only
    "directory_list_email": everyone(),
    "directory_list_email_sent": everyone(302, anonymous=302),  # nothing sent yet: back to the list
    "directory_suggest": everyone(),
    "directory_suggestion_sent": everyone(),
    "directory_manage": only(EDITORS),
    "directory_manage_new": only(EDITORS),
    "directory_manage_service": only(EDITORS),
    "directory_manage_details": only(EDITORS),
    "directory_manage_phones": only(EDITORS),
    "directory_manage_location_new": only(EDITORS),
    "directory_manage_location": only(EDITORS),
    "directory_manage_location_remove": only(EDITORS, ok=405),  # POST only
    "directory_manage_times": only(EDITORS),
    "directory_manage_checked": only(EDITORS, ok=405),  # POST only
    "directory_manage_history": only(EDITORS),
    "directory_manage_suggestion": only(EDITORS),
    "case_assessments": only(CASEWORK),
    "assessment_new": only(KEEPERS, ok=302),  # one is in progress already: taken to it
    "assessment": only(CASEWORK),
    "assessment_about": only(KEEPERS),
    "assessment_phone": only(KEEPERS),
    "assessment_check": only(CASEWORK),
    "assessment_complete": only(KEEPERS, ok=405),  # POST only
    "assessment_domain": only(KEEPERS),
    "assessment_no_needs": only(KEEPERS, ok=405),  # POST only
    "assessment_eligibility": only(DECIDERS, ok=404),  # only once the assessment is completed
    "assessment_sign_off": only(DECIDERS, ok=405),  # POST only
    "assessment_revise": only(DECIDERS, ok=405),  # POST only
    "assessment_changes": only(CASEWORK, ok=404),  # only for a revision
    "register": everyone(),
    "register_sent": everyone(),
    "register_confirm": everyone(400, anonymous=400),  # the link in the test is not a real one
    "self_assessment": everyone(),
    "self_assessment_begin": only(set(), citizen=405),  # citizens only, POST only
    "self_assessment_overview": only(set(), citizen=404),  # not this citizen's own
    "self_assessment_check": only(set(), citizen=404),
    "self_assessment_done": only(set(), citizen=404),
    "self_assessment_send": only(set(), citizen=404),
    "self_assessment_page": only(set(), citizen=404),
    "indicative_budget": only(CASEWORK, ok=302, citizen=404),  # in progress: back to it; not the citizen's
    "indicative_budget_letter": only(KEEPERS, ok=405),  # POST only
    "work_out_indicative_budget": only(KEEPERS, ok=405),  # POST only
    "financial_assessment": only({"finance_officer"}),
    "online_estimate": everyone(),
    "ras_versions": only(ADMIN),
    "ras_preview": only(ADMIN),
    "ras_draft": only(ADMIN, ok=405),  # POST only
    "ras_publish": only(ADMIN, ok=405),  # POST only
    "questionnaires": only(ADMIN),
    "questionnaire_preview": only(ADMIN),
    "questionnaire_draft": only(ADMIN, ok=405),  # POST only
    "questionnaire_publish": only(ADMIN, ok=405),  # POST only
}


def app_url_patterns(resolver=None, namespace=""):
    """Every named URL outside the Django admin, with its view."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from app_url_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry


@pytest.fixture
def a_listed_service(db):
    service = ServiceFactory(at="NR1", categories=["lunch-clubs"])
    Suggestion.objects.create(service=service, topic="other", details="Closed on Mondays now")
    return service


@pytest.fixture
def someones_contacts(someones_case, adviser):
    """A contact still being recorded, and a completed one that raised a safeguarding concern."""
    draft = Contact.objects.create(person=someones_case.person, taken_by=adviser)
    done = Contact.objects.create(
        person=someones_case.person, case=someones_case, taken_by=adviser, status=Contact.Status.COMPLETED
    )
    SafeguardingConcern.objects.create(
        contact=done, case=someones_case, concern="Bruising", raised_by=adviser
    )
    Referral.objects.create(contact=done, case=someones_case, kind="reablement")
    return draft, done


@pytest.fixture
def someones_assessment(someones_case, practitioner):
    seed_published()
    seed_ras()
    return start_assessment(actor=practitioner, case=someones_case, mode="visit")


@pytest.fixture
def someones_letter(someones_case):
    return Letter.objects.create(
        case=someones_case, letter_type="case_reference", status="ready", pdf=b"%PDF"
    )


def url_for(name, case, letter, service=None):
    listing = {"service_uuid": service.uuid} if service else {}
    drafts = Contact.objects.drafts().filter(person=case.person)
    draft = {"pk": drafts.get().pk} if drafts.exists() else {"pk": 0}
    assessments = Assessment.objects.filter(case=case)
    assessment = {"pk": assessments.get().pk} if assessments.exists() else {"pk": 0}
    first_ras = RasVersion.objects.order_by("version").first()
    ras = {"pk": first_ras.pk if first_ras else 0}
    current = Questionnaire.objects.current("adult")
    questionnaire = {"pk": current.pk if current else 0}
    place = {**listing, "location_uuid": service.locations.first().uuid} if service else {}
    kwargs = {
        "person": {"pk": case.person_id},
        "person_edit": {"pk": case.person_id},
        "person_audit": {"pk": case.person_id},
        "relationship_new": {"pk": case.person_id},
        "relationship_remove": {"pk": case.person_id, "relationship_pk": 1},
        "case": {"pk": case.pk},
        "case_letters": {"pk": case.pk},
        "citizen_case": {"pk": case.pk},
        "safeguarding_enquiry_finish": {"pk": case.pk},
        "case_allocate": {"pk": case.pk},
        "letter_request": {"pk": case.pk},
        "letter_download": {"pk": case.pk, "letter_pk": letter.pk},
        "letter_retry": {"pk": case.pk, "letter_pk": letter.pk},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "directory_service": {"service_uuid": service.uuid if service else None},
        "directory_api_service": {"service_id": service.uuid if service else None},
        **(
            {
                "directory_api_organization": {"organization_id": service.organization.uuid},
                "directory_api_taxonomy": {"taxonomy_id": service.terms.get().taxonomy.uuid},
                "directory_api_taxonomy_term": {"term_id": service.terms.get().uuid},
                "directory_api_service_at_location": {
                    "service_at_location_id": service.service_at_locations.get().uuid
                },
            }
            if service
            else {}
        ),
        "contact": {"pk": Contact.objects.completed().get(person=case.person).pk},
        "contact_queue": {"queue": "safeguarding"},
        "contact_step_person": draft,
        "contact_step_signposting": draft,
        "contact_step_check": draft,
        "contact_take_over": draft,
        "contact_step": {**draft, "step": "about"},
        "contact_us_step": {"step": "who"},
        "contact_referral": {"pk": Referral.objects.get(case=case).pk},
        "safeguarding_concern": {"pk": SafeguardingConcern.objects.get(case=case).pk},
        "case_assessments": {"case_pk": case.pk},
        "indicative_budget": {"assessment_pk": assessment["pk"]},
        "indicative_budget_letter": {"assessment_pk": assessment["pk"]},
        "work_out_indicative_budget": {"assessment_pk": assessment["pk"]},
        "financial_assessment": {"case_pk": case.pk},
        **dict.fromkeys(["ras_preview", "ras_draft", "ras_publish"], ras),
        "register_confirm": {"token": "not-a-real-link"},
        **dict.fromkeys(
            [
                "self_assessment_overview",
                "self_assessment_check",
                "self_assessment_done",
                "self_assessment_send",
            ],
            assessment,
        ),
        "self_assessment_page": {**assessment, "key": "home", "step": "needs"},
        "assessment_new": {"case_pk": case.pk},
        **dict.fromkeys(
            [
                "assessment",
                "assessment_about",
                "assessment_phone",
                "assessment_check",
                "assessment_complete",
                "assessment_eligibility",
                "assessment_sign_off",
                "assessment_revise",
                "assessment_changes",
            ],
            assessment,
        ),
        "assessment_domain": {**assessment, "key": "home"},
        **dict.fromkeys(
            ["questionnaire_preview", "questionnaire_draft", "questionnaire_publish"], questionnaire
        ),
        "assessment_no_needs": {**assessment, "key": "home"},
        "directory_manage_location": place,
        "directory_manage_location_remove": place,
        "directory_manage_suggestion": {"suggestion_id": service.suggestions.first().pk} if service else {},
    }.get(
        name,
        listing
        if name.startswith(("directory_manage_", "directory_sugg")) and name != "directory_manage_new"
        else {},
    )
    return reverse(name, kwargs=kwargs)


def test_every_page_declares_who_may_use_it():
    undeclared = [p.name for p in app_url_patterns() if not hasattr(p.callback, "allowed_roles")]
    assert undeclared == []


def test_the_expected_table_covers_every_page():
    assert sorted(p.name for p in app_url_patterns()) == sorted(EXPECTED)


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_each_role_gets_exactly_the_pages_the_policy_gives_it(
    client,
    request,
    role,
    someones_case,
    someones_letter,
    a_listed_service,
    someones_contacts,
    someones_assessment,
):
    if role != ANON:
        client.force_login(request.getfixturevalue(role))
    got = {
        name: client.get(url_for(name, someones_case, someones_letter, a_listed_service)).status_code
        for name in EXPECTED
    }
    want = {name: statuses[role] for name, statuses in EXPECTED.items()}
    assert got == want


def test_anonymous_users_are_sent_to_sign_in_and_back(client, someones_case):
    response = client.get(reverse("case", args=[someones_case.pk]))
    assert response.url == f"{reverse('login')}?next=/cases/{someones_case.pk}/"


def test_a_citizen_sees_their_own_case_and_letters(client, citizen, citizen_case):
    client.force_login(citizen)
    letter = Letter.objects.create(
        case=citizen_case, letter_type="case_reference", status="ready", pdf=b"%PDF-1"
    )
    assert client.get(reverse("case", args=[citizen_case.pk]), follow=True).status_code == 200
    assert client.get(reverse("person", args=[citizen.person_id])).status_code == 200
    download = client.get(reverse("letter_download", args=[citizen_case.pk, letter.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_a_citizen_cannot_tell_whether_another_persons_case_exists(client, citizen, other_citizen):
    other_case = CaseFactory(person=other_citizen.person)
    client.force_login(citizen)
    missing = client.get(reverse("case", args=[other_case.pk + 1000]))
    forbidden = client.get(reverse("case", args=[other_case.pk]))
    assert missing.status_code == forbidden.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_council_admins_reach_the_configuration_screens(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("admin:index"))
    if role == "council_admin":
        assert response.status_code == 200
        assert "Council configuration" in response.content.decode()
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
