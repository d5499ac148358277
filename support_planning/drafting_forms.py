"""The forms the person (or whoever drafts with them) fills in to draft their own plan: one outcome a page, in
their own words, with the ways it could be met; then what matters to them and what to do if support fails."""

from decimal import Decimal

from crispy_forms_gds.layout import HTML, Button, Field, Fieldset, Size, Submit
from django import forms

from config.forms import govuk_helper, money_field
from support_planning.forms import AboutForm, VersionedForm, _words
from support_planning.models import PlanItem
from support_planning.money_management import Management

WAYS = [
    (PlanItem.Kind.FAMILY, "Family, friends or neighbours"),
    (PlanItem.Kind.COMMUNITY, "A community group or a service anyone can use, like a lunch club"),
    (PlanItem.Kind.EQUIPMENT, "Equipment, like a grab rail or a pendant alarm"),
    (PlanItem.Kind.PAID, "Paid support, like a care worker or a personal assistant"),
]
PAID_BY = [
    (Management.DIRECT_PAYMENT, "A direct payment: the money comes to me and I arrange the support"),
    (Management.COUNCIL_MANAGED, "The council arranges the support for me"),
    (
        Management.SERVICE_FUND,
        "A provider I choose holds the money and arranges the support with me (an individual service fund)",
    ),
]


class OutcomePageForm(VersionedForm):
    in_my_words = _words("What I want to achieve", hint="In your own words")
    kind = forms.ChoiceField(
        label="How could this be met?", choices=WAYS, widget=forms.RadioSelect, required=False
    )
    description = forms.CharField(
        label="What it is",
        help_text="For example: help to have a shower, or the Tuesday lunch club",
        max_length=300,
        required=False,
        error_messages={"max_length": "What it is must be 300 characters or fewer"},
    )
    who_and_when = forms.CharField(
        label="Who, and when (optional)",
        help_text="For example: my daughter Jo, every Sunday",
        max_length=300,
        required=False,
        error_messages={"max_length": "Who, and when must be 300 characters or fewer"},
    )
    management = forms.ChoiceField(
        label="How would you like the money for paid support managed?",
        choices=PAID_BY,
        widget=forms.RadioSelect,
        required=False,
    )
    weekly_cost = money_field(
        "About how much it costs a week (optional)",
        hint="If you know. Your worker will help you work it out",
        most=10_000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            "version",
            Field.textarea("in_my_words"),
            HTML('{% include "support_planning/drafting/_ways.html" %}'),
            Fieldset(
                Field.radios("kind", legend_size=Size.SMALL),
                Field.text("description"),
                Field.text("who_and_when"),
                Field.radios("management", legend_size=Size.SMALL),
                Field.text("weekly_cost", field_width=5),
                legend="Add a way this could be met",
                legend_size=Size.MEDIUM,
            ),
            Submit("next", "Save and continue"),
            Button.secondary("another", "Save and add another way"),
        )

    def clean(self):
        data = super().clean()
        kind, description = data.get("kind"), (data.get("description") or "").strip()
        started = kind or description or (data.get("who_and_when") or "").strip() or data.get("weekly_cost")
        if not started:
            data["way"] = None
            return data
        if not kind:
            self.add_error("kind", "Select how this could be met")
        if not description and "description" not in self.errors:
            self.add_error("description", "Enter what it is")
        if kind == PlanItem.Kind.PAID and not data.get("management"):
            self.add_error("management", "Select how you would like the money managed")
        if self.errors:
            return data
        paid = kind == PlanItem.Kind.PAID
        data["way"] = {
            "kind": kind,
            "description": description,
            "who_and_when": data.get("who_and_when", "").strip(),
            "management": data["management"] if paid else Management.NOT_PAID,
            "basis": PlanItem.Basis.WEEKLY,
            "amount": (data.get("weekly_cost") or Decimal(0)) if paid else Decimal(0),
        }
        return data


class DraftAboutForm(AboutForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "contingency"
        ].help_text = (
            "Who to call, and what happens, if a care worker does not arrive or your support breaks down"
        )
        self.helper = govuk_helper(
            "version",
            Field.textarea("what_matters"),
            Field.textarea("contingency"),
            Submit("save", "Continue"),
        )


class HandOverForm(forms.Form):
    """Who is to draft the plan instead of the worker: the person online, or an organisation with them."""

    to = forms.ChoiceField(
        label="Who is to draft the plan?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who is to draft the plan",
            "invalid_choice": "Choose who is to draft the plan",
        },
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices
        self.helper = govuk_helper(
            Field.radios("to", legend_size=Size.MEDIUM), Submit("hand_over", "Hand the draft over")
        )
