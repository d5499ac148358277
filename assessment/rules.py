"""Who may do what with assessments: the `assessment.*` permissions (see config.access for how they are asked)."""

import rules

from cases.rules import does_casework, is_citizen, is_council_admin, is_decider, keeps_records, no_object


@rules.predicate
def is_on_a_case(user, assessment) -> bool:
    """Staff work on assessments on a case; a citizen's own self-assessment, not sent to us, is not theirs."""
    return assessment is not None and assessment.case_id is not None


@rules.predicate
def not_yet_on_a_case(user, assessment) -> bool:
    """A citizen's own self-assessment, kept or sent but not yet taken onto their case by the council."""
    return assessment is not None and assessment.case_id is None


@rules.predicate
def is_their_own(user, assessment) -> bool:
    return assessment is not None and assessment.owner_id is not None and assessment.owner_id == user.pk


assesses = keeps_records & (no_object | is_on_a_case)
self_assesses = is_citizen & (no_object | is_their_own)

# Read an assessment on a case (the case's own permission then decides which case).
rules.add_perm("assessment.view_assessment", does_casework)
# Start, answer and complete an assessment on a case, on a visit or on the phone.
rules.add_perm("assessment.assess", assesses)
# A citizen's own self-assessment online: do it, keep it or send it to the council.
rules.add_perm("assessment.self_assess", self_assesses)
# Change the answers of an assessment: staff on a case; the citizen their own until it joins their case, when
# the council's staff carry it on.
rules.add_perm("assessment.change_assessment", assesses | (self_assesses & (no_object | not_yet_on_a_case)))
# The Care Act determination, sign-off and revision after sign-off.
rules.add_perm("assessment.decide_eligibility", is_decider & (no_object | is_on_a_case))
# Questionnaire versions: drafts, preview, publishing.
rules.add_perm("assessment.manage_questionnaires", is_council_admin)
