"""The front door: every contact, what it was about, and what came of it.

A contact is recorded while the caller is on the line, so it is saved as a draft after every step and only
"completed" when the adviser has recorded its outcomes. Each outcome is written onto the person's case record,
so nobody downstream asks again.
"""

import datetime
from decimal import Decimal

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Person


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    ONLINE = "online", "Online form"
    EMAIL = "email", "Email"
    WALK_IN = "walk_in", "Walk-in"
    PROFESSIONAL = "professional", "Professional referral"


class CallerKind(models.TextChoices):
    PERSON = "person", "The person themselves"
    FAMILY = "family", "A relative, friend or carer"
    PROFESSIONAL = "professional", "A professional"


class Profession(models.TextChoices):
    GP = "gp", "GP or primary care"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Hospital discharge team"
    COMMUNITY_HEALTH = "community_health", "Community health (nurse, therapist)"
    POLICE = "police", "Police"
    PROVIDER = "provider", "Care provider"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary organisation"
    OTHER = "other", "Other professional"


class RouteOfAccess(models.TextChoices):
    """The Client Level Data routes of access."""

    COMMUNITY = "community", "Community"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Discharge from hospital"
    HOSPITAL_DIVERSION = "hospital_diversion", "Diversion from hospital services"
    PLANNED_TRANSITION = "planned_transition", "Planned entry (transition from children's services)"
    SELF_FUNDER = "self_funder", "Self-funder with depleted funds"
    PRISON = "prison", "Prison"


class Consent(models.TextChoices):
    GIVEN = "given", "Yes, the person agrees"
    REFUSED = "refused", "No, the person does not agree"
    NOT_ASKED = "not_asked", "Not asked: there is a risk of harm, or the person cannot decide"


class FailureReason(models.TextChoices):
    """Why someone had to contact us again about something we already knew: the demand we caused."""

    CHASING = "chasing", "Chasing progress"
    WRONG_SIGNPOSTING = "wrong_signposting", "Signposted to the wrong place"
    INCOMPLETE = "incomplete", "We did not have, or did not pass on, the full information"
    SERVICE_FAILURE = "service_failure", "A service did not happen or went wrong"
    LETTER = "letter", "Did not understand a letter"
    NOT_CALLED_BACK = "not_called_back", "We did not call back"
    OTHER = "other", "Something else"


class ContactQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(status=Contact.Status.DRAFT)

    def completed(self):
        return self.filter(status=Contact.Status.COMPLETED)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Contact(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being recorded"
        COMPLETED = "completed", "Completed"
        SUBMITTED = "submitted", "Sent online, waiting for an adviser"

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    # The caller gave no details of who the contact is about: advice only, on no one's record.
    anonymous = models.BooleanField(default=False)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts")
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.PHONE)
    caller_kind = models.CharField(max_length=20, choices=CallerKind.choices, blank=True)
    caller_name = models.CharField(max_length=200, blank=True)
    caller_relationship = models.CharField(max_length=100, blank=True, help_text="Daughter, neighbour, ...")
    caller_profession = models.CharField(max_length=30, choices=Profession.choices, blank=True)
    caller_organisation = models.CharField(max_length=200, blank=True)
    caller_phone = models.CharField(max_length=30, blank=True)
    caller_email = models.EmailField(blank=True)
    route_of_access = models.CharField(max_length=30, choices=RouteOfAccess.choices, blank=True)
    reason = models.TextField(blank=True, help_text="In the caller's words")
    what_matters = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    immediate_risk = models.BooleanField(null=True)
    consent = models.CharField(max_length=20, choices=Consent.choices, blank=True)
    # Failure demand: is this about something we already know of, and if so why did they have to come back?
    about_known_matter = models.BooleanField(null=True)
    failure_reason = models.CharField(max_length=30, choices=FailureReason.choices, blank=True)
    failure_detail = models.CharField(max_length=300, blank=True)
    reablement_criteria = models.JSONField(default=dict, blank=True)
    # How the person wants the summary of what we agreed: a letter, an email, or neither.
    summary_by = models.CharField(max_length=10, blank=True)
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts_taken",
    )
    # Who has the draft open now, so a second adviser sees it is in hand.
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    held_at = models.DateTimeField(null=True, blank=True)
    # Sent through the public form: what the sender told us about the person, for the adviser to match to the
    # record, and the key that makes a second press of "Send" find the first contact.
    submitted_details = models.JSONField(default=dict, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "started_at"]),
            models.Index(fields=["person", "-started_at"]),
            models.Index(fields=["completed_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("contact", kwargs={"pk": self.pk})

    @property
    def submitted_name(self) -> str:
        """The name the online form gave, to search the record with."""
        details = self.submitted_details
        return f"{details.get('given_name', '')} {details.get('family_name', '')}".strip()

    @property
    def reference(self) -> str:
        """What the caller quotes: CT and six digits."""
        return f"CT{self.pk:06d}"


class OutcomeKind(models.TextChoices):
    ADVICE = "advice", "Information and advice, with signposting"
    EQUIPMENT = "equipment", "Equipment or minor adaptations"
    TELECARE = "telecare", "Telecare"
    FALLS = "falls", "Falls assessment"
    OCCUPATIONAL_THERAPY = "ot", "Occupational therapy referral"
    REABLEMENT = "reablement", "Reablement referral"
    CARER = "carer", "Carer's support or carer's assessment"
    SAFEGUARDING = "safeguarding", "Safeguarding concern"
    SELF_ASSESSMENT = "self_assessment", "Supported self-assessment now"
    ASSESSMENT = "assessment", "Refer for an assessment"
    NO_FURTHER_ACTION = "nfa", "No further action"


# Outcomes that are referrals someone else picks up, and whose outcome is tracked.
REFERRAL_KINDS = {
    OutcomeKind.EQUIPMENT,
    OutcomeKind.TELECARE,
    OutcomeKind.FALLS,
    OutcomeKind.OCCUPATIONAL_THERAPY,
    OutcomeKind.REABLEMENT,
    OutcomeKind.CARER,
    OutcomeKind.ASSESSMENT,
}
# What each referral is called on its own page and in lists (the outcome labels read as choices on the form).
REFERRAL_NAMES = {
    OutcomeKind.EQUIPMENT: "Equipment referral",
    OutcomeKind.TELECARE: "Telecare referral",
    OutcomeKind.FALLS: "Falls assessment referral",
    OutcomeKind.OCCUPATIONAL_THERAPY: "Occupational therapy referral",
    OutcomeKind.REABLEMENT: "Reablement referral",
    OutcomeKind.CARER: "Carer's assessment referral",
    OutcomeKind.ASSESSMENT: "Assessment referral",
}


class Outcome(models.Model):
    """One thing that came of a contact; a contact may have several."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["contact", "kind"], name="one_outcome_of_each_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Signposting(models.Model):
    """A service from the directory the person was told about: a copy of its details as they were told."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="signposts")
    service_uuid = models.UUIDField()
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    url = models.URLField(blank=True)
    address = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "service_uuid"], name="signpost_a_service_once")
        ]

    def __str__(self) -> str:
        return self.name


MONEY = {"max_digits": 12, "decimal_places": 2}


class FreeSupportLimitsQuerySet(models.QuerySet):
    def in_force(self, day: datetime.date) -> "FreeSupportLimits":
        """The limits in force on `day`. Before any is set, the law's own: a council may be more generous,
        never less."""
        limits = self.filter(effective_from__lte=day).order_by("-effective_from").first()
        return limits or FreeSupportLimits.statutory()


class FreeSupportLimits(models.Model):
    """What the person is never charged for (Care and Support (Charging and Assessment of Resources)
    Regulations 2014, regulations 3 and 4): community equipment and minor adaptations costing up to a limit
    each, and reablement for its first weeks. Dated, so a change takes effect on a day and what was told to
    someone before it can still be explained."""

    effective_from = models.DateField(unique=True)
    equipment_free_up_to = models.DecimalField(
        "Equipment and minor adaptations are free up to (each, in pounds)", **MONEY
    )
    reablement_free_weeks = models.PositiveSmallIntegerField("Reablement is free for (weeks)")

    objects = FreeSupportLimitsQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "free support limits"
        verbose_name_plural = "free support limits"

    def __str__(self) -> str:
        return f"Free support limits from {self.effective_from:%-d %B %Y}"

    @classmethod
    def statutory(cls) -> "FreeSupportLimits":
        return cls(
            effective_from=datetime.date(2015, 4, 1),
            equipment_free_up_to=Decimal(1000),
            reablement_free_weeks=6,
        )


class EquipmentItem(models.Model):
    """A piece of community equipment or a minor adaptation arranged at the front door, with what it costs,
    which decides whether it is free (see `contact.equipment`)."""

    class Kind(models.TextChoices):
        EQUIPMENT = "equipment", "Equipment"
        MINOR_ADAPTATION = "minor_adaptation", "Minor adaptation"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="equipment_items")
    description = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    cost = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="equipment_cost_not_negative")
        ]

    def __str__(self) -> str:
        return self.description


class ReablementOutcome(models.TextChoices):
    """How reablement ended, in the Client Level Data's terms (ST-Max outcomes)."""

    NO_FURTHER_SUPPORT = "no_further_support", "No further support needed"
    SUPPORT_CONTINUES = (
        "support_continues",
        "Support continues at a low level (such as equipment, telecare or a community service)",
    )
    ASSESSMENT = "assessment", "Needs an assessment for longer-term care and support"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Referral(models.Model):
    """A referral made at the front door, tracked to its outcome (which measures how appropriate it was)."""

    class Status(models.TextChoices):
        MADE = "made", "Referred"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        COMPLETED = "completed", "Completed"

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="referrals")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    criteria = models.JSONField(default=dict, blank=True, help_text="The referral criteria as answered")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MADE)
    status_changed_at = models.DateTimeField(default=timezone.now)
    outcome = models.TextField(blank=True)
    made_at = models.DateTimeField(default=timezone.now)
    # Reablement: when it started, the last day it is free (from the limits in force that day), how it ended.
    started_on = models.DateField(null=True, blank=True)
    free_until = models.DateField(null=True, blank=True)
    reablement_outcome = models.CharField(max_length=30, choices=ReablementOutcome.choices, blank=True)

    class Meta:
        ordering = ["made_at", "pk"]
        indexes = [
            models.Index(fields=["kind", "status", "made_at"]),
            models.Index(
                fields=["free_until"], condition=models.Q(status="accepted"), name="reablement_under_way"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.case}"

    @property
    def name(self) -> str:
        return REFERRAL_NAMES[OutcomeKind(self.kind)]

    @property
    def is_reablement(self) -> bool:
        return self.kind == OutcomeKind.REABLEMENT

    @property
    def awaiting_start(self) -> bool:
        return self.started_on is None and self.status in (self.Status.MADE, self.Status.ACCEPTED)

    @property
    def free_weeks(self) -> int | None:
        """How many free weeks this reablement was given, from the limits in force the day it started."""
        if self.started_on is None or self.free_until is None:
            return None
        return ((self.free_until - self.started_on).days + 1) // 7

    @property
    def under_way(self) -> bool:
        """Reablement that has started and has no outcome yet."""
        return self.started_on is not None and self.status == self.Status.ACCEPTED


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class SafeguardingConcern(models.Model):
    """Raised from a contact; it stays on the safeguarding queue until a manager records a decision."""

    class Decision(models.TextChoices):
        ENQUIRY = "enquiry", "Section 42 enquiry"
        OTHER_ACTION = "other_action", "Other safeguarding action (not an enquiry)"
        NO_ACTION = "no_action", "No safeguarding action needed"

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="safeguarding_concerns")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="safeguarding_concerns")
    concern = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        indexes = [
            models.Index(fields=["raised_at"], condition=models.Q(decision=""), name="safeguarding_undecided")
        ]

    def __str__(self) -> str:
        return f"Safeguarding concern on {self.case}"
