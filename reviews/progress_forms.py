"""A provider's forms: progress towards each outcome it supports with a short note, the person's independence, and
asking for a review with why; GOV.UK error text beside each question."""

from crispy_forms_gds.layout import HTML, Field, Size, Submit
from django import forms

from cases.submissions import OnceOnlyField
from config.forms import ErrorLinks, govuk_helper
from reviews.models import Independence, Progress

NOTE_MOST = 500


def _note(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_MOST,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Keep the note to {NOTE_MOST} characters or fewer"},
    )


class ProgressForm(ErrorLinks, forms.Form):
    """One question per outcome the organisation supports (`progress_<pk>`, `note_<pk>`), then independence."""

    once = OnceOnlyField()
    independence = forms.ChoiceField(
        choices=Independence.choices,
        widget=forms.RadioSelect,
    )
    independence_note = _note("What has changed (optional)")

    def __init__(self, *args, outcomes: list, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        layout = ["once"]
        for number, outcome in enumerate(outcomes, start=1):
            self.fields[f"progress_{outcome.pk}"] = forms.ChoiceField(
                label=f"“{outcome.in_my_words}”" if outcome.in_my_words else outcome.label,
                help_text=f"Outcome {number} of the plan: is {name} moving towards it?",
                choices=Progress.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select whether {name} is moving towards outcome {number}"},
            )
            self.fields[f"note_{outcome.pk}"] = _note(f"What you saw, for outcome {number} (optional)")
            layout += [
                Field.radios(f"progress_{outcome.pk}", legend_size=Size.SMALL),
                Field.textarea(f"note_{outcome.pk}", rows=3),
            ]
        # The error summary follows the page: the outcomes first, then independence.
        self.order_fields([name for name in self.fields if not name.startswith("independence")])
        field = self.fields["independence"]
        field.label = f"Has {name}’s independence changed since you last recorded their progress?"
        field.error_messages["required"] = f"Select whether {name}’s independence has changed"
        self.helper = govuk_helper(
            *layout,
            HTML('<h2 class="govuk-heading-m">Their independence</h2>'),
            Field.radios("independence", legend_size=Size.SMALL),
            Field.textarea("independence_note", rows=3),
            Submit("record", "Record progress"),
        )

    def progress(self) -> dict[int, tuple[str, str]]:
        """(progress, note) by the plan's outcome."""
        data = self.cleaned_data
        return {o.pk: (data[f"progress_{o.pk}"], data[f"note_{o.pk}"]) for o in self.outcomes}


class AskForReviewForm(forms.Form):
    because = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter why you are asking for a review",
            "max_length": "Why you are asking must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["because"].label = f"Why are you asking for a review of {name}’s support?"
        self.fields["because"].help_text = (
            "For example, their needs have changed, or the support no longer helps them towards their outcomes. "
            "Their worker reads this"
        )
        self.helper = govuk_helper(
            Field.textarea("because", label_size=Size.LARGE, label_tag="h1"),
            Submit("ask", "Ask for a review"),
        )
