"""The supported self-assessment: the questionnaire as versioned data, and each person's assessment against it.

A questionnaire is drafted, previewed and published by council admins; an assessment keeps the version it was
started on, so publishing a new one never changes what someone already answered. Each domain opens with a
screening question: "no needs here" closes it with one answer (proportionality).
"""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from assessment.eligibility import UNABLE_REASONS
from assessment.outcomes import ALL_OUTCOMES
from assessment.questionnaires import create_from_spec, publish_problems, spec_of
from cases.models import Case
from cases.versioning import VersionedConfiguration, VersionedQuerySet


class QuestionnaireKind(models.TextChoices):
    ADULT = "adult", "Supported self-assessment"
    CARER = "carer", "Carer's assessment"


class QuestionnaireQuerySet(VersionedQuerySet):
    def current(self, kind: str) -> "Questionnaire | None":
        """The version of a kind in force today: what a new assessment starts on."""
        return self.in_force_on(timezone.localdate(), kind=kind)


class Questionnaire(VersionedConfiguration):
    """A numbered version of the adult or the carer questionnaire (`cases.versioning`)."""

    series_fields = ("kind",)
    keeper_permission = "assessment.manage_questionnaires"

    kind = models.CharField(max_length=10, choices=QuestionnaireKind.choices)
    title = models.CharField(max_length=120)
    introduction = models.TextField(blank=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="one_questionnaire_version")]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version} ({self.get_status_display().lower()})"

    def copy_as_draft(self, *, version: int) -> "Questionnaire":
        return create_from_spec(spec_of(self), version=version)

    def publish_problems(self) -> list[str]:
        from assessment import selectors  # it reads these models

        return publish_problems(selectors.structure(self), ALL_OUTCOMES)


class Domain(models.Model):
    """An area of life, opened by a screening question so a person with no needs in it answers once."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="domains")
    key = models.SlugField(max_length=50)
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=100)
    summary = models.CharField(max_length=200)
    screening_question = models.CharField(max_length=300)
    screening_hint = models.CharField(max_length=300, blank=True)
    needs_label = models.CharField(max_length=120)
    no_needs_label = models.CharField(max_length=120)
    words_prompt = models.CharField(max_length=300)
    # The Care Act outcomes (assessment.outcomes) this domain's answers evidence.
    outcomes = ArrayField(models.CharField(max_length=30), default=list, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="domain_key_once_per_version")
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=50)
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["domain", "key"], name="question_key_once_per_domain")]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    """One answer, with a plain description of what it means ("some help" is never left to guess) and the
    points the Resource Allocation System gives it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=150)
    description = models.CharField(max_length=400)
    points = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.label


class GlossaryTerm(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="glossary")
    term = models.CharField(max_length=60)
    definition = models.CharField(max_length=400)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term


class Mode(models.TextChoices):
    """How the assessment is being done: the same questions, three ways in."""

    CITIZEN = "citizen", "Online by the person"
    PHONE = "phone", "With an adviser on the phone"
    VISIT = "visit", "With a practitioner"


class AssessmentQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(status=Assessment.Status.IN_PROGRESS)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Assessment(models.Model):
    """One person's assessment on one case, pinned to the questionnaire version it was started on."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        SIGNED_OFF = "signed_off", "Signed off"

    # On a case when staff do it, or once the person sends it to us; until then a citizen's own assessment
    # belongs to their account only (a self-funder may keep it that way).
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_assessments",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="assessments")
    mode = models.CharField(max_length=10, choices=Mode.choices)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.IN_PROGRESS)
    # What the contact centre was told, carried over so no one asks again; the assessor may refine it.
    contact = models.ForeignKey(
        "contact.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    reason = models.TextField(blank=True)
    what_matters = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A signed-off assessment is never changed: a change is a new revision, started from a copy of it.
    revision = models.PositiveSmallIntegerField(default=1)
    revision_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revised_by"
    )
    # Moves on with each save of the "about" section; each domain has its own (DomainResponse.version).
    version = models.PositiveIntegerField(default=1)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="in_progress"),
                name="one_assessment_in_progress_per_case",
            ),
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(status="in_progress", case__isnull=True),
                name="one_own_assessment_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(owner__isnull=False),
                name="an_assessment_belongs_to_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.get_kind_display()} {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("assessment", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"AS{self.pk:06d}"

    @property
    def is_in_progress(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def is_signed_off(self) -> bool:
        return self.status == self.Status.SIGNED_OFF

    @property
    def is_for_a_carer(self) -> bool:
        return self.questionnaire.kind == QuestionnaireKind.CARER

    @property
    def eligibility(self) -> "EligibilityDecision | None":
        """The eligibility decision, or None before one is made. The Care Act order is assess, decide
        eligibility, then plan and budget: an indicative budget belongs only to needs decided eligible."""
        try:
            return self.decision
        except EligibilityDecision.DoesNotExist:
            return None

    @property
    def needs_are_eligible(self) -> bool:
        return bool(self.eligibility and self.eligibility.eligible)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class DomainResponse(models.Model):
    """What was found in one domain: screened in or out, the person's own words and what others said."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    # None until the screening question is answered; False closes the domain ("no needs here").
    has_needs = models.BooleanField(null=True)
    person_words = models.TextField(blank=True)
    practitioner_notes = models.TextField(blank=True)
    carers_views = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_response_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.domain} on {self.assessment}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.option}"


class UnableReason(models.TextChoices):
    """Why a person is unable to achieve an outcome, worded once in assessment.eligibility.UNABLE_REASONS."""

    WITHOUT_ASSISTANCE = "without_assistance", UNABLE_REASONS["without_assistance"]
    PAIN_DISTRESS = "pain_distress", UNABLE_REASONS["pain_distress"]
    ENDANGERS = "endangers", UNABLE_REASONS["endangers"]
    TAKES_LONGER = "takes_longer", UNABLE_REASONS["takes_longer"]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class OutcomeFinding(models.Model):
    """The practitioner's judgement on one Care Act outcome: unable to achieve it, and why (no reason: able)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    outcome = models.CharField(max_length=30)
    reasons = ArrayField(
        models.CharField(max_length=20, choices=UnableReason.choices), default=list, blank=True
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "outcome"], name="one_finding_per_outcome")
        ]

    def __str__(self) -> str:
        return f"{self.outcome} on {self.assessment}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class EligibilityDecision(models.Model):
    """The eligibility determination: what the practitioner found on each condition, and what the rules made
    of it, with the explanation the person is given. One per assessment."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="decision")
    # An adult's needs arise from an impairment or illness; a carer's from providing necessary care.
    needs_from_condition = models.BooleanField()
    carer_health_at_risk = models.BooleanField(null=True, blank=True)
    wellbeing_impact = models.BooleanField()
    wellbeing_notes = models.TextField(blank=True)
    eligible = models.BooleanField()
    explanation = models.JSONField(default=list)
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{'Eligible' if self.eligible else 'Not eligible'}: {self.assessment}"
