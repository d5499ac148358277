"""The journey log becomes typed: each event gets a milestone (cases.milestones), the record it is about
(subject_type, subject_id) and its structured facts (the old details). Existing events are mapped by their
kind and, for notes, by the sentences the services wrote; anything no pattern recognises is a "note". The old
kind is worked back out of the milestone when this is reversed."""

import pgtrigger
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

APPEND_ONLY = "cases.CaseEvent:journey_log_is_append_only"

# (milestone, which events) in order: the first that matches an event wins.
BY_KIND = [
    ("case_opened", Q(kind="opened")),
    ("case_reopened", Q(kind="stage_changed", facts__from="closed")),
    ("stage_changed", Q(kind="stage_changed")),
    ("resolved_at_first_contact", Q(kind="closed", summary="Resolved at first contact")),
    ("case_closed", Q(kind="closed")),
    ("allocated", Q(kind="allocated", facts__from=None)),
    ("reallocated", Q(kind="allocated")),
    ("letter_requested", Q(kind="letter_requested")),
    ("letter_ready", Q(kind="letter_ready")),
    ("letter_failed", Q(kind="letter_failed")),
]
BY_SENTENCE = [
    ("details_updated", Q(summary="Personal details updated")),
    ("enquiry_started", Q(summary__startswith="Flagged: Section 42")),
    ("safeguarding_raised", Q(summary__startswith="Flagged: ")),
    ("flag_cleared", Q(summary__startswith="Flag cleared: ")),
    ("kept_open", Q(summary__startswith="Stays open: ")),
    ("enquiry_finished", Q(summary__startswith="Section 42 enquiry finished")),
    ("contact_received", Q(summary__regex=r"^Contact \S+ .*recorded: ")),
    ("equipment_decided", Q(summary__startswith="Equipment: ")),
    ("safeguarding_decided", Q(summary__startswith="Safeguarding decision: ")),
    ("reablement_started", Q(summary__startswith="Reablement started on ")),
    ("reablement_ended", Q(summary__startswith="Reablement ended: ")),
    ("referral_decided", Q(summary__startswith="Reablement did not go ahead: ")),
    ("assessment_revision_started", Q(summary__regex=r"^Assessment revision \d+ started$")),
    ("assessment_started", Q(summary__regex=r" started \([^)]*\)$")),
    ("self_assessment_added", Q(summary__regex=r"^Self-assessment .* added to the case$")),
    ("assessment_completed", Q(summary__regex=r" completed: needs in \d+ of \d+ areas$")),
    ("eligibility_decided", Q(summary__startswith="Eligibility decided: ")),
    ("assessment_signed_off", Q(summary__endswith=" signed off")),
    ("financial_assessment_confirmed", Q(summary__startswith="Financial assessment confirmed: ")),
    ("relationship_added", Q(facts__has_key="relationship")),
    ("relationship_removed", Q(summary__regex=r"^[A-Z][^:]* removed: ")),
    ("referral_decided", Q(facts__has_key="referral")),
]
# The record an old event was about, from the key its details named it by.
SUBJECTS = [
    ("letter", "cases.letter"),
    ("financial_assessment", "ras.financialassessment"),
    ("assessment", "assessment.assessment"),
    ("concern", "contact.safeguardingconcern"),
    ("referral", "contact.referral"),
    ("flag", "cases.caseflag"),
    ("relationship", "cases.relationship"),
    ("contact", "contact.contact"),
]
KINDS = {
    "case_opened": "opened",
    "stage_changed": "stage_changed",
    "case_reopened": "stage_changed",
    "case_closed": "closed",
    "resolved_at_first_contact": "closed",
    "allocated": "allocated",
    "reallocated": "allocated",
    "allocated_to_team": "allocated",
    "letter_requested": "letter_requested",
    "letter_ready": "letter_ready",
    "letter_failed": "letter_failed",
}


def milestones_from_kinds(apps, schema_editor):
    events = apps.get_model("cases", "CaseEvent").objects.using(schema_editor.connection.alias)
    with pgtrigger.ignore(APPEND_ONLY):
        for milestone, which in BY_KIND:
            events.filter(which, milestone=None).update(milestone=milestone)
        for milestone, which in BY_SENTENCE:
            events.filter(which, kind="note", milestone=None).update(milestone=milestone)
        events.filter(milestone=None).update(milestone="note")
        for key, label in SUBJECTS:
            events.filter(facts__has_key=key, subject_type="").exclude(**{f"facts__{key}": None}).update(
                subject_type=label,
                subject_id=Cast(KeyTextTransform(key, "facts"), models.BigIntegerField()),
            )
    _settle_checks(schema_editor)


def kinds_from_milestones(apps, schema_editor):
    events = apps.get_model("cases", "CaseEvent").objects.using(schema_editor.connection.alias)
    with pgtrigger.ignore(APPEND_ONLY):
        for milestone, kind in KINDS.items():
            events.filter(milestone=milestone).update(kind=kind)
        events.exclude(milestone__in=list(KINDS)).update(kind="note")
    _settle_checks(schema_editor)


def _settle_checks(schema_editor):
    """Run the deferred foreign key checks the updates queued now, so the table can be altered next in the same
    transaction (PostgreSQL refuses ALTER TABLE with trigger events pending)."""
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


OLD_KINDS = [
    ("opened", "Case opened"),
    ("stage_changed", "Stage changed"),
    ("allocated", "Allocated"),
    ("note", "Note"),
    ("letter_requested", "Letter requested"),
    ("letter_ready", "Letter ready"),
    ("letter_failed", "Letter failed"),
    ("closed", "Case closed"),
]

MILESTONES = [
    ("case_opened", "Case opened"),
    ("stage_changed", "Stage changed"),
    ("case_reopened", "Case reopened"),
    ("case_closed", "Case closed"),
    ("allocated", "Allocated to a worker"),
    ("reallocated", "Reallocated to another worker"),
    ("allocated_to_team", "Passed to a team"),
    ("kept_open", "Kept open"),
    ("flag_cleared", "Flag cleared"),
    ("details_updated", "Personal details updated"),
    ("relationship_added", "Carer or representative added"),
    ("relationship_removed", "Carer or representative removed"),
    ("contact_received", "Contact received"),
    ("resolved_at_first_contact", "Resolved at first contact"),
    ("equipment_decided", "Equipment decided"),
    ("safeguarding_raised", "Safeguarding concern raised"),
    ("safeguarding_decided", "Safeguarding concern decided"),
    ("enquiry_started", "Section 42 enquiry started"),
    ("enquiry_finished", "Section 42 enquiry finished"),
    ("referral_made", "Referral made"),
    ("referral_decided", "Referral updated"),
    ("reablement_started", "Reablement started"),
    ("reablement_ended", "Reablement ended"),
    ("assessment_started", "Assessment started"),
    ("self_assessment_added", "Self-assessment added"),
    ("assessment_completed", "Assessment completed"),
    ("eligibility_decided", "Eligibility decided"),
    ("assessment_signed_off", "Assessment signed off"),
    ("assessment_revision_started", "Assessment revision started"),
    ("budget_worked_out", "Indicative budget worked out"),
    ("financial_assessment_confirmed", "Financial assessment confirmed"),
    ("plan_started", "Support plan started"),
    ("plan_submitted", "Support plan sent for sign-off"),
    ("plan_returned", "Support plan returned"),
    ("plan_agreed", "Support plan agreed"),
    ("services_started", "Services started"),
    ("services_ended", "Services ended"),
    ("review_due", "Review due"),
    ("review_done", "Review done"),
    ("letter_requested", "Letter requested"),
    ("letter_ready", "Letter ready"),
    ("letter_failed", "Letter failed"),
    ("note", "Note"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_person_consent_recorded_by"),
    ]

    operations = [
        migrations.RenameField(model_name="caseevent", old_name="details", new_name="facts"),
        migrations.AlterField(
            model_name="caseevent",
            name="facts",
            field=models.JSONField(blank=True, default=dict, encoder=DjangoJSONEncoder),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="milestone",
            field=models.CharField(max_length=40, null=True, choices=MILESTONES),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="subject_type",
            field=models.CharField(blank=True, default="", max_length=60),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="caseevent",
            name="subject_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        # Nullable for its last moments, so that reversing can add it back before filling it in.
        migrations.AlterField(
            model_name="caseevent",
            name="kind",
            field=models.CharField(max_length=32, null=True, choices=OLD_KINDS),
        ),
        migrations.RunPython(milestones_from_kinds, kinds_from_milestones),
        migrations.AlterField(
            model_name="caseevent",
            name="milestone",
            field=models.CharField(max_length=40, choices=MILESTONES),
        ),
        migrations.RemoveIndex(model_name="caseevent", name="cases_casee_kind_8743a4_idx"),
        migrations.RemoveField(model_name="caseevent", name="kind"),
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["milestone", "occurred_at"], name="caseevent_milestone_time"),
        ),
        migrations.AddConstraint(
            model_name="caseevent",
            constraint=models.CheckConstraint(
                condition=Q(milestone__in=[value for value, _ in MILESTONES]),
                name="caseevent_milestone_in_vocabulary",
            ),
        ),
    ]
