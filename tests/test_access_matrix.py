"""Every permission against every role, and every URL against every role: the access policy in one place.

POLICY says, for each permission the apps declare in their `rules.py`, which roles hold it (asked without an
object) and what it lets them do; it is checked against the rules themselves, both ways, and docs/access.md
prints it. Every URL must carry a declaration (`requires`, `signed_in` or `public` from config.access), so a new
page cannot arrive without saying who may use it, and a GET of each page by each role gets what its
declaration and POLICY say: a page for those who hold its permission (or what they get on someone else's
record, in ADMITTED), a refusal for everyone else.
"""

import datetime
from pathlib import Path

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessment.models import Assessment, Questionnaire
from assessment.questionnaires import seed_published
from assessment.services import start_assessment
from cases.models import Letter
from cases.tests.factories import CaseFactory
from config.access import PUBLIC, SIGNED_IN
from contact.models import Contact, Referral, SafeguardingConcern
from directory.models import Suggestion
from directory.tests.factories import ServiceFactory
from ras.models import RasVersion
from ras.seed import seed_ras
from support_planning.models import PlanItem, PlanningRules, PlanOutcome, PlanRisk, SupportPlan
from validation.models import DelegationScheme, PanelMeeting, PanelReferral
from validation.seed import seed_delegation

pytestmark = pytest.mark.django_db

ANON = "anonymous"
CITIZEN = "citizen"
PROVIDER = "provider"  # someone at a provider or user-led organisation
ROLES = [
    "adviser",
    "practitioner",
    "manager",
    "service_manager",
    "head_of_service",
    "finance_officer",
    "directory_editor",
    "council_admin",
    PROVIDER,
    CITIZEN,
]
CASEWORK = {"adviser", "practitioner", "manager", "service_manager", "head_of_service", "finance_officer"}
KEEPERS = {"adviser", "practitioner", "manager"}
MANAGERS = {"manager", "service_manager", "head_of_service"}
DECIDERS = {"practitioner", "manager"}  # Care Act determinations and sign-off
ADMIN = {"council_admin"}
EDITORS = {"directory_editor"}
OUR_APPS = {"cases", "contact", "assessment", "ras", "support_planning", "validation", "reviews", "directory"}
LOGIN = 302

# permission -> (the roles that hold it, what it lets them do). The roles are the personas of conftest.py.
POLICY = {
    "cases.find_person": (CASEWORK, "search for a person"),
    "cases.view_person": (CASEWORK | {CITIZEN}, "see a person's record (a citizen: only their own)"),
    "cases.change_person": (KEEPERS, "add a person, correct their details and relationships"),
    "cases.view_case": (
        CASEWORK | {CITIZEN},
        "see a case, its timeline and letters (a citizen: only their own)",
    ),
    "cases.change_case": (KEEPERS, "ask for or retry a letter on a case"),
    "cases.follow_own_case": ({CITIZEN}, "follow their own case: where it is, its decisions and letters"),
    "cases.view_caseload": (KEEPERS, "see their caseload"),
    "cases.view_team_queue": (MANAGERS, "see the team's queue of cases waiting for a worker"),
    "cases.allocate_case": ({"manager"}, "allocate or reallocate a case (only of their own team)"),
    "cases.settle_case": (
        MANAGERS,
        "record that a section 42 enquiry has finished (the case's team manager, or the manager who started it)",
    ),
    "cases.audit_person": (ADMIN, "see the audit trail of a person's record"),
    "cases.configure": (ADMIN, "the configuration screens (the Django admin)"),
    "contact.take_call": (KEEPERS, "record a contact, pick up a form sent online, take over a draft"),
    "contact.view_contacts": (KEEPERS | MANAGERS, "see the front door's queues and completed contacts"),
    "contact.send_self_assessment": (
        {CITIZEN},
        "send their finished self-assessment to the front door, as an online contact",
    ),
    "contact.follow_up_referral": (KEEPERS, "update a referral; reablement through its free weeks"),
    "contact.decide_safeguarding": (MANAGERS, "decide on a safeguarding concern"),
    "contact.view_measures": (MANAGERS, "see the front door's measures"),
    "assessment.view_assessment": (CASEWORK, "see the assessments on a case, their answers and changes"),
    "assessment.assess": (KEEPERS, "start, answer and complete an assessment on a case"),
    "assessment.self_assess": ({CITIZEN}, "do their own self-assessment online, keep it or send it"),
    "assessment.change_assessment": (
        KEEPERS | {CITIZEN},
        "change an assessment's answers (staff: on a case; a citizen: their own, until it joins their case)",
    ),
    "assessment.decide_eligibility": (
        DECIDERS,
        "decide Care Act eligibility, sign off, revise after sign-off",
    ),
    "assessment.manage_questionnaires": (ADMIN, "draft, preview and publish questionnaire versions"),
    "ras.view_budget": (CASEWORK | {CITIZEN}, "see the indicative budget (a citizen: only their own)"),
    "ras.work_out_budget": (KEEPERS, "work out an assessment's indicative budget with the RAS in force"),
    "ras.send_budget_letter": (KEEPERS, "send the indicative budget letter"),
    "ras.assess_finances": ({"finance_officer"}, "do the financial assessment and confirm it"),
    "ras.manage_ras": (ADMIN, "draft, try and publish RAS versions"),
    "support_planning.plan": (
        DECIDERS,
        "write a support plan with the person, send it for sign-off and in writing; once agreed, send the letter "
        "of its personal budget in large print",
    ),
    "support_planning.view_plan": (CASEWORK | {CITIZEN}, "see a support plan (a citizen: only their own)"),
    "support_planning.view_own_plan": ({CITIZEN}, "see their own support plan online"),
    "support_planning.answer_own_plan": (
        {CITIZEN},
        "agree to their own support plan, or say what they would change",
    ),
    "support_planning.draft_own_plan": (
        {CITIZEN},
        "draft their own support plan online and send it to their worker",
    ),
    "support_planning.draft_plan": (
        {CITIZEN, PROVIDER},
        "change a draft plan while they hold it (a citizen: their own; a provider: one the council asked their "
        "organisation to draft)",
    ),
    "support_planning.view_referred_plans": (
        {PROVIDER},
        "see the people whose plans the council asked their organisation to draft",
    ),
    "support_planning.plan_complex": (
        set(),
        "pick up plans referred to the complex support planning team (only that team's practitioners and manager)",
    ),
    "support_planning.manage_planning_rules": (
        ADMIN,
        "draft and publish the planning rules: the tolerance around the budget, the complex-case criteria",
    ),
    "validation.sign_off": (
        MANAGERS,
        "agree, return or escalate support plans within their delegated limits (a team manager: their team's)",
    ),
    "validation.view_turnaround": (
        MANAGERS | ADMIN,
        "see how long sign-off takes: decisions per level, the time to a decision against the target, returns by "
        "reason, escalations (figures only, no one named)",
    ),
    "validation.manage_delegation": (
        ADMIN,
        "draft and publish the delegation scheme: who may agree a plan's cost, up to how much, the order of escalation",
    ),
    "validation.see_panel_meetings": (
        CASEWORK | ADMIN,
        "see when and where the risk enablement panel meets, and how many referrals each meeting has",
    ),
    "validation.view_panel": (CASEWORK, "see a panel meeting's agenda and each referral to the panel"),
    "validation.refer_to_panel": (
        DECIDERS | MANAGERS,
        "refer a plan or one of its risks to the risk enablement panel, withdraw the referral, say who comes",
    ),
    "validation.schedule_panel": (
        MANAGERS | ADMIN,
        "arrange the risk enablement panel's meetings: add one, change when and where it meets",
    ),
    "validation.decide_panel": (
        MANAGERS,
        "move a referral to another meeting of the panel, record the panel's decision",
    ),
    "reviews.go_live": (
        DECIDERS,
        "start the support of an agreed plan: the direct payment agreement, orders to providers",
    ),
    "reviews.review": (DECIDERS, "record a review: how far each outcome was met, and what happens next"),
    "reviews.view_reviews": (
        {"practitioner", "manager", "service_manager", "head_of_service"},
        "see the reviews due soon, due and overdue (their team's, or their own), and what the person sent for "
        "each",
    ),
    "reviews.end_support": (
        DECIDERS,
        "end the support of a plan, all of it or one service, with a reason and the last day; close the case once "
        "it has ended",
    ),
    "reviews.arrange_interim": (
        DECIDERS,
        "start urgent support before a plan's support is in place, extend it with a reason, end it early",
    ),
    "reviews.view_interim_figures": (
        MANAGERS,
        "see how much urgent support there is before plans, how much runs past its end date and how much the plan "
        "carries on unchanged (figures only, no one named)",
    ),
    "reviews.self_review": (
        {CITIZEN},
        "tell their worker online how their support is going, before a review (their own case)",
    ),
    "reviews.send_direct_payment_return": (
        {CITIZEN},
        "tell the council now and then how much is in their direct payment account (their own case)",
    ),
    "reviews.view_supported_people": (
        {PROVIDER},
        "see the people whose plans in place name their organisation",
    ),
    "reviews.record_progress": (
        {PROVIDER},
        "record progress towards a person's outcomes and changes in their independence, and ask for a review "
        "(only someone their organisation supports)",
    ),
    "reviews.broker": (
        DECIDERS,
        "ask for help to find a provider for an agreed plan's support, work the brokerage queue, record providers' "
        "offers and choose one",
    ),
    "reviews.ask_for_brokerage": (
        {CITIZEN},
        "ask online for help to find a provider for their own plan when they pay the full cost, and see what was "
        "found",
    ),
    "directory.curate": (EDITORS, "add and correct listings, act on suggested corrections"),
}


def admitted(ok=200, **others):
    """What a GET gets from someone its declaration admits: `ok`, or for a role named in `others` (`anonymous`
    for a public page) that role's own answer."""
    return {"ok": ok, **others}


# url name -> what those admitted get on a GET of someone else's record; 200 when not listed.
ADMITTED = {
    "keep_alive": admitted(405),  # POST only
    "person": admitted(citizen=404),  # someone else's
    "relationship_remove": admitted(405),
    "case": admitted(citizen=404),
    "case_letters": admitted(302, citizen=404),  # opened as a page, it goes to the case page
    "citizen_case": admitted(citizen=404),  # a citizen's own case only
    # The team manager of the case's team, or the manager who started the enquiry (none here): with no enquiry
    # open, back to the case.
    "safeguarding_enquiry_finish": admitted(302, service_manager=403, head_of_service=403),
    "letter_request": admitted(405),
    "letter_download": admitted(citizen=404),
    "letter_retry": admitted(405),
    "login": admitted(302, anonymous=200),  # signed-in users are sent home
    "logout": admitted(405),
    "contact_step_person": admitted(302),  # to the first step: the draft is already about someone
    "contact_step_signposting": admitted(302),  # to the outcomes, where the directory is searched
    "contact_take_over": admitted(405),
    "contact_us_check": admitted(302, anonymous=302),  # to the first question until every one is answered
    "contact_us_sent": admitted(302, anonymous=302),  # to the start until something is sent
    "directory_list_add": admitted(405, anonymous=405),
    "directory_list_remove": admitted(405, anonymous=405),
    "directory_list_email_sent": admitted(302, anonymous=302),  # nothing sent yet: back to the list
    "directory_manage_location_remove": admitted(405),
    "directory_manage_checked": admitted(405),
    "assessment_new": admitted(302),  # one is in progress already: taken to it
    "assessment_complete": admitted(405),
    "assessment_no_needs": admitted(405),
    "assessment_eligibility": admitted(404),  # only once the assessment is completed
    "assessment_sign_off": admitted(405),
    "assessment_revise": admitted(405),
    "assessment_changes": admitted(404),  # only for a revision
    "register_confirm": admitted(400, anonymous=400),  # the link in the test is not a real one
    "self_assessment_begin": admitted(405),
    **dict.fromkeys(
        [
            "self_assessment_overview",
            "self_assessment_check",
            "self_assessment_done",
            "self_assessment_send",
            "self_assessment_page",
        ],
        admitted(citizen=404),  # not this citizen's own
    ),
    "indicative_budget": admitted(302, citizen=404),  # in progress: back to it; not the citizen's
    "indicative_budget_letter": admitted(405),
    "work_out_indicative_budget": admitted(405),
    "ras_draft": admitted(405),
    "ras_publish": admitted(405),
    "questionnaire_draft": admitted(405),
    "questionnaire_publish": admitted(405),
    "planning_rules_draft": admitted(405),
    "planning_rules_publish": admitted(405),
    "delegation_scheme_draft": admitted(405),
    "delegation_scheme_publish": admitted(405),
    "support_plan": admitted(citizen=404),  # not the citizen's own case
    "your_plan": admitted(citizen=404),
    "draft_start": admitted(citizen=404),  # not the citizen's own case
    **dict.fromkeys(
        ["draft_outcome", "draft_about", "draft_check"], admitted(citizen=404, provider=404)
    ),  # not their draft
    "draft_remove_way": admitted(405),
    "go_live": admitted(404),  # the plan is not agreed
    "hold_review": admitted(404),  # no such review
    "end_support": admitted(302),  # no support in place: back to the case
    **dict.fromkeys(["interim_support", "interim_end"], admitted(404)),  # no such urgent support
    **dict.fromkeys(
        [
            "self_review",
            "self_review_outcome",
            "self_review_changes",
            "self_review_money",
            "self_review_anything_else",
            "self_review_check",
            "self_review_sent",
        ],
        admitted(citizen=404),  # not the citizen's own case
    ),
    # Not someone the provider's organisation supports.
    **dict.fromkeys(["record_progress", "ask_for_review"], admitted(provider=404)),
    "brokerage_ask": admitted(404),  # the plan is not agreed
    **dict.fromkeys(
        ["brokerage_request", "brokerage_approach_new", "brokerage_approach"], admitted(404)
    ),  # no such request
    "brokerage_choose": admitted(405),
    "your_brokerage": admitted(citizen=404),  # not the citizen's own case
    "your_direct_payment": admitted(citizen=404),  # not the citizen's own case
    "record_direct_payment_return": admitted(302),  # no direct payment running: back to the case
    "plan_compare": admitted(302, citizen=404),  # a first version has nothing before it: back to the plan
    **dict.fromkeys(
        [
            "plan_item_remove",
            "plan_risk_remove",
            "plan_letter",
            "plan_new_version",
            "plan_refer",
            "plan_agreed_letter",
        ],
        admitted(405),
    ),
    **dict.fromkeys(["panel_attendee", "panel_referral_withdraw"], admitted(405)),
}


def declared_permissions() -> set[str]:
    return {name for name in rules.permissions.permissions if name.split(".")[0] in OUR_APPS}


def expected_status(pattern: URLPattern, role: str) -> int:
    declaration = pattern.callback.permission
    if declaration != PUBLIC and role == ANON:
        return LOGIN
    if declaration not in (PUBLIC, SIGNED_IN) and role not in POLICY[declaration][0]:
        return 403
    answer = ADMITTED.get(pattern.name, {})
    return answer.get(role, answer.get("ok", 200))


def policy_table() -> str:
    """The policy as docs/access.md prints it."""
    rows = ["| permission | what it lets them do | who holds it |", "|---|---|---|"]
    for perm, (roles, what) in POLICY.items():
        holders = ", ".join(
            ("team manager" if r == "manager" else r.replace("_", " ")) for r in ROLES if r in roles
        )
        rows.append(f"| `{perm}` | {what} | {holders} |")
    return "\n".join(rows)


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
def someones_plan(someones_assessment):
    """A draft plan with an outcome, a way of meeting it and a risk, referred to next week's panel."""
    plan = SupportPlan.objects.create(case=someones_assessment.case, assessment=someones_assessment)
    outcome = PlanOutcome.objects.create(
        plan=plan, outcome="nutrition", in_my_words="Eat a hot meal each day"
    )
    PlanItem.objects.create(outcome=outcome, kind="family", description="Meals cooked by my son")
    risk = PlanRisk.objects.create(plan=plan, in_my_words="I might fall in the kitchen")
    meeting = PanelMeeting.objects.create(
        starts_at=timezone.now() + datetime.timedelta(days=7), place="County Hall"
    )
    referral = PanelReferral.objects.create(
        case=plan.case,
        plan=plan,
        risk=risk,
        risk_words=risk.in_my_words,
        question="Whether she can keep cooking alone",
        person_attends=True,
        meeting=meeting,
    )
    referral.attendees.create(name="Margaret Ellis", kind="person")
    return plan


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
    plan = SupportPlan.objects.filter(case=case).first()
    outcome = PlanOutcome.objects.filter(plan=plan).first()
    item = PlanItem.objects.filter(outcome=outcome).first()
    risk = PlanRisk.objects.filter(plan=plan).first()
    on_plan = {"plan_pk": plan.pk if plan else 0}
    on_case = {"case_pk": case.pk}
    rules_version = {"pk": PlanningRules.objects.order_by("pk").first().pk}
    seed_delegation()
    scheme_version = {"pk": DelegationScheme.objects.order_by("pk").first().pk}
    referral = PanelReferral.objects.filter(case=case).select_related("meeting").first()
    on_panel = {"pk": referral.pk if referral else 0}
    meeting = {"pk": referral.meeting_id if referral else 0}
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
        "support_plan": {"case_pk": case.pk},
        **dict.fromkeys(
            ["planning_rules_version", "planning_rules_draft", "planning_rules_publish"], rules_version
        ),
        **dict.fromkeys(
            ["delegation_scheme", "delegation_scheme_draft", "delegation_scheme_publish"], scheme_version
        ),
        "go_live": on_plan,
        "hold_review": {"pk": 0},
        "interim_support": {"pk": 0},
        "interim_end": {"pk": 0},
        **dict.fromkeys(
            [
                "self_review",
                "self_review_changes",
                "self_review_money",
                "self_review_anything_else",
                "self_review_check",
                "self_review_sent",
                "case_review",
                "end_support",
                "interim_new",
                "record_progress",
                "ask_for_review",
            ],
            on_case,
        ),
        "self_review_outcome": {"case_pk": case.pk, "number": 1},
        "brokerage_ask": on_plan,
        **{name: {"pk": 0} for name in ["brokerage_request", "brokerage_approach_new"]},
        **{name: {"pk": 0, "approach_pk": 0} for name in ["brokerage_approach", "brokerage_choose"]},
        "your_brokerage": on_case,
        "your_direct_payment": on_case,
        "record_direct_payment_return": on_case,
        "your_plan": {"case_pk": case.pk},
        "plan_sign_off": on_plan,
        "draft_start": {"case_pk": case.pk},
        **dict.fromkeys(["draft_about", "draft_check", "plan_hand_over"], on_plan),
        "draft_outcome": {**on_plan, "number": 1},
        "draft_remove_way": {**on_plan, "item_pk": item.pk if item else 0},
        **dict.fromkeys(
            ["plan_about", "plan_outcome_new", "plan_risk_new", "plan_money", "plan_submit", "plan_letter"],
            on_plan,
        ),
        **dict.fromkeys(["plan_new_version", "plan_compare", "plan_refer", "plan_agreed_letter"], on_plan),
        "plan_outcome": {**on_plan, "outcome_pk": outcome.pk if outcome else 0},
        "plan_item_new": {**on_plan, "outcome_pk": outcome.pk if outcome else 0},
        "plan_item": {
            **on_plan,
            "outcome_pk": outcome.pk if outcome else 0,
            "item_pk": item.pk if item else 0,
        },
        "plan_item_remove": {**on_plan, "pk": item.pk if item else 0},
        "plan_risk": {**on_plan, "risk_pk": risk.pk if risk else 0},
        "plan_risk_remove": {**on_plan, "pk": risk.pk if risk else 0},
        **dict.fromkeys(["panel_meeting", "panel_meeting_change"], meeting),
        "panel_refer": on_plan,
        **dict.fromkeys(
            [
                "panel_referral",
                "panel_attendees",
                "panel_referral_move",
                "panel_referral_withdraw",
                "panel_decision",
            ],
            on_panel,
        ),
        "panel_attendee": {**on_panel, "attendee_pk": referral.attendees.first().pk if referral else 0},
    }.get(
        name,
        listing
        if name.startswith(("directory_manage_", "directory_sugg")) and name != "directory_manage_new"
        else {},
    )
    return reverse(name, kwargs=kwargs)


def test_every_permission_the_apps_declare_is_in_the_policy_and_no_other():
    assert sorted(declared_permissions()) == sorted(POLICY)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_holds_exactly_the_permissions_the_policy_gives_it(request, role):
    user = request.getfixturevalue(role)
    held = {perm for perm in POLICY if user.has_perm(perm)}
    assert held == {perm for perm, (roles, _) in POLICY.items() if role in roles}


def test_nobody_signed_out_holds_any_permission():
    assert not [perm for perm in POLICY if AnonymousUser().has_perm(perm)]


def test_every_page_declares_who_may_use_it():
    undeclared = [
        p.name
        for p in app_url_patterns()
        if getattr(p.callback, "permission", None) not in {PUBLIC, SIGNED_IN, *POLICY}
    ]
    assert undeclared == []


def test_what_those_admitted_get_is_said_only_of_pages_that_exist():
    assert set(ADMITTED) <= {p.name for p in app_url_patterns()}


def test_the_access_page_prints_the_policy():
    page = Path(__file__).resolve().parents[1] / "docs" / "access.md"
    assert policy_table() in page.read_text(encoding="utf-8"), (
        f"docs/access.md should hold:\n{policy_table()}"
    )


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
    someones_plan,
):
    if role != ANON:
        client.force_login(request.getfixturevalue(role))
    patterns = list(app_url_patterns())
    got = {
        p.name: client.get(url_for(p.name, someones_case, someones_letter, a_listed_service)).status_code
        for p in patterns
    }
    want = {p.name: expected_status(p, role) for p in patterns}
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
