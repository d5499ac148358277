"""The contact wizard's steps, with GOV.UK error wording. Each step is short enough to fill in during a call."""

import datetime
import re
from decimal import Decimal

from crispy_forms_gds.layout import (
    HTML,
    ConditionalQuestion,
    ConditionalRadios,
    Div,
    Field,
    Fieldset,
    Fluid,
    Size,
    Submit,
)
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from cases.govuk_fields import NamedDateField
from config.forms import govuk_helper
from contact import rules
from contact.models import (
    CallerKind,
    Contact,
    EquipmentItem,
    FailureReason,
    OutcomeKind,
    Profession,
    ReablementOutcome,
    Referral,
    SafeguardingConcern,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


def _save_and_continue() -> Submit:
    return Submit("continue", "Save and continue")


CALL_FIELDS = [
    "channel",
    "caller_kind",
    "caller_name",
    "caller_relationship",
    "caller_profession",
    "caller_organisation",
    "caller_phone",
    "caller_email",
]
REASON_FIELDS = ["reason", "what_matters", "route_of_access", "risks", "immediate_risk"]
REPEAT_FIELDS = ["about_known_matter", "failure_reason", "failure_detail", "repeat_of"]
NEW_PERSON, NO_DETAILS = "new", "none"


def person_choice_label(person) -> str:
    """A person found by the search, as a choice: enough to tell two people with the same name apart."""
    label = f"{person.full_name}, born {person.date_of_birth:%-d %B %Y}, {person.postcode}"
    cases = [f"{case.reference} ({case.get_stage_display().lower()})" for case in person.open_cases]
    contacts = [
        f"{contact.reference} on {contact.started_at:%-d %b}: {Truncator(contact.reason).words(5)}"
        for contact in getattr(person, "recent_contacts", [])
    ]
    return "; ".join(
        [
            label,
            *(["consent to share given"] if person.consent_to_share else []),
            *([f"open case {', '.join(cases)}"] if cases else []),
            *([f"in touch {', '.join(contacts)}"] if contacts else []),
        ]
    )


class AboutForm(forms.ModelForm):
    """Who it is about and why, on one page: the person (found on the record, to be added, or no one), the
    caller, why they got in touch, and only what the record does not already hold: consent to share is asked
    when the person has not given it, and whether this is about something we know of only when the person has
    been in touch before."""

    who = forms.ChoiceField(
        label="Who is it about?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the contact is about, or that the caller gives no details"},
    )
    immediate_risk = forms.TypedChoiceField(
        label="Is anyone at risk of harm now?",
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if anyone is at risk of harm now"},
    )
    about_known_matter = forms.TypedChoiceField(
        label="Is this about something we already know of?",
        help_text="Something they or someone else has contacted us about before",
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )

    class Meta:
        model = Contact
        fields = [*CALL_FIELDS, *REASON_FIELDS, "consent", *REPEAT_FIELDS]
        labels = {
            "channel": "How did they get in touch?",
            "caller_kind": "Who is getting in touch?",
            "caller_name": "Caller's name (optional if it is the person)",
            "caller_relationship": "Their relationship to the person (optional)",
            "caller_profession": "Their profession (if a professional)",
            "caller_organisation": "Their organisation (if a professional)",
            "caller_phone": "Phone number to call back (optional)",
            "caller_email": "Email address (optional)",
            "reason": "Why are they getting in touch?",
            "what_matters": "What matters to the person (optional)",
            "route_of_access": "Where has the person come from?",
            "risks": "Risks (optional)",
            "consent": "Does the person agree to us sharing their information with those involved in their care?",
            "failure_reason": "Why did they have to get in touch again?",
            "failure_detail": "Anything more about why (optional)",
            "repeat_of": "Which earlier contact is it about? (optional)",
        }
        help_texts = {
            "caller_relationship": "For example, daughter, neighbour or friend",
            "reason": "In the caller's own words",
            "what_matters": "What they want to be able to do, in their words",
            "risks": "For example, falls, not eating, no heating, a carer who can no longer cope",
        }
        widgets = {
            "channel": forms.RadioSelect,
            "caller_kind": forms.RadioSelect,
            "route_of_access": forms.RadioSelect,
            "consent": forms.RadioSelect,
            "failure_reason": forms.RadioSelect,
            "repeat_of": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "channel": {"required": "Select how they got in touch"},
            "caller_email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
            "reason": {"required": "Enter why they are getting in touch"},
            "route_of_access": {"required": "Select where the person has come from"},
        }

    def __init__(
        self, *args, found=None, query="", ask_consent=True, earlier=(), phone_on_record="", **kwargs
    ):
        """`found`: the people a search found, to choose from (None when the contact is already about someone);
        `ask_consent`: the record does not hold the person's consent; `earlier`: the person's recent contacts,
        or a true value when they have been in touch before (the question is asked only then)."""
        super().__init__(*args, **kwargs)
        self.found = {str(person.pk): person for person in found or []}
        self.asks_person = found is not None
        self.asks_consent = ask_consent
        self.asks_repeat = bool(earlier) or any(p.has_earlier_contacts for p in self.found.values())
        for name in ("caller_kind", "reason", "route_of_access"):
            self.fields[name].required = True
        self.fields["caller_kind"].error_messages["required"] = "Select who is getting in touch"
        self.fields["caller_kind"].choices = CallerKind.choices
        for name in ("channel", "route_of_access", "consent"):
            self.fields[name].choices = Contact._meta.get_field(name).choices
        self.fields["failure_reason"].choices = FailureReason.choices
        self.fields["caller_profession"].choices = [("", "Choose their profession"), *Profession.choices]
        if phone_on_record:
            self.fields[
                "caller_phone"
            ].help_text = f"Leave empty if it is the person calling on the number we hold: {phone_on_record}"
        for name in ("immediate_risk", "about_known_matter"):
            value = getattr(self.instance, name)
            if value is not None:
                self.initial[name] = "yes" if value else "no"
        layout = []
        if self.asks_person:
            self.fields["who"].choices = [
                *((pk, person_choice_label(person)) for pk, person in self.found.items()),
                (NEW_PERSON, "Someone not on the record yet: add them next"),
                (NO_DETAILS, "The caller gives no details: advice only"),
            ]
            self.fields["who"].help_text = (
                f"Nobody on the record matches “{query}”"
                if query and not self.found
                else "Search first, so nobody is added twice"
                if not query
                else ""
            )
            if self.instance.anonymous:
                self.initial.setdefault("who", NO_DETAILS)
            elif (
                self.instance.person_id is None
                and self.instance.reason
                and not self.instance.submitted_details
            ):
                self.initial.setdefault("who", NEW_PERSON)  # saved before, as someone to add
            layout.append(Field.radios("who", legend_size=Size.MEDIUM, small=True))
        else:
            del self.fields["who"]
        layout += [
            Fieldset(
                Field.radios("channel", legend_size=Size.SMALL, small=True, inline=True),
                Field.radios("caller_kind", legend_size=Size.SMALL, small=True),
                Field.text("caller_name", field_width=Fluid.TWO_THIRDS),
                Field.text("caller_relationship", field_width=Fluid.ONE_HALF),
                Field.select("caller_profession"),
                Field.text("caller_organisation", field_width=Fluid.TWO_THIRDS),
                Field.text("caller_phone", field_width=20),
                Field.text("caller_email", field_width=Fluid.TWO_THIRDS),
                legend="The call",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("reason", rows=4),
                Field.textarea("what_matters", rows=2),
                Field.radios("route_of_access", legend_size=Size.SMALL, small=True),
                Field.textarea("risks", rows=2),
                Field.radios("immediate_risk", legend_size=Size.SMALL, inline=True, small=True),
                legend="Why they got in touch",
                legend_size=Size.MEDIUM,
            ),
        ]
        if ask_consent:
            if self.asks_person:
                self.fields[
                    "consent"
                ].help_text = "Not needed for someone whose consent to share is on the record"
            layout.append(Field.radios("consent", legend_size=Size.SMALL, small=True))
        else:
            del self.fields["consent"]
        recent = list(earlier) if not isinstance(earlier, bool) else []
        # Always on the page, empty when not asked: a search swapped in place swaps this in too, so the question
        # appears as soon as someone found has been in touch before.
        repeat = []
        if self.asks_repeat:
            if recent:
                repeat.append(
                    HTML(
                        '{% include "govuk/inset.html" with id="recent-contacts" text="They were last in touch with '
                        'us in the past 4 weeks. If this is about the same matter, choose it below." %}'
                    )
                )
            repeat += [
                Field.radios("about_known_matter", legend_size=Size.SMALL, inline=True, small=True),
                Field.radios("failure_reason", legend_size=Size.SMALL, small=True),
                Field.text("failure_detail"),
            ]
        else:
            for name in ("about_known_matter", "failure_reason", "failure_detail"):
                del self.fields[name]
        if recent:
            self.fields["repeat_of"].queryset = Contact.objects.filter(pk__in=[c.pk for c in recent])
            self.fields["repeat_of"].label_from_instance = lambda c: (
                f"{c.reference}, {c.completed_at:%-d %B %Y}: {c.reason[:80]}"
            )
            self.fields["repeat_of"].empty_label = None
            repeat.append(Field.radios("repeat_of", legend_size=Size.SMALL, small=True))
        else:
            del self.fields["repeat_of"]
        layout.append(Div(*repeat, css_id="repeat-questions"))
        self.helper = govuk_helper(*layout, _save_and_continue())

    @property
    def chosen_person(self):
        """The person chosen from those found; None for a new person or no details."""
        return self.found.get(self.cleaned_data.get("who", ""))

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
        who = data.get("who")
        someone = not self.asks_person or (who and who != NO_DETAILS)
        chosen = self.found.get(who or "")
        if (
            self.asks_consent
            and someone
            and not (chosen and chosen.consent_to_share)
            and not data.get("consent")
        ):
            self.add_error("consent", "Select whether the person agrees to us sharing their information")
        earlier = chosen.has_earlier_contacts if chosen else (not self.asks_person and self.asks_repeat)
        if earlier and data.get("about_known_matter") is None:
            self.add_error("about_known_matter", "Select yes if this is about something we already know of")
        if data.get("about_known_matter") and not data.get("failure_reason"):
            self.add_error("failure_reason", "Select why they had to get in touch again")
        if not earlier:
            # Nothing known to come back about: not failure demand.
            data["about_known_matter"] = False if someone else None
        if not data.get("about_known_matter"):
            data["failure_reason"], data["failure_detail"], data["repeat_of"] = "", "", None
        return data

    def contact_fields(self) -> dict:
        """What the page records on the contact (the person is set apart)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "who"}


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
        self.told_about_services = bool(contact.signposts.all())
        self.fields["kinds"].choices = [
            (k.value, k.label) for k in rules.allowed_outcomes(anonymous=self.anonymous)
        ]
        chosen = {outcome.kind: outcome.note for outcome in contact.outcomes.all()}
        # Services already told about are advice, whether or not it has been ticked yet.
        told = (
            [OutcomeKind.ADVICE.value] if contact.signposts.all() and OutcomeKind.ADVICE not in chosen else []
        )
        self.initial.setdefault("kinds", [*chosen, *told])
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
        self.helper = govuk_helper(
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
        if self.told_about_services and kinds:
            kinds.add(OutcomeKind.ADVICE)  # telling them about services is advice, ticked or not
            data["kinds"] = [kind for kind, _ in self.fields["kinds"].choices if kind in kinds]
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
        self.helper = govuk_helper(
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
        self.helper = govuk_helper(
            Field.radios("status", legend_size=Size.MEDIUM),
            Field.textarea("outcome", rows=3),
            Submit("save", "Save"),
        )

    def clean(self):
        data = super().clean()
        if data.get("status") in {"declined", "completed"} and not data.get("outcome", "").strip():
            self.add_error("outcome", "Enter the outcome, or why it was declined")
        return data


class ReablementStartForm(forms.Form):
    """Whether reablement started (and when), or why it did not go ahead."""

    started = forms.ChoiceField(
        label="Has reablement started?",
        choices=[("yes", "Yes"), ("no", "No, it did not go ahead")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether reablement has started"},
    )
    started_on = NamedDateField(
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
        self.helper = govuk_helper(
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
        self.helper = govuk_helper(
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
        self.helper = govuk_helper(
            Field.text("description", field_width=Fluid.TWO_THIRDS),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.text("cost", field_width=10),
            Submit("add", "Add this item", css_class="govuk-button--secondary"),
        )
