"""What every page needs: the council's name and the navigation for the signed-in user's role."""

from django.conf import settings
from django.urls import reverse

from cases.models import CouncilSettings
from cases.roles import CASEWORK, MANAGERS, RECORD_KEEPERS, Role


def navigation_for(user) -> list[tuple[str, str]]:
    directory = ("Find local services", reverse("directory_search"))
    if not user.is_authenticated:
        return [directory]
    role = user.role
    items = [("Home", reverse("home"))]
    if role in RECORD_KEEPERS | MANAGERS:
        items.append(("Front door", reverse("contact_queues")))
    if role in CASEWORK:
        items.append(("Find a person", reverse("person_search")))
    if role in RECORD_KEEPERS:
        items.append(("My caseload", reverse("caseload")))
    if role in MANAGERS:
        items.append(("Team queue", reverse("team_queue")))
    if role == Role.DIRECTORY_EDITOR:
        items.append(("Manage the directory", reverse("directory_manage")))
    if role == Role.COUNCIL_ADMIN:
        items += [
            ("Audit trail", reverse("audit_search")),
            ("Questionnaires", reverse("questionnaires")),
            ("RAS", reverse("ras_versions")),
            ("Configuration", reverse("admin:index")),
        ]
    return [*items, directory]


def service(request):
    path = request.path
    items = navigation_for(request.user)
    # The longest matching link is the current section, so "Home" is not active on every page.
    current = max((href for _, href in items if path.startswith(href)), key=len, default=None)
    return {
        "council": CouncilSettings.current(),
        "navigation": [{"text": text, "href": href, "current": href == current} for text, href in items],
        "keeps_records": getattr(request.user, "role", None) in RECORD_KEEPERS,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
