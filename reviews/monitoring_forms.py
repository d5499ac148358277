"""The direct payment return (reviews.monitoring), asked of the person in their words or of their worker in theirs:
the same three questions."""

import datetime

from crispy_forms_gds.layout import Field, Submit
from django import forms

from config.forms import govuk_helper, money_field

MOST = 2000


def _say_amounts(field: forms.DecimalField, what: str, example: str) -> None:
    """Error messages that say what to enter, not the whole question again."""
    field.error_messages.update(
        {
            "invalid": f"Enter {what} in pounds and pence, like {example}",
            "max_decimal_places": f"Enter {what} in pounds and pence, like {example}",
            "min_value": f"Enter {what} as £0 or more",
        }
    )


class ReturnForm(forms.Form):
    def __init__(self, *args, since: datetime.date, person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        your = "your" if person else "the"
        self.fields["balance"] = money_field(
            f"How much is in {your} direct payment account today?",
            hint="From the latest bank statement or online banking, in pounds, for example 1250.00",
        )
        _say_amounts(self.fields["balance"], "how much is in the account", "1250.00")
        self.fields["balance"].error_messages["required"] = "Enter how much is in the account today"
        self.fields["outside_plan"] = money_field(
            f"Since {since:%-d %B %Y}, how much of it paid for things that are not in {your} support plan?",
            hint="Enter 0 if it all paid for the support in the plan. Using it flexibly is fine: "
            "we only ask so that the plan stays right for " + ("you" if person else "them"),
        )
        _say_amounts(self.fields["outside_plan"], "how much paid for things not in the plan", "40.00")
        self.fields["outside_plan"].error_messages["required"] = (
            "Enter how much paid for things not in the plan, or 0"
        )
        self.fields["outside_plan_what"] = forms.CharField(
            label="What did that money pay for?",
            help_text="Only if some paid for things not in the plan",
            required=False,
            max_length=MOST,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": f"What it paid for must be {MOST:,} characters or fewer"},
        )
        self.helper = govuk_helper(
            Field.text("balance", field_width=10),
            Field.text("outside_plan", field_width=10),
            Field.textarea("outside_plan_what"),
            Submit("send", "Send" if person else "Record the return"),
        )

    def clean(self):
        data = super().clean()
        if data.get("outside_plan") and not data.get("outside_plan_what", "").strip():
            self.add_error("outside_plan_what", "Say what the money paid for")
        return data
