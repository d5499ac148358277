"""The self-review's questions, one a page, in plain words with GOV.UK error text: each outcome of the plan, what
has changed, how a direct payment is working, anything else."""

from crispy_forms_gds.layout import Field, Size, Submit
from django import forms

from config.forms import govuk_helper
from reviews.models import Met, MoneyWorking

MOST = 4000


def _words(label: str, *, hint: str = "", required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=MOST,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"{label.removesuffix(' (optional)')} must be {MOST:,} characters or fewer"
        },
    )


def _continue():
    return Submit("continue", "Continue")


class OutcomeAnswerForm(forms.Form):
    met = forms.ChoiceField(
        label="Is your support helping you achieve this?",
        choices=Met.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes, partly or no"},
    )
    in_my_words = _words(
        "Tell us more (optional)", hint="What is working, and what is not, in your own words"
    )

    def __init__(self, *args, outcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["met"].help_text = (
            f"In your plan you said: “{outcome.in_my_words}”"
            if outcome.in_my_words
            else f"In your plan: {outcome.label}"
        )
        self.helper = govuk_helper(
            Field.radios("met", legend_size=Size.LARGE, legend_tag="h1"),
            Field.textarea("in_my_words"),
            _continue(),
        )


class ChangesForm(forms.Form):
    what_changed = _words(
        "What has changed for you since your support started?",
        hint="For example your health, your home, or the people who help you. If nothing has changed, tell us that",
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what_changed"].error_messages["required"] = (
            "Tell us what has changed, or that nothing has"
        )
        self.helper = govuk_helper(
            Field.textarea("what_changed", label_size=Size.LARGE, label_tag="h1"), _continue()
        )


class MoneyForm(forms.Form):
    money = forms.ChoiceField(
        label="How is your direct payment working?",
        choices=MoneyWorking.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how your direct payment is working"},
    )
    money_words = _words(
        "Tell us more (optional)", hint="For example, paying the people who help you, or keeping the records"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.radios("money", legend_size=Size.LARGE, legend_tag="h1"),
            Field.textarea("money_words"),
            _continue(),
        )


class AnythingElseForm(forms.Form):
    anything_else = _words("Is there anything else you want to tell us? (optional)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.textarea("anything_else", label_size=Size.LARGE, label_tag="h1"), _continue()
        )
