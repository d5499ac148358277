"""The plan's forms, with GOV.UK error wording: the person's words, each way an outcome is met with its cost, the
risks, how the money is managed, and the reason for a plan beyond the tolerance."""

from decimal import Decimal

from crispy_forms_gds.layout import Field, Fieldset, Size, Submit
from django import forms

from config.forms import ErrorLinks, govuk_helper, money_field
from support_planning.models import PlanItem, SupportPlan
from support_planning.money_management import Management, Recipient


class VersionedForm(ErrorLinks, forms.Form):
    """Every change to a plan carries the version it was made from, so a change made meanwhile is never lost."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def _words(label: str, *, hint: str = "", required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "max_length": f"{label} must be 4,000 characters or fewer",
        },
    )


class OutcomeForm(VersionedForm):
    in_my_words = _words("What I want to achieve", hint="In the person’s own words")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            "version", Field.textarea("in_my_words"), Submit("save", "Save and return to the plan")
        )


class ItemForm(VersionedForm):
    kind = forms.ChoiceField(
        label="How will this be met?",
        choices=PlanItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how this will be met"},
    )
    description = forms.CharField(
        label="What the support is",
        max_length=300,
        error_messages={"required": "Enter what the support is", "max_length": "Keep it to 300 characters"},
    )
    who_and_when = forms.CharField(
        label="Who, and when",
        help_text="For example: my daughter Jo, every Sunday",
        max_length=300,
        required=False,
    )
    service_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    service_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    cost_option = forms.ChoiceField(label="Cost option", help_text="From the directory", required=False)
    provider = forms.CharField(
        label="Provider",
        help_text="The organisation or person paid to provide it, if any",
        max_length=200,
        required=False,
    )
    management = forms.ChoiceField(
        label="How the money is managed",
        choices=Management.choices,
        initial=Management.NOT_PAID,
        widget=forms.RadioSelect,
        required=False,
    )
    # Each way of costing reveals only the figures it needs (support_planning/_costing.html).
    basis = forms.ChoiceField(
        label="How it is costed",
        choices=PlanItem.Basis.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    hours = forms.DecimalField(
        label="Hours a week",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(168),
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": "Hours a week must be a number, like 7.5",
            "min_value": "Hours a week must be 0 or more",
            "max_value": "Hours a week must be 168 or fewer: there are 168 hours in a week",
            "max_decimal_places": "Hours a week must have no more than 2 decimal places",
        },
    )
    rate = money_field("Hourly rate", most=1_000, required=False)
    weekly_amount = money_field("Amount a week", most=250_000, required=False)
    one_off_amount = money_field("One-off cost", most=250_000, required=False)

    def __init__(self, *args, cost_options: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self._figures_as_costed()
        for name, width in (("hours", 5), ("rate", 5), ("weekly_amount", 10), ("one_off_amount", 10)):
            self.fields[name].widget.attrs["class"] = f"govuk-input--width-{width}"
        chosen = self.initial.get("cost_option") or self.data.get("cost_option")
        options = [*cost_options, *([chosen] if chosen and chosen not in cost_options else [])]
        self.fields["cost_option"].choices = [(option, option) for option in options]
        self.fields["cost_option"].widget = forms.RadioSelect(choices=self.fields["cost_option"].choices)
        self.helper = govuk_helper(
            "version",
            "service_id",
            "service_name",
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.text("description"),
            *([Field.radios("cost_option", legend_size=Size.SMALL)] if options else []),
            Field.text("who_and_when"),
            Field.text("provider"),
            Fieldset(
                Field.radios("management", legend_size=Size.SMALL),
                Field("basis", template="support_planning/_costing.html"),
                legend="What it costs",
                legend_size=Size.MEDIUM,
            ),
            Submit("save", "Save and return to the plan"),
        )

    def _figures_as_costed(self):
        """An item's amount shown in the field of its basis, and only the figures its basis asks for: free support
        starts with no basis chosen, so nothing is revealed until one is."""
        basis, amount = self.initial.get("basis"), self.initial.pop("amount", None)
        if self.initial.get("management", Management.NOT_PAID) == Management.NOT_PAID:
            basis = self.initial.pop("basis", None)
        if basis in AMOUNT_OF:
            self.initial[AMOUNT_OF[basis]] = amount
        for name in COST_FIGURES:
            if name not in FIGURES_FOR.get(basis, ()):
                self.initial.pop(name, None)

    @property
    def costings(self) -> list[tuple]:
        """Each way of costing (a radio of `basis`) with the figures it reveals when chosen."""
        return [
            (choice, [self[name] for name in FIGURES_FOR[choice.data["value"]]]) for choice in self["basis"]
        ]

    def _set_aside(self, *names: str) -> None:
        """Figures the chosen way of costing does not use: what was typed there counts for nothing."""
        for name in names:
            self._errors.pop(name, None)

    def clean(self):
        data = super().clean()
        data["management"] = data.get("management") or Management.NOT_PAID
        if data.get("kind") == PlanItem.Kind.PAID and data["management"] == Management.NOT_PAID:
            self.add_error("management", "Select how the money for paid support is managed")
            return data
        if data["management"] == Management.NOT_PAID:
            self._set_aside(*COST_FIGURES)
            data.update(basis=PlanItem.Basis.WEEKLY, hours=Decimal(0), rate=Decimal(0), amount=Decimal(0))
            return data
        basis = data.get("basis")
        if not basis:
            self.add_error("basis", "Select how it is costed")
            return data
        self._set_aside(*(name for name in COST_FIGURES if name not in FIGURES_FOR[basis]))
        for name in FIGURES_FOR[basis]:
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, MISSING[name])
        if basis == PlanItem.Basis.HOURLY:
            data["amount"] = Decimal(0)
        else:
            data["amount"] = data.get(AMOUNT_OF[basis])
            data["hours"], data["rate"] = Decimal(0), Decimal(0)
        return data


# The figures each way of costing asks for, and what an item's amount is called under each.
FIGURES_FOR = {
    PlanItem.Basis.HOURLY: ("hours", "rate"),
    PlanItem.Basis.WEEKLY: ("weekly_amount",),
    PlanItem.Basis.ONE_OFF: ("one_off_amount",),
}
AMOUNT_OF = {PlanItem.Basis.WEEKLY: "weekly_amount", PlanItem.Basis.ONE_OFF: "one_off_amount"}
COST_FIGURES = ("hours", "rate", "weekly_amount", "one_off_amount")
MISSING = {
    "hours": "Enter the hours a week",
    "rate": "Enter the hourly rate",
    "weekly_amount": "Enter the amount a week",
    "one_off_amount": "Enter the one-off cost",
}


class RiskForm(VersionedForm):
    in_my_words = _words("The risk", hint="In the person’s own words", rows=3)
    how_reduced = _words("How it will be reduced", required=False, rows=3)
    for_panel = forms.BooleanField(
        label="Ask the risk enablement panel to decide on this risk", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            "version",
            Field.textarea("in_my_words"),
            Field.textarea("how_reduced"),
            Field("for_panel"),
            Submit("save", "Save and return to the plan"),
        )


class AboutForm(VersionedForm):
    what_matters = _words("What matters to me", required=False)
    contingency = _words(
        "If my support fails",
        hint="Who to call, and what happens, if a carer does not arrive or support breaks down",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            "version",
            Field.textarea("what_matters"),
            Field.textarea("contingency"),
            Submit("save", "Save and return to the plan"),
        )


class MoneyForm(VersionedForm):
    direct_payment_recipient = forms.ChoiceField(
        label="Who receives the direct payment",
        choices=Recipient.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who receives the direct payment"},
    )
    direct_payment_recipient_name = forms.CharField(
        label="Their name, or the managed account's provider", max_length=120, required=False
    )
    direct_payment_frequency = forms.ChoiceField(
        label="How often it is paid",
        choices=SupportPlan._meta.get_field("direct_payment_frequency").choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often it is paid"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            "version",
            Field.radios("direct_payment_recipient", legend_size=Size.MEDIUM),
            Field.text("direct_payment_recipient_name"),
            Field.radios("direct_payment_frequency", legend_size=Size.MEDIUM),
            Submit("save", "Save and return to the plan"),
        )

    def clean(self):
        data = super().clean()
        someone_else = data.get("direct_payment_recipient") not in (None, "", Recipient.PERSON)
        if someone_else and not data.get("direct_payment_recipient_name", "").strip():
            self.add_error("direct_payment_recipient_name", "Enter the name of who receives it")
        return data


class SubmitForm(VersionedForm):
    gap_reason = _words(
        "Why the plan differs from the indicative budget",
        hint="The approver reads this with the plan",
        required=False,
    )

    def __init__(self, *args, needs_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_reason = needs_reason
        if needs_reason:
            self.fields["gap_reason"].required = True
        self.helper = govuk_helper("version", *(["gap_reason"] if needs_reason else []))


class AnswerForm(ErrorLinks, forms.Form):
    """The person's answer to their plan."""

    agrees = forms.TypedChoiceField(
        label="Do you agree with your support plan?",
        choices=[("yes", "Yes, I agree with it"), ("no", "No, I would change something")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree with your support plan"},
    )
    would_change = _words("What would you change?", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.radios("agrees", legend_size=Size.MEDIUM),
            Field.textarea("would_change"),
            Submit("send", "Send my answer"),
        )

    def clean(self):
        data = super().clean()
        if data.get("agrees") is False and not data.get("would_change", "").strip():
            self.add_error("would_change", "Enter what you would change")
        return data
