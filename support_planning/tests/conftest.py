"""The case a support plan starts from, for every support planning test."""

import pytest

from support_planning.tests.factories import budgeted_case


@pytest.fixture
def budgeted(practitioner, someones_case, questionnaire, ras_version):
    """An eligible adult's case, assessed on a visit with the person's words in each area, signed off, and the
    indicative budget worked out: where a plan starts."""
    return budgeted_case(practitioner, someones_case)
