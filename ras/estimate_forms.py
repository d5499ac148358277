"""The online estimate's questions, with GOV.UK error wording."""

from decimal import Decimal

from django import forms

from ras.estimate import LEVELS, SAVINGS


class EstimateForm(forms.Form):
    age = forms.IntegerField(
        label="How old are you?",
        min_value=18,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter your age",
            "invalid": "Age must be a number, like 72",
            "min_value": "This estimate is for adults: age must be 18 or more",
            "max_value": "Age must be 120 or less",
        },
    )
    savings = forms.ChoiceField(
        label="How much do you have in savings and investments?",
        help_text="Leave out the home you live in",
        choices=list(SAVINGS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select how much you have in savings and investments"},
    )
    weekly_income = forms.DecimalField(
        label="Your income a week from pensions and benefits, in pounds",
        min_value=Decimal(0),
        max_value=Decimal(100_000),
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter your income a week, or 0",
            "invalid": "Income must be an amount of money, like 250.00",
            "min_value": "Income must be £0 or more",
            "max_value": "Income must be £100,000 or less",
            "max_decimal_places": "Income must be in pounds and pence, like 250.00",
        },
    )

    def __init__(self, *args, domains=(), year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(domains)
        if year is not None:  # the amounts, not "the lower limit", which means nothing to most people
            lower, upper = f"£{year.lower_capital:,.0f}", f"£{year.upper_capital:,.0f}"
            self.fields["savings"].choices = [
                ("under", f"Less than {lower}"),
                ("between", f"{lower} to {upper}"),
                ("over", f"More than {upper}"),
            ]
        for domain in self.domains:
            self.fields[f"level_{domain.key}"] = forms.ChoiceField(
                label=domain.title,
                help_text=domain.summary,
                choices=list(LEVELS.items()),
                widget=forms.RadioSelect,
                error_messages={"required": f"Select how much help you need with {domain.title.lower()}"},
            )

    @property
    def level_fields(self):
        return [self[f"level_{domain.key}"] for domain in self.domains]

    def levels(self) -> dict[str, str]:
        return {domain.key: self.cleaned_data[f"level_{domain.key}"] for domain in self.domains}
