"""The form to end support: all of it or one service, why, the last day, and a note."""

from crispy_forms_gds.layout import Field, Size, Submit
from django import forms
from django.utils import timezone

from cases.govuk_fields import NamedDateField
from config.forms import govuk_helper
from reviews import ending

ALL = "all"


class EndSupportForm(forms.Form):
    what = forms.ChoiceField(
        label="What is ending?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what is ending"},
    )
    reason = forms.ChoiceField(
        label="Why is it ending?",
        choices=ending.CHOSEN,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the support is ending"},
    )
    ends_on = NamedDateField(
        what="The last day",
        label="What is the last day of the support?",
        help_text="It can be a day to come, agreed with the person. For example, 31 1 2027",
    )
    note = forms.CharField(
        label="Anything the next worker should know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, started, orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.started, self.today = started, timezone.localdate()
        self.orders = {str(order.pk): order for order in orders}
        self.fields["ends_on"].error_messages["required"] = "Enter the last day of the support"
        self.fields["what"].choices = [(ALL, "All of the support in the plan")] + [
            (str(order.pk), f"Only {order.item.description} from {order.provider}") for order in orders
        ]
        what = Field.radios("what", legend_size=Size.MEDIUM)
        if not orders:
            # Nothing ends alone: all of the support is the only answer, so it is not asked.
            self.fields["what"].initial = ALL
            self.fields["what"].widget = forms.HiddenInput()
            what = Field("what")
        self.helper = govuk_helper(
            what,
            Field.radios("reason", legend_size=Size.MEDIUM),
            Field("ends_on"),
            Field.textarea("note", rows=3),
            Submit("end", "End the support"),
        )

    @property
    def order(self):
        """The one service ending, or None when all of the support ends."""
        return self.orders.get(self.cleaned_data.get("what"))

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("reason") and data.get("what"):
            order = self.order
            problems = ending.end_date_problems(
                ends_on=data["ends_on"],
                started_on=order.starts_on if order else self.started.starts_on,
                reason=data["reason"],
                today=self.today,
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return data
