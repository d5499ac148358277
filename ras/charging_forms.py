"""The financial assessment form, with GOV.UK error wording: money in pounds and pence, never negative, never
absurd."""

from crispy_forms_gds.layout import Field, Fieldset, Size, Submit
from django import forms

from config.forms import govuk_helper
from config.forms import money_field as _money
from ras.charging import INCOME_TYPES


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
