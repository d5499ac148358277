"""The review form: how far each outcome of the plan was met, what changed, and what happens next."""

from crispy_forms_gds.layout import Field, Fieldset, Size, Submit
from django import forms

from config.forms import govuk_helper
from reviews.models import Review, ReviewedOutcome


class ReviewForm(forms.Form):
    what_changed = forms.CharField(
        label="What has changed since the plan started?",
        help_text="For the person, their carers and their support. Use their words where you can.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    result = forms.ChoiceField(
        label="What happens next?",
        choices=Review.Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happens next"},
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        layout = []
        for number, outcome in enumerate(self.outcomes, start=1):
            name = outcome.in_my_words or outcome.label
            self.fields[f"achieved_{outcome.pk}"] = forms.ChoiceField(
                label=f"{number}. {name[:120]}",
                choices=ReviewedOutcome.Achieved.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select how far outcome {number} was met"},
            )
            self.fields[f"note_{outcome.pk}"] = forms.CharField(
                label="What the person said about it (optional)",
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            layout.append(
                Fieldset(
                    Field.radios(f"achieved_{outcome.pk}", legend_size=Size.SMALL, inline=True),
                    Field.textarea(f"note_{outcome.pk}"),
                )
            )
        self.helper = govuk_helper(
            Fieldset(*layout, legend="How far each outcome was met", legend_size=Size.MEDIUM),
            Field.textarea("what_changed"),
            Field.radios("result", legend_size=Size.MEDIUM),
            Submit("save", "Record the review"),
        )

    def findings(self) -> list[tuple[int, str, str]]:
        return [
            (outcome.pk, self.cleaned_data[f"achieved_{outcome.pk}"], self.cleaned_data[f"note_{outcome.pk}"])
            for outcome in self.outcomes
        ]
