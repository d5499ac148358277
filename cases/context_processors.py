"""What every page needs: the council's name and the navigation for the signed-in user's role."""

from django.conf import settings
from django.urls import reverse

from cases.models import CouncilSettings
from config.access import holds

# The service navigation: each section is offered to whoever holds the permission its page requires.
SECTIONS = [
    ("Front door", "contact_queues", "contact.view_contacts"),
    ("Find a person", "person_search", "cases.find_person"),
    ("My caseload", "caseload", "cases.view_caseload"),
    ("Team queue", "team_queue", "cases.view_team_queue"),
    ("Complex plans", "complex_queue", "support_planning.plan_complex"),
    ("Sign-off", "approvals", "validation.sign_off"),
    ("Reviews", "review_queue", "reviews.view_reviews"),
    ("Brokerage", "brokerage_queue", "reviews.broker"),
    ("People referred to you", "referred_plans", "support_planning.view_referred_plans"),
    ("People you support", "supported_people", "reviews.view_supported_people"),
    ("Manage the directory", "directory_manage", "directory.curate"),
    ("Audit trail", "audit_search", "cases.audit_person"),
    ("Questionnaires", "questionnaires", "assessment.manage_questionnaires"),
    ("RAS", "ras_versions", "ras.manage_ras"),
    ("Planning rules", "planning_rules", "support_planning.manage_planning_rules"),
    ("Delegation scheme", "delegation_schemes", "validation.manage_delegation"),
    ("Configuration", "admin:index", "cases.configure"),
]


def navigation_for(user) -> list[tuple[str, str]]:
    directory = ("Find local services", reverse("directory_search"))
    if not user.is_authenticated:
        return [directory]
    items = [("Home", reverse("home"))]
    items += [(text, reverse(name)) for text, name, perm in SECTIONS if holds(user, perm)]
    return [*items, directory]


def service(request):
    path = request.path
    items = navigation_for(request.user)
    # The longest matching link is the current section, so "Home" is not active on every page.
    current = max((href for _, href in items if path.startswith(href)), key=len, default=None)
    return {
        "council": CouncilSettings.current(),
        "navigation": [{"text": text, "href": href, "current": href == current} for text, href in items],
        "keeps_records": holds(request.user, "cases.change_person"),
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
