"""The contact wizard's steps, with GOV.UK error wording. Each step is short enough to fill in during a call."""

import datetime
import re
from decimal import Decimal

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import (
    ConditionalQuestion,
    ConditionalRadios,
    Field,
    Fieldset,
    Fluid,
    Layout,
    Size,
    Submit,
)
from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from contact import rules
from contact.models import (
    CallerKind,
    Contact,
    EquipmentItem,
    FailureReason,
    OutcomeKind,
    ReablementOutcome,
    Referral,
    SafeguardingConcern,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def _save_and_continue() -> Submit:
    return Submit("continue", "Save and continue")


class CallForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "channel",
            "caller_kind",
            "caller_name",
            "caller_relationship",
            "caller_profession",
            "caller_organisation",
            "caller_phone",
            "caller_email",
        ]
        labels = {
            "channel": "How did they get in touch?",
            "caller_kind": "Who is getting in touch?",
            "caller_name": "Caller's name (optional if it is the person)",
            "caller_relationship": "Their relationship to the person (optional)",
            "caller_profession": "Their profession (if a professional)",
            "caller_organisation": "Their organisation (if a professional)",
            "caller_phone": "Phone number to call back (optional)",
            "caller_email": "Email address (optional)",
        }
        help_texts = {"caller_relationship": "For example, daughter, neighbour or friend"}
        widgets = {"channel": forms.RadioSelect, "caller_kind": forms.RadioSelect}
        error_messages = {
            "channel": {"required": "Select how they got in touch"},
            "caller_email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caller_kind"].required = True
        self.fields["caller_kind"].error_messages["required"] = "Select who is getting in touch"
        self.fields["caller_kind"].choices = CallerKind.choices
        self.fields["channel"].choices = Contact._meta.get_field("channel").choices
        self.helper = _helper(
            Field.radios("channel", legend_size=Size.MEDIUM, small=True),
            Field.radios("caller_kind", legend_size=Size.MEDIUM, small=True),
            Fieldset(
                Field.text("caller_name", field_width=Fluid.TWO_THIRDS),
                Field.text("caller_relationship", field_width=Fluid.ONE_HALF),
                Field.select("caller_profession"),
                Field.text("caller_organisation", field_width=Fluid.TWO_THIRDS),
                Field.text("caller_phone", field_width=20),
                Field.text("caller_email", field_width=Fluid.TWO_THIRDS),
                legend="About the caller",
                legend_size=Size.MEDIUM,
            ),
            _save_and_continue(),
        )

    def clean(self):
        data = super().clean()
        kind = data.get("caller_kind")
        if kind == CallerKind.FAMILY and not data.get("caller_name", "").strip():
            self.add_error("caller_name", "Enter the caller's name")
        if kind == CallerKind.PROFESSIONAL:
            if not data.get("caller_profession"):
                self.add_error("caller_profession", "Select the caller's profession")
            if not data.get("caller_organisation", "").strip():
                self.add_error("caller_organisation", "Enter the caller's organisation")
        return data


class ReasonForm(forms.ModelForm):
    immediate_risk = forms.TypedChoiceField(
        label="Is anyone at risk of harm now?",
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if anyone is at risk of harm now"},
    )

    class Meta:
        model = Contact
        fields = ["reason", "what_matters", "route_of_access", "risks", "immediate_risk", "consent"]
        labels = {
            "reason": "Why are they getting in touch?",
            "what_matters": "What matters to the person (optional)",
            "route_of_access": "Where has the person come from?",
            "risks": "Risks (optional)",
            "consent": "Does the person agree to us sharing their information with those involved in their care?",
        }
        help_texts = {
            "reason": "In the caller's own words",
            "what_matters": "What they want to be able to do, in their words",
            "risks": "For example, falls, not eating, no heating, a carer who can no longer cope",
        }
        widgets = {
            "route_of_access": forms.RadioSelect,
            "consent": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "reason": {"required": "Enter why they are getting in touch"},
            "route_of_access": {"required": "Select where the person has come from"},
            "consent": {"required": "Select whether the person agrees to us sharing their information"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True
        self.fields["route_of_access"].required = True
        self.fields["route_of_access"].choices = Contact._meta.get_field("route_of_access").choices
        if self.instance.immediate_risk is not None:
            self.initial["immediate_risk"] = "yes" if self.instance.immediate_risk else "no"
        layout = [
            Field.textarea("reason", rows=4),
            Field.textarea("what_matters", rows=3),
            Field.radios("route_of_access", legend_size=Size.SMALL, small=True),
            Field.textarea("risks", rows=3),
            Field.radios("immediate_risk", legend_size=Size.SMALL, inline=True),
        ]
        if self.instance.person_id:
            self.fields["consent"].required = True
            self.fields["consent"].choices = Contact._meta.get_field("consent").choices
            layout.append(Field.radios("consent", legend_size=Size.SMALL, small=True))
        else:
            del self.fields["consent"]
        self.helper = _helper(*layout, _save_and_continue())


class RepeatForm(forms.ModelForm):
    about_known_matter = forms.TypedChoiceField(
        label="Is this about something we already know of?",
        help_text="Something they or someone else has contacted us about before",
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this is about something we already know of"},
    )

    class Meta:
        model = Contact
        fields = ["about_known_matter", "failure_reason", "failure_detail", "repeat_of"]
        labels = {
            "failure_reason": "Why did they have to get in touch again?",
            "failure_detail": "Anything more about why (optional)",
            "repeat_of": "Which earlier contact is it about? (optional)",
        }
        widgets = {"failure_reason": forms.RadioSelect, "repeat_of": forms.RadioSelect}

    def __init__(self, *args, recent=(), **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.about_known_matter is not None:
            self.initial["about_known_matter"] = "yes" if self.instance.about_known_matter else "no"
        self.fields["failure_reason"].choices = FailureReason.choices
        recent = list(recent)
        self.fields["repeat_of"].queryset = Contact.objects.filter(pk__in=[c.pk for c in recent])
        self.fields["repeat_of"].label_from_instance = lambda c: (
            f"{c.reference}, {c.completed_at:%-d %B %Y}: {c.reason[:80]}"
        )
        self.fields["repeat_of"].empty_label = None
        layout = [
            Field.radios("about_known_matter", legend_size=Size.SMALL, inline=True),
            Field.radios("failure_reason", legend_size=Size.SMALL, small=True),
            Field.text("failure_detail"),
        ]
        if recent:
            layout.append(Field.radios("repeat_of", legend_size=Size.SMALL, small=True))
        else:
            del self.fields["repeat_of"]
        self.helper = _helper(*layout, _save_and_continue())

    def clean(self):
        data = super().clean()
        if data.get("about_known_matter") and not data.get("failure_reason"):
            self.add_error("failure_reason", "Select why they had to get in touch again")
        if data.get("about_known_matter") is False:
            data["failure_reason"], data["failure_detail"], data["repeat_of"] = "", "", None
        return data


SUMMARY_CHOICES = [("letter", "By letter"), ("email", "By email"), ("none", "They do not want one")]


class OutcomesForm(forms.Form):
    """One or more outcomes, with what the adviser needs to say about each."""

    kinds = forms.MultipleChoiceField(
        label="What came of the contact?",
        help_text="Select all that apply",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one outcome"},
    )
    summary_by = forms.ChoiceField(
        label="How should we send them a summary of what we agreed?",
        choices=SUMMARY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how to send the summary"},
    )

    def __init__(self, *args, contact: Contact, **kwargs):
        super().__init__(*args, **kwargs)
        self.anonymous = contact.person_id is None
        self.fields["kinds"].choices = [
            (k.value, k.label) for k in rules.allowed_outcomes(anonymous=self.anonymous)
        ]
        chosen = {outcome.kind: outcome.note for outcome in contact.outcomes.all()}
        self.initial.setdefault("kinds", list(chosen))
        self.initial.setdefault("summary_by", contact.summary_by or None)
        if self.anonymous:
            self.fields["summary_by"].choices = [SUMMARY_CHOICES[1], SUMMARY_CHOICES[2]]
        self.fields["note_safeguarding"] = forms.CharField(
            label="The safeguarding concern",
            help_text="What was said, by whom, and what has been done to make the person safe now",
            widget=forms.Textarea,
            required=False,
        )
        self.fields["note_nfa"] = forms.CharField(label="Why no further action is needed", required=False)
        self.fields["note_other"] = forms.CharField(
            label="Notes on the outcomes (optional)",
            help_text="For example, which equipment, or what the person will do next",
            widget=forms.Textarea,
            required=False,
        )
        self.fields["criteria"] = forms.MultipleChoiceField(
            label="Reablement: which referral criteria does the person meet?",
            help_text="Only if referring for reablement. They must meet every one",
            choices=list(rules.REABLEMENT_CRITERIA.items()),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.initial.setdefault("criteria", [key for key, met in contact.reablement_criteria.items() if met])
        self.initial.setdefault("note_safeguarding", chosen.get(OutcomeKind.SAFEGUARDING, ""))
        self.initial.setdefault("note_nfa", chosen.get(OutcomeKind.NO_FURTHER_ACTION, ""))
        others = [note for kind, note in chosen.items() if kind not in {"safeguarding", "nfa"} and note]
        self.initial.setdefault("note_other", others[0] if others else "")
        self.helper = _helper(
            Field.checkboxes("kinds", legend_size=Size.MEDIUM, small=True),
            Field.textarea("note_safeguarding", rows=4),
            Field.text("note_nfa"),
            Field.checkboxes("criteria", legend_size=Size.SMALL, small=True),
            Field.textarea("note_other", rows=3),
            Field.radios("summary_by", legend_size=Size.SMALL, small=True),
            _save_and_continue(),
        )

    def clean(self):
        data = super().clean()
        kinds = set(data.get("kinds") or [])
        for problem in rules.outcome_problems(kinds, anonymous=self.anonymous) if kinds else []:
            self.add_error("kinds", problem)
        if OutcomeKind.SAFEGUARDING in kinds and not data.get("note_safeguarding", "").strip():
            self.add_error("note_safeguarding", "Describe the safeguarding concern")
        if OutcomeKind.NO_FURTHER_ACTION in kinds and not data.get("note_nfa", "").strip():
            self.add_error("note_nfa", "Enter why no further action is needed")
        met = set(data.get("criteria") or [])
        self.criteria = {key: key in met for key in rules.REABLEMENT_CRITERIA}
        if OutcomeKind.REABLEMENT in kinds and rules.unmet_reablement_criteria(self.criteria):
            self.add_error(
                "criteria",
                "The person must meet every reablement criterion to be referred. If they do not, choose another outcome",
            )
        return data

    def notes(self) -> dict[str, str]:
        """Each chosen outcome's note. The shared notes box goes on the first outcome that has no box of its own,
        so it is shown (and sent) once."""
        data = self.cleaned_data
        special = {
            OutcomeKind.SAFEGUARDING: data["note_safeguarding"],
            OutcomeKind.NO_FURTHER_ACTION: data["note_nfa"],
        }
        shared, notes = data["note_other"].strip(), {}
        for kind in data["kinds"]:
            if kind in special:
                notes[kind] = special[kind].strip()
            else:
                notes[kind], shared = shared, ""
        return notes


class ConcernDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What is your decision?",
        choices=SafeguardingConcern.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision"},
    )
    reason = forms.CharField(
        label="Reasons for your decision",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reasons for your decision"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("reason", rows=4),
            Submit("decide", "Record decision"),
        )


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Where is the referral now?",
        choices=[
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("completed", "Completed"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the referral is now"},
    )
    outcome = forms.CharField(
        label="Outcome or reason",
        help_text="Why it was declined, or what it achieved for the person",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("status", legend_size=Size.MEDIUM),
            Field.textarea("outcome", rows=3),
            Submit("save", "Save"),
        )

    def clean(self):
        data = super().clean()
        if data.get("status") in {"declined", "completed"} and not data.get("outcome", "").strip():
            self.add_error("outcome", "Enter the outcome, or why it was declined")
        return data


class GovukDateField(DateInputField):
    """A GOV.UK date input whose errors name the date ("Start date must be a real date")."""

    def __init__(self, *, what: str, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.what = what
        for part in self.fields:
            part.validators[0].message = f"{what} must be a real date"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise forms.ValidationError(f"{self.what} must include a day, month and year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as invalid:
            raise forms.ValidationError(f"{self.what} must be a real date") from invalid


class ReablementStartForm(forms.Form):
    """Whether reablement started (and when), or why it did not go ahead."""

    started = forms.ChoiceField(
        label="Has reablement started?",
        choices=[("yes", "Yes"), ("no", "No, it did not go ahead")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether reablement has started"},
    )
    started_on = GovukDateField(
        what="Start date",
        label="When did reablement start?",
        help_text="For example, 30 11 2026",
        required=False,
    )
    declined_reason = forms.CharField(
        label="Why did it not go ahead?", widget=forms.Textarea, required=False, max_length=2000
    )

    def __init__(self, *args, referral: Referral, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.referred_on = timezone.localtime(referral.made_at).date()
        self.today = today
        self.helper = _helper(
            ConditionalRadios(
                "started",
                ConditionalQuestion("Yes", Field("started_on")),
                ConditionalQuestion("No, it did not go ahead", Field.textarea("declined_reason", rows=3)),
            ),
            Submit("save", "Save"),
        )

    def clean(self):
        data = super().clean()
        if data.get("started") == "yes" and "started_on" not in self.errors:
            day = data.get("started_on")
            if day is None:
                self.add_error("started_on", "Enter the date reablement started")
            elif day < self.referred_on:
                referred = date_format(self.referred_on, "j F Y")
                self.add_error("started_on", f"Start date must be on or after the referral, {referred}")
            elif day > self.today:
                self.add_error("started_on", "Start date must be today or in the past")
        if data.get("started") == "no" and not data.get("declined_reason", "").strip():
            self.add_error("declined_reason", "Enter why reablement did not go ahead")
        return data


class ReablementOutcomeForm(forms.Form):
    """How reablement ended; the outcome moves the case on."""

    reablement_outcome = forms.ChoiceField(
        label="How did reablement end?",
        choices=ReablementOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how reablement ended"},
    )
    outcome = forms.CharField(
        label="What it achieved for the person (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("reablement_outcome", legend_size=Size.MEDIUM),
            Field.textarea("outcome", rows=3),
            Submit("save", "Record the outcome"),
        )


# Far above any piece of equipment or adaptation: a figure past it is a slip of the keyboard.
MOST_AN_ITEM_COSTS = Decimal(100_000)
COST_INVALID = "Cost must be an amount of money, like 45 or 1,250.50"
PLAIN_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)")


class CostField(forms.CharField):
    """Pounds and pence as people type them ("£1,250.50"), to a Decimal; GOV.UK wording for every mistake."""

    def __init__(self, **kwargs):
        # GOV.UK: not type="number" (it mangles what people type and scrolls away with the mouse wheel).
        widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
        super().__init__(
            max_length=30, widget=widget, error_messages={"required": "Enter the cost"}, **kwargs
        )

    def clean(self, value):
        figure = super().clean(value).replace("£", "").replace(",", "").replace(" ", "")
        # Digits and a point only: Decimal alone would also take "NaN" and "1e400".
        if not PLAIN_NUMBER.fullmatch(figure):
            raise forms.ValidationError(COST_INVALID)
        cost = Decimal(figure)
        if cost < 0:
            raise forms.ValidationError("Cost must be £0 or more")
        if cost > MOST_AN_ITEM_COSTS:
            raise forms.ValidationError(f"Cost must be £{MOST_AN_ITEM_COSTS:,} or less")
        if cost != cost.quantize(Decimal("0.01")):
            raise forms.ValidationError("Cost must be in pounds and pence, like 45.99")
        return cost.quantize(Decimal("0.01"))


class EquipmentItemForm(forms.Form):
    """One piece of equipment or a minor adaptation, with what it costs."""

    description = forms.CharField(
        label="What is it?",
        help_text="For example, bath board, grab rails by the front door, stair rail",
        max_length=200,
        error_messages={"required": "Enter what the item is"},
    )
    kind = forms.ChoiceField(
        label="Is it equipment or a minor adaptation?",
        choices=EquipmentItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is equipment or a minor adaptation"},
    )
    cost = CostField(label="What does it cost?", help_text="In pounds, including fitting")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("description", field_width=Fluid.TWO_THIRDS),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.text("cost", field_width=10),
            Submit("add", "Add this item", css_class="govuk-button--secondary"),
        )
