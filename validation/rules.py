"""Who may do what in validation: the `validation.*` permissions (see config.access)."""

import rules

from cases.rules import is_council_admin

# The delegation scheme: who may agree a plan's cost, and the order of escalation, drafted and published with the
# date it takes effect, like the RAS.
rules.add_perm("validation.manage_delegation", is_council_admin)
