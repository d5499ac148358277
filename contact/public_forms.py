"""The public "Contact adult social care" form: one question per page, GOV.UK wording, no account needed."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Size, Submit
from django import forms

from cases.public_forms import EMAIL_ERROR
from config.forms import govuk_helper
from contact.models import CallerKind, Profession


def _helper(*layout, button: str = "Continue") -> FormHelper:
    """Every page of the journey has one button, "Continue" unless said."""
    return govuk_helper(*layout, Submit("continue", button))


class WhoForm(forms.Form):
    caller_kind = forms.ChoiceField(
        label="Who are you?",
        choices=[
            (CallerKind.PERSON, "I need care and support myself"),
            (CallerKind.FAMILY, "I'm a relative, friend or unpaid carer of someone who needs support"),
            (CallerKind.PROFESSIONAL, "I'm a professional, such as a GP, nurse or care provider"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who you are"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("caller_kind", legend_size=Size.LARGE, legend_tag="h1"))


class UrgentForm(forms.Form):
    urgent = forms.ChoiceField(
        label="Is anyone in danger or at risk of harm right now?",
        help_text="For example, being hurt, neglected or abused, or unable to stay safe at home tonight",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if anyone is in danger or at risk of harm right now"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("urgent", legend_size=Size.LARGE, legend_tag="h1", inline=True))


class CallerForm(forms.Form):
    """About the sender, when they are not the person."""

    caller_name = forms.CharField(
        label="Your name", max_length=200, error_messages={"required": "Enter your name"}
    )
    caller_relationship = forms.CharField(
        label="Your relationship to them",
        help_text="For example, daughter or neighbour",
        max_length=100,
        required=False,
    )
    caller_profession = forms.ChoiceField(
        label="Your profession", choices=[("", ""), *Profession.choices], required=False
    )
    caller_organisation = forms.CharField(label="Your organisation", max_length=200, required=False)
    caller_phone = forms.CharField(
        label="Your phone number",
        help_text="Give a phone number, an email address or both",
        max_length=30,
        required=False,
    )
    caller_email = forms.EmailField(
        label="Your email address",
        help_text="We'll send your reference here",
        required=False,
        error_messages={"invalid": EMAIL_ERROR},
    )

    def __init__(self, *args, professional: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.professional = professional
        layout = [Field.text("caller_name", field_width=Fluid.TWO_THIRDS)]
        if professional:
            layout += [
                Field.select("caller_profession"),
                Field.text("caller_organisation", field_width=Fluid.TWO_THIRDS),
            ]
            del self.fields["caller_relationship"]
        else:
            layout.append(Field.text("caller_relationship", field_width=Fluid.ONE_HALF))
            del self.fields["caller_profession"], self.fields["caller_organisation"]
        layout += [
            Field.text("caller_phone", field_width=20),
            Field.text("caller_email", field_width=Fluid.TWO_THIRDS),
        ]
        self.helper = _helper(*layout)
        self.heading = "About you"

    def clean(self):
        data = super().clean()
        if self.professional and not data.get("caller_profession"):
            self.add_error("caller_profession", "Select your profession")
        if self.professional and not data.get("caller_organisation", "").strip():
            self.add_error("caller_organisation", "Enter your organisation")
        if (
            not data.get("caller_phone", "").strip()
            and not data.get("caller_email")
            and "caller_email" not in self.errors
        ):
            self.add_error(
                "caller_phone", "Enter a phone number or an email address so we can get back to you"
            )
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="What help is needed?",
        help_text="Tell us what is happening and what is hard to do day to day",
        widget=forms.Textarea,
        max_length=3000,
        error_messages={
            "required": "Enter what help is needed",
            "max_length": "What help is needed must be 3,000 characters or fewer",
        },
    )
    what_matters = forms.CharField(
        label="What matters most? (optional)",
        help_text="For example, staying in their own home, or getting out to see friends",
        widget=forms.Textarea,
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("reason", rows=6, max_characters=3000, label_size=Size.LARGE, label_tag="h1"),
            Field.textarea("what_matters", rows=3),
        )
        self.heading = ""


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label="Does the person agree to us sharing their information with those involved in their care?",
        help_text="Such as their GP, or a care provider we arrange",
        choices=[("given", "Yes"), ("refused", "No"), ("not_asked", "I don't know, or they cannot decide")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person agrees to us sharing their information"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("consent", legend_size=Size.LARGE, legend_tag="h1"))
