"""Configuration kept in versions: drafted from a published version, changed while a draft, tried, then
published with the date it takes effect, and never changed after (whatever was worked out with it can always be
explained by it). Questionnaires and the RAS are kept this way; any configuration that is (the charging figures,
a delegation scheme, a review tolerance) inherits `VersionedConfiguration` and says only what is its own: what
groups its versions, how a draft copies its contents, and what stops one being published.
"""

import datetime
from typing import Self

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from config.access import require

PUBLISHED_IN_THE_PAST = (
    "A new version cannot take effect in the past: what was worked out before would change"
)


class CannotPublish(Exception):
    """A draft is not fit to be used yet; `problems` says why, a sentence each, in words for the admin."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


class ReadOnlyVersion(Exception):
    """A published version was about to be changed: a change is a new draft."""


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class VersionedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VersionStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=VersionStatus.DRAFT)

    def in_force_on(self, day: datetime.date, **scope):
        """The published version in force on `day`: the latest to take effect on or before it (of two taking
        effect the same day, the later version). `scope` narrows to one series (`kind="adult"`)."""
        return (
            self.published()
            .filter(effective_from__lte=day, **scope)
            .order_by("-effective_from", "-version")
            .first()
        )


class VersionedConfiguration(models.Model):
    """A numbered version of some configuration; see the module's docstring.

    A subclass sets `series_fields` (the fields whose values group versions into one series, each numbered
    from 1: a questionnaire's kind) and implements `copy_as_draft`; it may add `publish_problems`."""

    Status = VersionStatus
    series_fields: tuple[str, ...] = ()
    # The permission that drafts and publishes versions of this configuration (config.access).
    keeper_permission: str = "cases.configure"

    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    # A draft's is only proposed; publishing fixes it.
    effective_from = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A guard, not a rule: nothing may change a published version, whichever way it is reached.
        if getattr(self, "_published_when_read", False):
            raise ReadOnlyVersion(f"{self} is published and cannot be changed: start a draft from it")
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    @property
    def is_read_only(self) -> bool:
        return self.is_published

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._published_when_read = instance.is_published
        return instance

    def series(self) -> models.QuerySet:
        """Every version of the same configuration as this one, this one included."""
        return type(self).objects.filter(**{field: getattr(self, field) for field in self.series_fields})

    # What a subclass says.

    def copy_as_draft(self, *, version: int) -> Self:
        """A new draft numbered `version`, holding a copy of everything in this one."""
        raise NotImplementedError

    def publish_problems(self) -> list[str]:
        """What would make this draft unfit to use, a sentence each; none by default."""
        return []

    # The mechanics, the same for every kind of configuration.

    @classmethod
    @transaction.atomic
    def draft_from(cls, published: Self) -> Self:
        """A new draft copied from `published`; the series' open draft instead when there is one (one draft at
        a time, so two admins never edit rival copies)."""
        source = cls.objects.select_for_update().get(pk=published.pk)
        series = source.series()
        if draft := series.drafts().first():
            return draft
        return source.copy_as_draft(version=series.aggregate(Max("version"))["version__max"] + 1)

    @transaction.atomic
    def publish(self, user, effective_date: datetime.date) -> None:
        """Publish this draft, in force from `effective_date` (today or later), or raise `CannotPublish` saying
        why not. Publishing a version already published changes nothing (a second press of the button)."""
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        if locked.is_published:
            self.refresh_from_db()
            self._published_when_read = True
            return
        problems = [PUBLISHED_IN_THE_PAST] if effective_date < timezone.localdate() else []
        if problems := problems + self.publish_problems():
            raise CannotPublish(problems)
        self.status, self.effective_from = VersionStatus.PUBLISHED, effective_date
        self.published_at, self.published_by = timezone.now(), user
        self.save(update_fields=["status", "effective_from", "published_at", "published_by"])
        self._published_when_read = True


def start_draft(*, actor, source: VersionedConfiguration) -> VersionedConfiguration:
    """A council admin starts a draft from a version (see `VersionedConfiguration.draft_from`)."""
    require(actor, source.keeper_permission, source)
    return type(source).draft_from(source)


def publish(
    *, actor, version: VersionedConfiguration, effective_from: datetime.date
) -> VersionedConfiguration:
    """A council admin publishes a draft (see `VersionedConfiguration.publish`)."""
    require(actor, version.keeper_permission, version)
    version.publish(actor, effective_from)
    return version
