"""The forms of urgent interim support: start it, extend it with a reason, end it early."""

from crispy_forms_gds.layout import Field, Submit
from django import forms
from django.utils import timezone

from cases.govuk_fields import NamedDateField
from cases.submissions import OnceOnlyField
from config.forms import govuk_helper, money_field
from reviews import interim

HINT = "For example, 14 1 2027"


def _date(what: str, label: str, required: str, hint: str = HINT) -> NamedDateField:
    field = NamedDateField(what=what, label=label, help_text=hint)
    field.error_messages["required"] = required
    return field


def _reason(label: str, required: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": required, "max_length": "Keep it to 1,000 characters or fewer"},
    )


class InterimForm(forms.Form):
    provider = forms.CharField(
        label="Who provides it?",
        help_text="Start typing to choose an organisation from the directory, or name another provider",
        max_length=200,
        widget=forms.TextInput(attrs={"list": "directory-providers", "autocomplete": "off"}),
        error_messages={"required": "Enter who provides the urgent support"},
    )
    what = forms.CharField(
        label="What support?",
        help_text="For example, home care twice a day to get up and go to bed",
        max_length=300,
        error_messages={"required": "Enter what the urgent support is"},
    )
    weekly = money_field("Weekly cost", hint="In pounds, for example 245.00")
    once = OnceOnlyField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.weeks, self.today = interim.weeks_allowed(), timezone.localdate()
        self.fields["weekly"].error_messages["required"] = "Enter the weekly cost"
        self.fields["starts_on"] = _date(
            "The start date", "When does it start?", "Enter the day the urgent support starts"
        )
        self.fields["ends_on"] = _date(
            "The end date",
            "When does it end?",
            "Enter the day the urgent support ends",
            f"No more than {self.weeks} weeks after it starts. {HINT}",
        )
        self.helper = govuk_helper(
            Field.text("provider"),
            Field.text("what"),
            Field.text("weekly", field_width=10),
            Field("starts_on"),
            Field("ends_on"),
            Field("once"),
            Submit("start", "Start the urgent support"),
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on"):
            problems = interim.start_problems(
                starts_on=data["starts_on"], ends_on=data["ends_on"], today=self.today, weeks=self.weeks
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return data


class ExtendForm(forms.Form):
    def __init__(self, *args, support, **kwargs):
        super().__init__(*args, prefix="extend", **kwargs)
        self.support, self.weeks = support, interim.weeks_allowed()
        self.fields["ends_on"] = _date(
            "The new end date",
            "What is the new end date?",
            "Enter the new end date",
            f"Up to {self.weeks} weeks after {support.ends_on:%-d %B %Y}. {HINT}",
        )
        self.fields["because"] = _reason(
            "Why does it need to run on?", "Enter why the urgent support needs to run on"
        )
        self.helper = govuk_helper(
            Field("ends_on"),
            Field.textarea("because", rows=3),
            Submit("extend", "Extend it", css_class="govuk-button--secondary"),
        )

    def clean(self):
        data = super().clean()
        if data.get("ends_on"):
            problems = interim.extension_problems(
                ends_on=self.support.ends_on, new_end=data["ends_on"], weeks=self.weeks
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return data


class EndInterimForm(forms.Form):
    def __init__(self, *args, support, **kwargs):
        super().__init__(*args, prefix="end", **kwargs)
        self.support = support
        self.fields["ended_on"] = _date(
            "The last day", "What is its last day?", "Enter the last day of the urgent support"
        )
        self.fields["because"] = _reason(
            "Why is it ending before the plan?", "Enter why the urgent support is ending"
        )
        self.helper = govuk_helper(
            Field("ended_on"),
            Field.textarea("because", rows=3),
            Submit("end", "End it", css_class="govuk-button--warning"),
        )

    def clean(self):
        data = super().clean()
        if data.get("ended_on") and data["ended_on"] < self.support.starts_on:
            self.add_error(
                "ended_on", f"The last day must be on or after the start, {self.support.starts_on:%-d %B %Y}"
            )
        return data
