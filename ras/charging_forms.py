"""The financial assessment form, with GOV.UK error wording: money in pounds and pence, never negative, never
absurd."""

from decimal import Decimal

from crispy_forms_gds.layout import Field, Fieldset, Size, Submit
from django import forms

from config.forms import govuk_helper
from ras.charging import INCOME_TYPES


def _money(
    label: str, *, hint: str = "", most: int = 10_000_000, required: bool = True
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=hint,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(most),
        max_digits=12,
        decimal_places=2,
        # GOV.UK: not type="number" (it mangles what people type and scrolls away with the mouse wheel).
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "invalid": f"{label} must be an amount of money, like 120.50",
            "min_value": f"{label} must be £0 or more",
            "max_value": f"{label} must be £{most:,} or less",
            "max_decimal_places": f"{label} must be in pounds and pence, like 120.50",
            "max_digits": f"{label} must be £{most:,} or less",
        },
    )


class FinancialAssessmentForm(forms.Form):
    capital = _money("Capital", hint="Savings and investments. Leave out the home the person lives in.")
    disability_premium = forms.BooleanField(label="Gets a disability premium", required=False)
    enhanced_disability_premium = forms.BooleanField(
        label="Gets an enhanced disability premium", required=False
    )
    dre = _money(
        "Itemised disability-related expenditure a week",
        hint="Leave empty to use the standard allowance",
        most=10_000,
        required=False,
    )
    housing_costs = _money("Housing costs a week", hint="Rent or mortgage not met by benefits", most=10_000)
    weekly_cost = _money(
        "Weekly cost of care", hint="From the indicative budget, or the costed plan", most=100_000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, (label, counts) in INCOME_TYPES.items():
            self.fields[f"income_{key}"] = _money(
                f"{label} a week",
                hint="" if counts else "Not counted, but recorded",
                most=100_000,
                required=False,
            )
        self.helper = govuk_helper(
            Field.text("capital", field_width=10),
            Fieldset(
                *(Field.text(f"income_{key}", field_width=10) for key in INCOME_TYPES),
                legend="Weekly income",
                legend_size=Size.MEDIUM,
            ),
            Field("disability_premium"),
            Field("enhanced_disability_premium"),
            Field.text("dre", field_width=10),
            Field.text("housing_costs", field_width=10),
            Field.text("weekly_cost", field_width=10),
            Submit("work_out", "Work out the contribution"),
        )

    def income_items(self) -> dict:
        return {
            key: self.cleaned_data[f"income_{key}"]
            for key in INCOME_TYPES
            if self.cleaned_data.get(f"income_{key}") is not None
        }
