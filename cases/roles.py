"""Who works in the service, and the groupings that access rules are written in."""

from django.db import models


class Role(models.TextChoices):
    ADVISER = "adviser", "Contact centre adviser"
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    FINANCE_OFFICER = "finance_officer", "Finance officer"
    DIRECTORY_EDITOR = "directory_editor", "Directory editor"
    COUNCIL_ADMIN = "council_admin", "Council admin"
    # Someone at a provider or user-led organisation in the directory, who sees only the people referred to it.
    PROVIDER = "provider", "Provider or user-led organisation"
    CITIZEN = "citizen", "Citizen"


# Staff who work with people's records day to day.
CASEWORK = frozenset(
    {
        Role.ADVISER,
        Role.PRACTITIONER,
        Role.TEAM_MANAGER,
        Role.SERVICE_MANAGER,
        Role.HEAD_OF_SERVICE,
        Role.FINANCE_OFFICER,
    }
)
# Staff who may create and correct a person's details.
RECORD_KEEPERS = frozenset({Role.ADVISER, Role.PRACTITIONER, Role.TEAM_MANAGER})
# Staff a team manager may allocate a case to: they hold a caseload.
CASEHOLDERS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
# Staff who make the Care Act eligibility determination and sign an assessment off (a statutory task).
DECIDERS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
MANAGERS = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.HEAD_OF_SERVICE})
# The council's own staff: not the people it serves, nor the organisations it works with.
STAFF = frozenset(set(Role) - {Role.CITIZEN, Role.PROVIDER})
