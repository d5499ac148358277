"""The directory of local services, shaped on Open Referral UK (the HSDS UK profile).

Every record carries a `uuid`, the identifier ORUK feeds and the API use; the integer primary key stays internal.
Names follow the standard (organization, service_at_location, taxonomy_term) so an import or an API maps field
for field.
"""

import datetime
import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse


class PostcodeDistrict(models.Model):
    """The centre of an outward code (NR1, CB22): "near a postcode" is measured from here, to within a few km."""

    outcode = models.CharField(max_length=4, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=50, blank=True)
    # Where the coordinates came from, so a council that loads a fuller file can tell which rows are whose.
    source = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outcode"]

    def __str__(self) -> str:
        return self.outcode


class Postcode(models.Model):
    """A full postcode's coordinates (NR1 3QQ), shipped for the council's own area: a search near one is measured
    from the street rather than from the middle of its district."""

    postcode = models.CharField(max_length=8, unique=True, help_text="Upper case, with one space: NR1 3QQ")
    outcode = models.CharField(max_length=4, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    source = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode


SEARCH_CONFIG = "english"
# A listing nobody has checked for this long is flagged for review.
ASSURANCE_PERIOD = datetime.timedelta(days=365)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), exclude=["search_document"]
)
class Organization(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    # Kept by Postgres itself, so every write (form, import, bulk) keeps search right without a save() hook.
    search_document = models.GeneratedField(
        expression=SearchVector("name", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_document"])]

    def __str__(self) -> str:
        return self.name


class Taxonomy(models.Model):
    """A vocabulary of categories; the demo council uses its own, an import may bring others."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100, unique=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(max_length=60)
    term = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code_in_taxonomy")
        ]

    def __str__(self) -> str:
        return self.term


def unchecked_since(today: datetime.date) -> models.Q:
    """Not checked with the provider in the last year, or ever: the one statement of "due for review"."""
    return models.Q(assured_date__isnull=True) | models.Q(assured_date__lte=today - ASSURANCE_PERIOD)


class ServiceQuerySet(models.QuerySet):
    def listed(self):
        """Services the public may see: defunct ones are gone for good, the rest say whether they are running."""
        return self.exclude(status=Service.Status.DEFUNCT)

    def running(self):
        """Listed services running now (see Service.is_running): what a search shows unless asked for more."""
        return self.filter(status=Service.RUNNING)

    def due_for_review(self, today: datetime.date):
        """Listed services nobody has checked in the last year, or ever."""
        return self.listed().filter(unchecked_since(today))


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), exclude=["search_document"]
)
class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Running"
        INACTIVE = "inactive", "Not running at the moment"
        DEFUNCT = "defunct", "Closed"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    is_free = models.BooleanField(default=True)
    fees_description = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    assured_date = models.DateField(null=True, blank=True, help_text="When the listing was last checked")
    terms = models.ManyToManyField(TaxonomyTerm, related_name="services", blank=True)
    locations = models.ManyToManyField("Location", through="ServiceAtLocation", related_name="services")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped by every editor's save: a save made from an older copy of the listing is refused, not lost.
    version = models.PositiveIntegerField(default=1)
    # The name counts for more than the description when results are ranked; Postgres keeps it up to date.
    search_document = models.GeneratedField(
        expression=SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    # Open Referral UK's statuses: only "active" is running. "inactive" and "temporarily closed" stay listed
    # (searchable on request, with a warning on their page); "defunct" is not listed at all.
    RUNNING = Status.ACTIVE

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), GinIndex(fields=["search_document"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory_service", args=[self.uuid])

    @property
    def is_running(self) -> bool:
        """Running now, as the search, the service's page and the API's `status` ("active") all say."""
        return self.status == self.RUNNING

    def is_due_for_review(self, today: datetime.date) -> bool:
        return self.assured_date is None or self.assured_date <= today - ASSURANCE_PERIOD


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class CostOption(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=200, help_text="What the price is for, like 'Per hour'")
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["amount", "option"]

    def __str__(self) -> str:
        return f"{self.option}: £{self.amount}" if self.amount is not None else self.option


class EarthPoint(models.Field):
    """earthdistance's point on the Earth (its `earth` type, a cube): made by Postgres, read as text."""

    def db_type(self, connection) -> str:
        return "earth"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), exclude=["on_earth"]
)
class Location(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(max_length=200, blank=True)
    address_2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # The place as a point on the Earth (earthdistance), computed by Postgres from the latitude and longitude on
    # every write, stored so a search near a postcode does not compute it for every place it looks at.
    on_earth = models.GeneratedField(
        expression=models.Func("latitude", "longitude", function="ll_to_earth", output_field=EarthPoint()),
        output_field=EarthPoint(),
        db_persist=True,
    )

    class Meta:
        indexes = [
            models.Index(fields=["latitude", "longitude"]),
            # Places within a radius (earth_box) and nearest first (`<->`), for directory.selectors.
            GistIndex(fields=["on_earth"], name="location_on_earth"),
        ]

    def __str__(self) -> str:
        return self.name or self.address_1

    @property
    def address_lines(self) -> list[str]:
        return [
            line for line in (self.name, self.address_1, self.address_2, self.city, self.postcode) if line
        ]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ServiceAtLocation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_at_location")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class ServiceArea(models.Model):
    """Where a service will go to people (home care, transport), as opposed to where it is."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    service_area = models.CharField(max_length=200)
    uri = models.URLField(blank=True)

    def __str__(self) -> str:
        return self.service_area


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Phone(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=30)
    description = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.number


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Schedule(models.Model):
    """Opening hours on one day of the week: a row per day keeps "open on Tuesday" a plain indexed filter."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1
        TUESDAY = 2
        WEDNESDAY = 3
        THURSDAY = 4
        FRIDAY = 5
        SATURDAY = 6
        SUNDAY = 7

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at"]
        indexes = [models.Index(fields=["weekday", "service"])]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class Suggestion(models.Model):
    """A correction anyone may send from a service's page; an editor acts on it or sets it aside."""

    class Topic(models.TextChoices):
        CONTACT = "contact", "Phone number, email or website"
        ADDRESS = "address", "Address or where it happens"
        TIMES = "times", "Opening times"
        COST = "cost", "Cost"
        DESCRIPTION = "description", "What the service does or who it is for"
        CLOSED = "closed", "The service has closed"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "To do"
        ACTED_ON = "acted_on", "Listing corrected"
        SET_ASIDE = "set_aside", "No change needed"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="suggestions")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    details = models.TextField()
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(status="new"), name="suggestions_to_do")
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} for {self.service_id}"
