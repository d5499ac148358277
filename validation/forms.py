"""The approver's decision on a plan sent for sign-off, and the period the turnaround page covers, with GOV.UK error
text."""

import datetime

from crispy_forms.utils import TEMPLATE_PACK
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Field, Size, Submit
from django import forms
from django.template.loader import render_to_string

from cases.govuk_fields import NamedDateField
from config.forms import ErrorLinks, govuk_helper
from validation import services
from validation.models import SignOffDecision

AGREE, RETURN, ESCALATE = "agree", "return", "escalate"
NEEDS_WORDS = {RETURN: services.NO_REASONS, ESCALATE: services.NO_NOTE}


class Choice(ConditionalQuestion):
    """A radio of the decision, revealing its `fields` when chosen; one with nothing to reveal names no question."""

    template = "validation/_decision_choice.html"


class DecisionRadios(ConditionalRadios):
    """The decision's radios, one of them revealing a question, under a medium legend as a question of its own."""

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        field = form[self.field]
        choices = self.render_choices(field, form, context, template_pack, **kwargs)
        return render_to_string(
            self.get_template_name(template_pack),
            {
                **context.flatten(),
                "field": field,
                "choices": choices,
                "legend_size": Size.for_legend(Size.MEDIUM),
            },
        )


class DecisionForm(ErrorLinks, forms.Form):
    """Agree, return with reasons or escalate with a note. A return also says what most needs to change, from a
    short list, so returns can be counted by why (revealed under "Return it", all shown without JavaScript).
    `seen_decisions` carries how many decisions the plan had when the page was shown, so a decision made meanwhile
    by someone else is never overlooked. `escalate_to` names the next level (None at the top); someone who wrote
    or sent the plan (`own_plan`) may only escalate."""

    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision", "invalid_choice": "Select your decision"},
    )
    reason_category = forms.ChoiceField(
        label="What most needs to change?",
        choices=SignOffDecision.ReturnReason.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": services.NO_CATEGORY},
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
            DecisionRadios(
                "decision",
                *(
                    Choice(label, Field.radios("reason_category", legend_size=Size.SMALL))
                    if value == RETURN
                    else Choice(label)
                    for value, label in choices
                ),
            ),
            Field.textarea("reason", rows=4, max_characters=4000),
            Field("seen_decisions"),
            Submit("decide", "Record the decision"),
        )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == RETURN and not data.get("reason_category") and "reason_category" not in self.errors:
            self.add_error("reason_category", services.NO_CATEGORY)
        if decision in NEEDS_WORDS and not (data.get("reason") or "").strip():
            self.add_error("reason", NEEDS_WORDS[decision])
        return data


# The turnaround page's period when none is chosen: the last twelve weeks, today among them.
DEFAULT_PERIOD = datetime.timedelta(weeks=12)
EARLIEST = datetime.date(2000, 1, 1)


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today - DEFAULT_PERIOD + datetime.timedelta(days=1), today


class PeriodForm(ErrorLinks, forms.Form):
    """The days the turnaround page counts decisions over, first and last included: a GET form. A date left out is
    filled in from the other (twelve weeks before or after, never beyond today); both left out, the last twelve
    weeks."""

    first = NamedDateField(
        what="The start date", label="From", help_text="For example, 1 9 2026", required=False
    )
    last = NamedDateField(
        what="The end date", label="To", help_text="For example, 30 11 2026", required=False
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        first, last = default_period(today)
        super().__init__(*args, initial={"first": first, "last": last}, **kwargs)
        self.today = today
        self.helper = govuk_helper(
            Field("first", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("last", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Submit("show", "Show the figures", css_class="govuk-button--secondary"),
            get=True,
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        first, last = data.get("first"), data.get("last")
        if first is None and last is None:
            first, last = default_period(self.today)
        elif first is None:
            first = last - DEFAULT_PERIOD + datetime.timedelta(days=1)
        elif last is None:
            last = min(first + DEFAULT_PERIOD - datetime.timedelta(days=1), self.today)
        for name, day in (("first", first), ("last", last)):
            what = self.fields[name].what
            if day > self.today:
                self.add_error(name, f"{what} must be today or in the past")
            elif day < EARLIEST:
                self.add_error(name, f"{what} must be in {EARLIEST.year} or later")
        if not self.errors and first > last:
            self.add_error("last", "The end date must be the same as or after the start date")
        data["first"], data["last"] = first, last
        return data
