"""The migration that typed the journey log: every event written before it gets a milestone, by its kind or, for
notes, by the sentence the services wrote; and it reverses to the kinds."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.models import CaseEvent
from cases.tests.factories import CaseFactory

BEFORE = [("cases", "0012_person_consent_recorded_by")]
AFTER = [("cases", "0013_journey_milestones")]

# (kind, summary, details) written before, and the milestone each becomes.
OLD_EVENTS = [
    ("opened", "Case opened", {}, "case_opened"),
    ("stage_changed", "Moved to assessment", {"from": "contact", "to": "assessment"}, "stage_changed"),
    ("stage_changed", "Reopened by contact", {"from": "closed", "to": "contact"}, "case_reopened"),
    ("closed", "Resolved at first contact", {"from": "contact", "to": "closed"}, "resolved_at_first_contact"),
    ("closed", "Case closed", {"from": "review", "to": "closed"}, "case_closed"),
    ("allocated", "Allocated to Sam", {"from": None, "to": 3}, "allocated"),
    ("allocated", "Reallocated from Sam to Jo", {"from": 3, "to": 4}, "reallocated"),
    ("letter_requested", "Letter requested: Your case reference", {"letter": 7}, "letter_requested"),
    ("letter_ready", "Letter ready: Your case reference", {"letter": 7}, "letter_ready"),
    ("letter_failed", "Letter failed: Your case reference", {"letter": 7, "error": "x"}, "letter_failed"),
    ("note", "Contact FD000001 recorded: information and advice", {"contact": 11}, "contact_received"),
    ("note", "Equipment: perching stool free", {"contact": 11}, "equipment_decided"),
    ("note", "Flagged: Safeguarding concern", {}, "safeguarding_raised"),
    ("note", "Flagged: Section 42 safeguarding enquiry", {}, "enquiry_started"),
    ("note", "Safeguarding decision: no further action", {"concern": 2}, "safeguarding_decided"),
    ("note", "Adult assessment started (visit)", {"assessment": 5}, "assessment_started"),
    ("note", "Adult assessment completed: needs in 2 of 11 areas", {"assessment": 5}, "assessment_completed"),
    ("note", "Eligibility decided: eligible", {"assessment": 5}, "eligibility_decided"),
    ("note", "Adult assessment signed off", {"assessment": 5}, "assessment_signed_off"),
    (
        "note",
        "Financial assessment confirmed: pays £30.90 a week",
        {"financial_assessment": 9},
        "financial_assessment_confirmed",
    ),
    ("note", "Reablement: accepted", {"referral": 4}, "referral_decided"),
    ("note", "Unpaid carer added: Janet Ellis", {"relationship": 6}, "relationship_added"),
    ("note", "Personal details updated", {"fields": ["postcode"]}, "details_updated"),
    ("note", "Stays open: a concern is undecided", {"kept_open": ["..."]}, "kept_open"),
    ("note", "Something said in words nobody planned for", {}, "note"),
]


@pytest.mark.django_db(transaction=True)
def test_every_old_event_gets_a_milestone_and_the_migration_reverses_to_the_old_kinds():
    case = CaseFactory()
    CaseEvent.objects.filter(case=case).delete()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("cases", "CaseEvent")
    written = [
        old.objects.create(case_id=case.pk, stage="contact", kind=kind, summary=summary, details=details).pk
        for kind, summary, details, _ in OLD_EVENTS
    ]

    executor.loader.build_graph()
    executor.migrate(AFTER)
    events = CaseEvent.objects.in_bulk(written)
    assert [events[pk].milestone for pk in written] == [milestone for *_, milestone in OLD_EVENTS]
    assert [events[pk].facts for pk in written] == [details for _, _, details, _ in OLD_EVENTS]
    letter_ready = events[written[8]]
    assert (letter_ready.subject_type, letter_ready.subject_id) == ("cases.letter", 7)
    decided = events[written[17]]
    assert (decided.subject_type, decided.subject_id) == ("assessment.assessment", 5)

    executor.loader.build_graph()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("cases", "CaseEvent")
    kinds = dict(old.objects.filter(pk__in=written).values_list("pk", "kind"))
    assert [kinds[pk] for pk in written] == [kind for kind, *_ in OLD_EVENTS]

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
