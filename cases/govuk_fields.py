"""The GOV.UK date input as every form here uses it, and the date of birth every form asks the same way."""

import datetime

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.utils import timezone

OLDEST_AGE = 120


class GovukDateField(DateInputField):
    """crispy-forms-gds files an error under each part (day, month, year) it is about, so the error summary can
    link to that part; when several parts give the same message (three unreal numbers: "must be a real date"),
    the message stays on the first of them only, and is said once beside the field, so the person reads it once."""

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError as invalid:
            raise forms.ValidationError(list(dict.fromkeys(invalid.messages))) from invalid
        finally:
            seen = set()
            for part in self.fields:
                errors = getattr(part.widget, "errors", [])
                part.widget.errors = [error for error in errors if not (error in seen or seen.add(error))]


class NamedDateField(GovukDateField):
    """A date whose errors name it ("Start date must be a real date"), as the Design System words them. Its three
    parts may all be left empty (the field is then empty, for the form to require or fill in), never only some."""

    def __init__(self, *, what: str, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.what = what
        self.error_messages["incomplete"] = f"{what} must include a day, month and year"
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.error_messages["incomplete"] = f"{what} must include a {name}"
            part.validators[0].message = f"{what} must be a real date"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise forms.ValidationError(f"{self.what} must include a day, month and year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as invalid:
            raise forms.ValidationError(f"{self.what} must be a real date") from invalid


class DateOfBirthField(NamedDateField):
    """A date of birth with the Design System's own error texts: a real date, in the past, within a lifetime."""

    def __init__(self, **kwargs):
        super().__init__(what="Date of birth", **kwargs)
        self.error_messages["required"] = "Enter the person's date of birth"

    def validate(self, value):
        super().validate(value)
        today = timezone.localdate()
        if value and value > today:
            raise forms.ValidationError("Date of birth must be in the past")
        if value and value.year < today.year - OLDEST_AGE:
            raise forms.ValidationError(f"Date of birth must be after 1 January {today.year - OLDEST_AGE}")
