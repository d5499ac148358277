"""The go-live form: the day the support starts, the direct payment agreement when there is one, and the provider
of any item that names none."""

from crispy_forms_gds.layout import Field, Fieldset, Size, Submit
from django import forms
from django.utils import timezone

from cases.govuk_fields import NamedDateField
from config.forms import govuk_helper
from reviews import golive

HINT = "For example, 14 1 2027"


class GoLiveForm(forms.Form):
    starts_on = NamedDateField(what="The start date", label="When does the support start?", help_text=HINT)

    def __init__(
        self, *args, agreed_on, direct_payment: bool, managed_account: bool, unnamed: list, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.agreed_on, self.today = agreed_on, timezone.localdate()
        layout = [Field("starts_on")]
        if direct_payment:
            self.fields["signed_on"] = NamedDateField(
                what="The day the agreement was signed",
                label="When was the direct payment agreement signed?",
                help_text=HINT,
            )
            self.fields["first_payment_on"] = NamedDateField(
                what="The first payment date", label="When is the first payment?", help_text=HINT
            )
            parts = [Field("signed_on"), Field("first_payment_on")]
            if managed_account:
                self.fields["managed_account_provider"] = forms.CharField(
                    label="Who runs the managed account?",
                    max_length=200,
                    error_messages={"required": "Enter who runs the managed account"},
                )
                parts.append(Field.text("managed_account_provider"))
            layout.append(Fieldset(*parts, legend="The direct payment", legend_size=Size.MEDIUM))
        for item in unnamed:
            self.fields[f"provider_{item.pk}"] = forms.CharField(
                label=f"Who provides “{item.description}”?",
                max_length=200,
                error_messages={"required": f"Enter who provides “{item.description}”"},
            )
            layout.append(Field.text(f"provider_{item.pk}"))
        self.fields["starts_on"].error_messages["required"] = "Enter the day the support starts"
        if direct_payment:
            self.fields["signed_on"].error_messages["required"] = "Enter the day the agreement was signed"
            self.fields["first_payment_on"].error_messages["required"] = "Enter the day of the first payment"
        self.helper = govuk_helper(*layout, Submit("start", "Start the support"))

    def clean(self):
        data = super().clean()
        if data.get("starts_on"):
            self._add(
                golive.start_problems(starts_on=data["starts_on"], agreed_on=self.agreed_on, today=self.today)
            )
        if data.get("signed_on") and data.get("first_payment_on"):
            self._add(
                golive.direct_payment_problems(
                    signed_on=data["signed_on"],
                    first_payment_on=data["first_payment_on"],
                    agreed_on=self.agreed_on,
                    today=self.today,
                )
            )
        return data

    def _add(self, problems: dict[str, str]) -> None:
        for field, message in problems.items():
            self.add_error(field, message)

    def providers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("provider_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("provider_")
        }
