"""Who may do what with money: the `ras.*` permissions (see config.access for how they are asked)."""

import rules

from cases.rules import (
    does_casework,
    is_citizen,
    is_council_admin,
    is_finance_officer,
    keeps_records,
    no_object,
)


@rules.predicate
def is_on_a_case(user, assessment) -> bool:
    """A budget is worked out only for an assessment on a case, never for a citizen's own self-assessment."""
    return assessment is not None and assessment.case_id is not None


# The indicative budget of an assessment on a case (the case's own permission then decides which case: a
# citizen sees only their own).
rules.add_perm("ras.view_budget", does_casework | is_citizen)
# The indicative budget worked out with the RAS in force and kept as the assessment's current one.
rules.add_perm("ras.work_out_budget", keeps_records & (no_object | is_on_a_case))
# The indicative budget sent to the person in writing.
rules.add_perm("ras.send_budget_letter", keeps_records)
# The financial assessment: the person's means, the weekly contribution worked out, confirmed with a letter.
rules.add_perm("ras.assess_finances", is_finance_officer)
# RAS versions: drafts, tried on current budgets, published with the date they take effect.
rules.add_perm("ras.manage_ras", is_council_admin)
