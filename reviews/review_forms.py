"""The review form: how far each outcome of the plan was met, what changed, and what happens next."""

from crispy_forms_gds.layout import Field, Fieldset, Size, Submit
from django import forms

from config.forms import govuk_helper
from reviews.models import Met, Review, ReviewedOutcome


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


# The person's answer in their self-review as the review records it: the same three degrees.
MET_AS_ACHIEVED = {
    Met.MET: ReviewedOutcome.Achieved.MET,
    Met.PARTLY: ReviewedOutcome.Achieved.PARTLY,
    Met.NOT_MET: ReviewedOutcome.Achieved.NOT_MET,
}


def starting_answers(start, review: Review) -> dict:
    """The review form filled in from the person's self-review for this review (reviews.selectors.review_start):
    how far each outcome is met and what they said about it, and what has changed, in their words; the worker
    changes what the review finds otherwise. Nothing sent for this review: nothing filled in."""
    if start.self_review is None or start.review != review:
        return {}
    initial = {"what_changed": start.self_review.what_changed}
    for said in start.outcomes:
        if said.person is not None:
            initial[f"achieved_{said.outcome.pk}"] = MET_AS_ACHIEVED[Met(said.person.met)]
            initial[f"note_{said.outcome.pk}"] = said.person.in_my_words
    return initial
