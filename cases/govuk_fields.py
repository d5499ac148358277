"""The GOV.UK date input as every form here uses it."""

from crispy_forms_gds.fields import DateInputField


class GovukDateField(DateInputField):
    """crispy-forms-gds files an error under each part (day, month, year) it is about, so the error summary can
    link to that part; when several parts give the same message (three unreal numbers: "must be a real date"),
    the message stays on the first of them only, so the person reads it once."""

    def clean(self, value):
        try:
            return super().clean(value)
        finally:
            seen = set()
            for part in self.fields:
                errors = getattr(part.widget, "errors", [])
                part.widget.errors = [error for error in errors if not (error in seen or seen.add(error))]
