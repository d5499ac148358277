"""The one way an assessment is loaded for a request: the case's permission checked, the read or change
audited on the person's record."""

from django.http import Http404

from assessment import selectors
from assessment.models import Assessment
from cases.access import ACTION_TO_AUDIT, check_case_permission
from cases.audit import record_access


def get_assessment_for(request, pk: int, action: str = "view", *, what: str = "assessment") -> Assessment:
    try:
        assessment = selectors.assessment_with_case(pk)
    except Assessment.DoesNotExist as missing:
        raise Http404 from missing
    case = assessment.case
    if case is None:
        raise Http404  # a citizen's own self-assessment, not sent to us: not ours to read
    check_case_permission(request, case, action, what=what)
    record_access(request, action=ACTION_TO_AUDIT[action], case=case, what=what)
    return assessment
