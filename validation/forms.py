"""The approver's decision on a plan sent for sign-off, with GOV.UK error text."""

from crispy_forms_gds.layout import Field, Size, Submit
from django import forms

from config.forms import ErrorLinks, govuk_helper
from validation import services

AGREE, RETURN, ESCALATE = "agree", "return", "escalate"
NEEDS_WORDS = {RETURN: services.NO_REASONS, ESCALATE: services.NO_NOTE}


class DecisionForm(ErrorLinks, forms.Form):
    """Agree, return with reasons or escalate with a note. `seen_decisions` carries how many decisions the plan
    had when the page was shown, so a decision made meanwhile by someone else is never overlooked. `escalate_to`
    names the next level (None at the top); someone who wrote or sent the plan (`own_plan`) may only escalate."""

    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision", "invalid_choice": "Select your decision"},
    )
    reason = forms.CharField(
        label="Your reasons or note",
        help_text="Needed to return or escalate the plan: the worker, or whoever decides next, reads it",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
        error_messages={"max_length": "Your reasons or note must be 4,000 characters or fewer"},
    )
    seen_decisions = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, escalate_to: str | None, own_plan: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [] if own_plan else [(AGREE, "Agree the plan"), (RETURN, "Return it to be changed")]
        if escalate_to:
            choices.append((ESCALATE, f"Escalate it to the {escalate_to.lower()}"))
        self.fields["decision"].choices = choices
        self.helper = govuk_helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("reason", rows=4, max_characters=4000),
            Field("seen_decisions"),
            Submit("decide", "Record the decision"),
        )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in NEEDS_WORDS and not (data.get("reason") or "").strip():
            self.add_error("reason", NEEDS_WORDS[decision])
        return data
