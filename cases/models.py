"""The case record every stage reads and extends: people, their relationships, cases and the journey log."""

import datetime
import uuid

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast, Upper
from django.urls import reverse
from django.utils import timezone

from cases.identifiers import format_nhs_number
from cases.milestones import ALLOCATIONS, SIGN_OFF, STAGE_MOVES, Milestone
from cases.roles import CASEWORK, MANAGERS, STAFF, Role
from cases.stages import Stage, next_step_for, next_step_for_the_person, stage_name_for_the_person


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=300, blank=True)
    # The complex support planning team: plans that meet the council's complex-case criteria are referred to it.
    plans_complex_support = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff with one role, or a citizen linked to their own Person record."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.CITIZEN)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    person = models.OneToOneField(
        "cases.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="citizen_account"
    )
    # For someone at a provider or user-led organisation: the organisation, as the directory lists it.
    organisation = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
        help_text="Only for a provider or user-led organisation: who the account works for.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(role=Role.CITIZEN),
                name="only_citizens_link_to_a_person",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(role=Role.PROVIDER),
                name="only_providers_work_for_an_organisation",
            ),
        ]

    @property
    def is_citizen(self) -> bool:
        return self.role == Role.CITIZEN

    @property
    def is_provider(self) -> bool:
        return self.role == Role.PROVIDER

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF

    @property
    def does_casework(self) -> bool:
        return self.role in CASEWORK

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGERS

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class CouncilSettings(models.Model):
    """The council's own name, address and logo, used on every page and letter. One row."""

    name = models.CharField(max_length=120, default="Northbrook Council")
    service_name = models.CharField(max_length=120, default="Adult social care")
    address = models.TextField(default="Town Hall\nMarket Street\nNorthbrook\nNB1 1AA")
    phone = models.CharField(max_length=40, default="0300 123 4567")
    email = models.EmailField(default="adultcare@northbrook.example.gov.uk")
    website = models.URLField(default="https://www.northbrook.example.gov.uk")
    logo = models.FileField(upload_to="council/", blank=True, help_text="SVG or PNG shown on letters")

    class Meta:
        verbose_name = "council settings"
        verbose_name_plural = "council settings"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "CouncilSettings":
        council = cls.objects.order_by("pk").first()
        return council or cls(name=settings.COUNCIL_NAME_DEFAULT, service_name=settings.SERVICE_NAME)


NAME_FIELDS = ("given_name", "family_name", "preferred_name")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    model_name="PersonHistory",
    exclude=["search_names", "name_sounds"],  # derived from the names, which are tracked
)
class Person(models.Model):
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    address_line_1 = models.CharField("Address line 1", max_length=200)
    address_line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100)
    postcode = models.CharField(max_length=8)
    phone = models.CharField("Phone number", max_length=30, blank=True)
    email = models.EmailField("Email address", blank=True)
    communication_needs = models.TextField(blank=True)
    interpreter_language = models.CharField(
        max_length=60, blank=True, help_text="Leave empty when no interpreter is needed"
    )
    consent_to_share = models.BooleanField(default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    # How the names are found (cases.name_search): every part of every name without accents, case or apostrophes,
    # and their sound keys, computed by Postgres from the names on every write (SQL functions in migration 0028).
    search_names = models.GeneratedField(
        expression=models.Func(*NAME_FIELDS, function="person_name_parts"),
        output_field=models.TextField(),
        db_persist=True,
    )
    name_sounds = models.GeneratedField(
        expression=models.Func(
            models.Func(*NAME_FIELDS, function="person_name_parts"), function="name_sounds"
        ),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )

    # What people tell us about themselves: the fields the person form edits and the services save.
    DETAIL_FIELDS = (
        "given_name",
        "family_name",
        "preferred_name",
        "date_of_birth",
        "nhs_number",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "phone",
        "email",
        "communication_needs",
        "interpreter_language",
        "consent_to_share",
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~Q(nhs_number=""), name="one_person_per_nhs_number"
            )
        ]
        indexes = [
            # Names spelt alike (trigrams) and sounding alike (cases.name_search); the start of a postcode whatever
            # its case; dates of birth.
            GinIndex(fields=["search_names"], opclasses=["gin_trgm_ops"], name="person_search_names"),
            GinIndex(fields=["name_sounds"], name="person_name_sounds"),
            models.Index(
                OpClass(Upper(Cast("postcode", models.TextField())), name="text_pattern_ops"),
                name="person_postcode_prefix",
            ),
            models.Index(fields=["date_of_birth"], name="person_date_of_birth"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("person", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def consent_summary(self) -> str:
        """Whether the person agrees to sharing, as the record holds it: when, and who recorded it."""
        if not self.consent_to_share:
            return "Not given"
        when = timezone.localtime(self.consent_recorded_at) if self.consent_recorded_at else None
        by = self.consent_recorded_by.display_name if self.consent_recorded_by_id else ""
        return "Given" + (f" on {when:%-d %B %Y}" if when else "") + (f", recorded by {by}" if by else "")

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.given_name

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number) if self.nhs_number else ""

    def age_on(self, day: datetime.date) -> int:
        """Whole years, as the Care Act and charging rules count them."""
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - before_birthday

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_line_1, self.address_line_2, self.town, self.postcode) if line]


class RelationshipKind(models.TextChoices):
    CARER = "carer", "Unpaid carer"
    REPRESENTATIVE = "representative", "Representative"
    APPOINTEE = "appointee", "Appointee (manages benefits)"
    LASTING_POWER_OF_ATTORNEY = "lpa", "Lasting power of attorney"


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    model_name="RelationshipHistory",
)
class Relationship(models.Model):
    """`person` is the carer, representative or appointee *of* `for_person`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="supports")
    for_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="supported_by")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    notes = models.CharField(max_length=300, blank=True)
    started_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "for_person", "kind"], name="one_relationship_of_a_kind"
            ),
            models.CheckConstraint(condition=~Q(person=models.F("for_person")), name="not_related_to_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_kind_display().lower()} for {self.for_person}"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def with_overview(self):
        """With what every list and page of cases shows: the person, worker, team and any flags raised."""
        return self.select_related("person", "allocated_worker", "team").prefetch_related(
            models.Prefetch(
                "flags", queryset=CaseFlag.objects.filter(cleared_at=None), to_attr="active_flags"
            )
        )


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="CaseHistory"
)
class Case(models.Model):
    """One episode of support for a person, from first contact to closure."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    stage = models.CharField(max_length=32, choices=Stage.choices, default=Stage.CONTACT)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="caseload"
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases")
    # When the allocated worker was given the case: until they open it, it is new to them.
    allocated_at = models.DateTimeField(null=True, blank=True)
    stage_changed_at = models.DateTimeField(default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            # A worker's open caseload and a team's unallocated queue, each in the order they are read.
            models.Index(
                fields=["allocated_worker", "stage_changed_at"],
                condition=Q(closed_at__isnull=True),
                name="open_caseload",
            ),
            models.Index(
                fields=["team", "stage_changed_at"],
                condition=Q(closed_at__isnull=True, allocated_worker__isnull=True),
                name="unallocated_queue",
            ),
            models.Index(fields=["stage"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("case", args=[self.pk])

    @property
    def reference(self) -> str:
        """The number people quote on the phone: short, stable, and on every letter."""
        return Case.reference_for(self.pk)

    @staticmethod
    def reference_for(pk: int) -> str:
        """A case's reference from its number alone (a list read without loading each case)."""
        return f"FD{pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def next_step(self) -> str:
        return next_step_for(self.stage)

    @property
    def stage_for_you(self) -> str:
        """Where the case has got to, named for the person whose case it is."""
        return stage_name_for_the_person(self.stage)

    @property
    def next_step_for_you(self) -> str:
        """The next step, said to the person whose case it is."""
        return next_step_for_the_person(self.stage)

    def reasons_not_to_close(self) -> list[str]:
        """Why the case cannot close now, a sentence each; empty when it can.

        The one rule every way of closing a case reads (cases.services.move_to_stage and
        close_unless_unsettled), and what the screens say before anyone tries: a flag still up (a safeguarding
        concern nobody has decided on, a section 42 enquiry not yet finished) keeps the case open, because
        closing it would take the person off every list that follows them up.
        """
        flags = getattr(self, "active_flags", None)
        if flags is None:
            flags = self.flags.filter(cleared_at=None)
        return [flag.reason_not_to_close for flag in flags]


class EnquiryOutcome(models.TextChoices):
    """How a section 42 enquiry ended, for the risk it looked into (the Safeguarding Adults Collection's terms)."""

    RISK_REMOVED = "risk_removed", "Risk removed"
    RISK_REDUCED = "risk_reduced", "Risk reduced"
    RISK_REMAINS = "risk_remains", "Risk remains"
    NO_RISK = "no_risk", "No risk found"
    CEASED = "ceased", "Enquiry stopped at the person's request"


class CaseFlag(models.Model):
    """Something everyone who opens the case must see first, until someone with the authority clears it."""

    class Kind(models.TextChoices):
        SAFEGUARDING = "safeguarding", "Safeguarding concern"
        SAFEGUARDING_ENQUIRY = "safeguarding_enquiry", "Section 42 safeguarding enquiry"

    # What keeps a case open while a flag of each kind is up, as the screens say it ({date}: when raised).
    WHY_OPEN = {
        Kind.SAFEGUARDING: "A safeguarding concern raised on {date} is waiting for a manager's decision.",
        Kind.SAFEGUARDING_ENQUIRY: "A section 42 safeguarding enquiry is open (started {date}): the team "
        "manager records its outcome when it has finished.",
    }

    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    note = models.CharField(max_length=300, blank=True)
    raised_at = models.DateTimeField(default=timezone.now)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # How it was settled, when clearing it needs saying how (a section 42 enquiry's outcome).
    outcome = models.CharField(max_length=30, choices=EnquiryOutcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"], condition=models.Q(cleared_at=None), name="one_active_flag_of_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case_id}"

    @property
    def reason_not_to_close(self) -> str:
        raised_on = timezone.localtime(self.raised_at).strftime("%-d %B %Y")
        return self.WHY_OPEN[self.Kind(self.kind)].format(date=raised_on)


class CaseEventQuerySet(models.QuerySet):
    def about(self, subject: models.Model) -> "CaseEventQuerySet":
        """The events about one record (a contact, an assessment, a letter...)."""
        return self.filter(subject_type=subject._meta.label_lower, subject_id=subject.pk)


class CaseEvent(models.Model):
    """The journey log: one row each time something happens on a case. Append-only.

    Written only through cases.journey.log_event. `milestone` says what happened (cases.milestones), `facts`
    the structured detail the analytics read, `summary` the sentence the timeline shows, and `subject_type`
    ("app.model") with `subject_id` the record it is about. `stage` is the stage the case is at once the event
    has happened, so a stage move's event carries the stage entered.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=32, choices=Stage.choices)
    milestone = models.CharField(max_length=40, choices=Milestone.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    occurred_at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=300)
    # A plain model label and key rather than a generic foreign key: the log outlives the rows it mentions, and
    # reading it needs no join.
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    facts = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["case", "-occurred_at"]),
            models.Index(fields=["milestone", "occurred_at"], name="caseevent_milestone_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(milestone__in=Milestone.values), name="caseevent_milestone_in_vocabulary"
            ),
        ]
        triggers = [pgtrigger.ReadOnly(name="journey_log_is_append_only")]

    def __str__(self) -> str:
        return self.summary

    @property
    def milestone_caption(self) -> str:
        """The milestone's name, for the timeline, when the sentence does not already begin with it."""
        label = Milestone(self.milestone).label
        return "" if self.summary.lower().startswith(label.lower()) else label

    @property
    def is_stage_move(self) -> bool:
        return self.milestone in STAGE_MOVES

    @property
    def is_allocation(self) -> bool:
        return self.milestone in ALLOCATIONS

    @property
    def is_sign_off(self) -> bool:
        return self.milestone in SIGN_OFF


class LetterType(models.TextChoices):
    CASE_REFERENCE = "case_reference", "Your case reference"
    CONTACT_SUMMARY = "contact_summary", "What we talked about"
    ASSESSMENT_SUMMARY = "assessment_summary", "Your assessment"
    ELIGIBILITY_DECISION = "eligibility_decision", "Your eligibility decision"
    FINANCIAL_ASSESSMENT = "financial_assessment", "What you pay towards your care"
    INDICATIVE_BUDGET = "indicative_budget", "Your indicative budget"
    SUPPORT_PLAN = "support_plan", "Your support plan"
    CARERS_SUPPORT_PLAN = "carers_support_plan", "Your carer’s support plan"
    PLAN_AGREED = "plan_agreed", "Your agreed plan and personal budget"
    REVIEW_INVITATION = "review_invitation", "Your review: how your support is going"
    REVIEW_OUTCOME = "review_outcome", "Your review: what we found and what happens next"
    DIRECT_PAYMENT = "direct_payment", "Your direct payment"
    # To the provider, not the person: kept on the person's case, not among their own letters.
    PROVIDER_ORDER = "provider_order", "Order for support, to the provider"
    SUPPORT_ENDING = "support_ending", "Your support is ending"
    PROVIDER_ENDING = "provider_ending", "Notice to end support, to the provider"


# Letters about the person written to someone else.
LETTERS_TO_OTHERS = frozenset({LetterType.PROVIDER_ORDER, LetterType.PROVIDER_ENDING})


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    fields=["status", "attempts", "error"],
    model_name="LetterHistory",
)
class Letter(models.Model):
    """A letter on the case, rendered to a tagged PDF in the background.

    `idempotency_key` makes a request for the same letter (double click, retried task) land on one row.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    letter_type = models.CharField(max_length=40, choices=LetterType.choices)
    # What this letter says beyond the case itself, fixed when it was asked for: a re-rendered letter still says
    # what was agreed then.
    content = models.JSONField(default=dict, blank=True)
    idempotency_key = models.UUIDField(default=uuid.uuid4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    requested_at = models.DateTimeField(default=timezone.now)
    rendered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "idempotency_key"], name="one_letter_per_request"),
        ]

    def __str__(self) -> str:
        return f"{self.get_letter_type_display()} ({self.get_status_display()})"

    @property
    def filename(self) -> str:
        return f"{self.case.reference}-{self.letter_type.replace('_', '-')}-{self.pk}.pdf"


class AccessEvent(models.Model):
    """Who read or changed whose record, when and from where. Append-only; changes also have row history."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CHANGE = "change", "Changed"
        CREATE = "create", "Created"
        DOWNLOAD = "download", "Downloaded"
        DENIED = "denied", "Refused access"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    what = models.CharField(max_length=200)
    path = models.CharField(max_length=500)
    method = models.CharField(max_length=10)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-occurred_at"]),
            models.Index(fields=["user", "-occurred_at"]),
        ]
        triggers = [
            pgtrigger.Protect(name="audit_is_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.what}"


class SubmittedForm(models.Model):
    """Remembers each form submission's one-time token so a double submit lands on the first result."""

    token = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=500)
    submitted_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.token)
