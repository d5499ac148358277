"""Brokerage's forms: asking for help to find a provider, and recording a provider approached and its offer."""

from decimal import Decimal

from crispy_forms_gds.layout import Field, Fieldset, Size, Submit
from django import forms
from django.utils import timezone

from cases.govuk_fields import NamedDateField
from config.forms import govuk_helper, money_field
from reviews import brokerage
from reviews.brokerage_models import BrokerageApproach

HINT = "For example, 14 1 2027"


class ProblemsBesideFields(forms.Form):
    def add_problems(self, problems: dict[str, str]) -> None:
        for field, message in problems.items():
            self.add_error(field, message)


class AskForm(ProblemsBesideFields):
    """Which item of the plan a provider is to be found for, from when, and what matters in choosing one."""

    item = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the support to find a provider for"},
    )
    needed_from = NamedDateField(
        what="The date the support is needed from", label="From when is it needed?", help_text=HINT
    )
    what_matters = forms.CharField(
        label="What matters in choosing a provider (optional)",
        help_text="For example, times of day, a carer who speaks Polish, a woman carer",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, items, label: str, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.fields["item"].label = label
        self.fields["item"].choices = [
            (item.pk, f"{item.description}: {item.cost_in_words}" if item.cost_in_words else item.description)
            for item in items
        ]
        if len(items) == 1:
            self.fields["item"].initial = items[0].pk
        self.fields["needed_from"].error_messages["required"] = "Enter the date the support is needed from"
        self.helper = govuk_helper(
            Field.radios("item", legend_size=Size.MEDIUM),
            Field("needed_from"),
            Field.textarea("what_matters"),
            Submit("ask", submit),
        )

    def clean(self):
        data = super().clean()
        if data.get("needed_from"):
            self.add_problems(
                brokerage.needed_from_problems(needed_from=data["needed_from"], today=self.today)
            )
        return data


class ApproachForm(ProblemsBesideFields):
    """A provider approached and what it said; its offer (start, hours, hourly rate) when it made one."""

    provider = forms.CharField(
        label="Provider", max_length=200, error_messages={"required": "Enter the provider's name"}
    )
    service_id = forms.CharField(required=False, widget=forms.HiddenInput)
    service_name = forms.CharField(required=False, widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label="What did they say?",
        choices=BrokerageApproach.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the provider said"},
    )
    # Asked of an offer only (brokerage.offer_problems says what it needs).
    starts_on = NamedDateField(
        what="The start date", label="When can they start?", help_text=HINT, required=False
    )
    held_until = NamedDateField(
        what="The date they hold the offer until",
        label="Until when do they hold the offer? (optional)",
        help_text="The last day they keep the place for the person. " + HINT,
        required=False,
    )
    hours = forms.DecimalField(
        label="Hours a week",
        required=False,
        max_value=Decimal(168),
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-5"}
        ),
        error_messages={
            "invalid": "Hours a week must be a number, like 7.5",
            "max_value": "Hours a week must be 168 or fewer: there are 168 hours in a week",
            "max_decimal_places": "Hours a week must have no more than 2 decimal places",
            "max_digits": "Hours a week must be 168 or fewer: there are 168 hours in a week",
        },
    )
    rate = money_field("Hourly rate", most=1_000, required=False)
    note = forms.CharField(
        label="Anything else they said (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.fields["rate"].widget.attrs["class"] = "govuk-input--width-5"
        self.helper = govuk_helper(
            Field.text("provider"),
            "service_id",
            "service_name",
            Field.radios("answer", legend_size=Size.SMALL),
            Fieldset(
                Field("starts_on"),
                Field("held_until"),
                Field.text("hours"),
                Field.text("rate"),
                legend="Their offer",
                legend_size=Size.SMALL,
            ),
            Field.textarea("note"),
            Submit("save", "Save"),
        )

    def clean(self):
        data = super().clean()
        if data.get("answer") == BrokerageApproach.Answer.OFFERED:
            problems = brokerage.offer_problems(
                starts_on=data.get("starts_on"),
                held_until=data.get("held_until"),
                hours=data.get("hours"),
                rate=data.get("rate"),
                today=self.today,
            )
            # A field already refused (not a date, not a number) keeps its own message.
            self.add_problems({name: text for name, text in problems.items() if name not in self.errors})
        return data
