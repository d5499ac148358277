"""Forms for curating the directory, and the public's "suggest a correction", with GOV.UK error wording."""

import re
import uuid

from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Size, Submit
from django import forms

from config.forms import govuk_helper
from directory.curation import LISTING_VIEWS, Opening, parse_clock
from directory.models import Schedule, Service, Suggestion, TaxonomyTerm
from directory.places import MalformedPostcode, UnknownPostcode, find_place
from directory.templatetags.directory_tags import clock


class ListingFilterForm(forms.Form):
    """The editors' list: a GET form, so a filtered list is a link."""

    q = forms.CharField(label="Service or organisation name", max_length=200, required=False)
    view = forms.ChoiceField(label="Show", choices=list(LISTING_VIEWS.items()), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(Field.text("q", label_size=Size.SMALL), Field.select("view"))
        self.helper.disable_csrf = True

    def wanted(self) -> tuple[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("q", "").strip(), data.get("view") or "all"


class ServiceDetailsForm(forms.ModelForm):
    organization_name = forms.CharField(
        label="Organisation that runs it",
        help_text="If it is not in the directory yet, it is added",
        max_length=200,
        error_messages={"required": "Enter the name of the organisation that runs the service"},
    )
    is_free = forms.TypedChoiceField(
        label="Is it free?",
        choices=[("yes", "Yes, it is free"), ("no", "No, people pay for it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the service is free"},
    )
    terms = forms.ModelMultipleChoiceField(
        label="Categories",
        help_text="Select all that apply",
        queryset=TaxonomyTerm.objects.order_by("term"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    url = forms.URLField(
        label="Website (optional)",
        assume_scheme="https",
        max_length=200,
        required=False,
        error_messages={
            "invalid": "Enter a website address in the correct format, like https://www.example.org"
        },
    )
    # The new listing's identifier, fixed when the form is first shown: pressing Save twice saves one listing.
    listing_uuid = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "url",
            "email",
            "status",
            "fees_description",
            "eligibility_description",
        ]
        labels = {
            "name": "Service name",
            "description": "What the service does",
            "url": "Website (optional)",
            "email": "Email address (optional)",
            "status": "Is it running?",
            "fees_description": "What it costs (optional)",
            "eligibility_description": "Who it is for (optional)",
        }
        help_texts = {
            "description": "In plain words, as the people who use it would say it",
            "fees_description": "For example, £4.50 for a two-course lunch",
            "eligibility_description": "For example, people over 60 who live in Norwich",
        }
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter the service's name"},
            "description": {"required": "Enter what the service does"},
            "url": {"invalid": "Enter a website address in the correct format, like https://www.example.org"},
            "email": {"invalid": "Enter an email address in the correct format, like name@example.com"},
            "status": {"required": "Select whether the service is running"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["status"].choices = Service.Status.choices
        if self.instance.pk:
            self.initial.setdefault("organization_name", self.instance.organization.name)
            self.initial.setdefault("is_free", "yes" if self.instance.is_free else "no")
            self.initial.setdefault("terms", list(self.instance.terms.all()))
        else:
            self.initial.setdefault("listing_uuid", uuid.uuid4())
            self.initial.setdefault("status", Service.Status.ACTIVE)
        self.helper = govuk_helper(
            Fieldset(
                Field.text("name"),
                Field.text("organization_name"),
                Field.textarea("description", rows=5),
                Field.text("url"),
                Field.text("email", field_width=Fluid.TWO_THIRDS),
                Field.radios("status", legend_size=Size.SMALL),
                legend="About the service",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("is_free", legend_size=Size.SMALL, inline=True),
                Field.textarea("fees_description", rows=2),
                Field.textarea("eligibility_description", rows=2),
                legend="Cost and who it is for",
                legend_size=Size.MEDIUM,
            ),
            Field.checkboxes("terms", legend_size=Size.MEDIUM, small=True),
            Field("listing_uuid"),
            Submit("save", "Save listing"),
        )

    def clean(self):
        data = super().clean()
        if data.get("is_free") is False and not data.get("fees_description", "").strip():
            self.add_error("fees_description", "Enter what the service costs")
        return data

    def details(self) -> dict:
        return {field: self.cleaned_data[field] for field in [*self.Meta.fields, "is_free"]}


_PHONE = re.compile(r"^\+?[0-9 ()-]+$")


def _phone_number(value: str) -> str:
    number = " ".join(value.split())
    if not number:
        return ""
    if not _PHONE.match(number) or not 10 <= len(re.sub(r"\D", "", number)) <= 13:
        raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
    return number


class PhonesForm(forms.Form):
    """Up to three numbers: more than that confuses people more than it helps them."""

    SLOTS = 3

    def __init__(self, *args, phones=(), **kwargs):
        super().__init__(*args, **kwargs)
        layout = []
        for slot in range(1, self.SLOTS + 1):
            self.fields[f"number_{slot}"] = forms.CharField(
                label="Phone number" if slot == 1 else f"Phone number {slot} (optional)",
                max_length=30,
                required=slot == 1,
                error_messages={"required": "Enter a phone number"},
            )
            self.fields[f"description_{slot}"] = forms.CharField(
                label="What it is for (optional)",
                help_text="For example, bookings, or out of hours",
                max_length=200,
                required=False,
            )
            layout.append(
                Fieldset(
                    Field.text(f"number_{slot}", field_width=20),
                    Field.text(f"description_{slot}", field_width=Fluid.TWO_THIRDS),
                    legend=f"Number {slot}",
                    legend_size=Size.SMALL,
                )
            )
        for slot, phone in enumerate(phones, start=1):
            if slot <= self.SLOTS:
                self.initial[f"number_{slot}"] = phone.number
                self.initial[f"description_{slot}"] = phone.description
        self.helper = govuk_helper(*layout, Submit("save", "Save phone numbers"))

    def clean(self):
        data = super().clean()
        for slot in range(1, self.SLOTS + 1):
            name = f"number_{slot}"
            if name in data:
                try:
                    data[name] = _phone_number(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
            if data.get(f"description_{slot}") and not data.get(name) and name not in self.errors:
                self.add_error(name, "Enter the phone number this description is for")
        return data

    def phones(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data[f"number_{slot}"], self.cleaned_data[f"description_{slot}"].strip())
            for slot in range(1, self.SLOTS + 1)
        ]


class LocationForm(forms.Form):
    name = forms.CharField(
        label="Name of the place (optional)",
        help_text="For example, St Augustine's Community Hall",
        max_length=200,
        required=False,
    )
    address_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter address line 1, typically the building and street"},
    )
    address_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    city = forms.CharField(
        label="Town or city", max_length=100, error_messages={"required": "Enter town or city"}
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="Distances in searches are measured from here",
        max_length=12,
        error_messages={"required": "Enter postcode"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.text("name"),
            Field.text("address_1"),
            Field.text("address_2"),
            Field.text("city", field_width=Fluid.TWO_THIRDS),
            Field.text("postcode", field_width=10),
            Submit("save", "Save address"),
        )

    def clean_postcode(self):
        try:
            return find_place(self.cleaned_data["postcode"])
        except MalformedPostcode as error:
            raise forms.ValidationError("Enter a real postcode, like NR1 3QQ") from error
        except UnknownPostcode as error:
            raise forms.ValidationError(f"We do not know the postcode area {error.outcode}") from error

    def address(self) -> dict:
        return {
            field: self.cleaned_data[field].strip() for field in ("name", "address_1", "address_2", "city")
        }


class OpeningTimesForm(forms.Form):
    """One pair of times per day; a day left empty is a day it is closed."""

    note = forms.CharField(
        label="Anything else about opening times (optional)",
        help_text="For example, closed on bank holidays, or term time only",
        max_length=200,
        required=False,
    )

    def __init__(self, *args, schedules=(), **kwargs):
        super().__init__(*args, **kwargs)
        days = []
        for day in Schedule.Weekday:
            for end in ("opens", "closes"):
                self.fields[f"{end}_{day.value}"] = forms.CharField(
                    # Short labels so the two boxes line up day after day; the fieldset's legend names the day, as
                    # in GOV.UK's date input.
                    label=end.capitalize(),
                    max_length=10,
                    required=False,
                )
            days.append(
                Fieldset(
                    Field.text(f"opens_{day.value}", field_width=5),
                    Field.text(f"closes_{day.value}", field_width=5),
                    legend=day.label,
                    legend_size=Size.SMALL,
                    css_class="fd-opening-day",
                )
            )
        for schedule in schedules:
            # Written as the hint asks for them: 9am, 5:30pm.
            self.initial[f"opens_{schedule.weekday}"] = clock(schedule.opens_at)
            self.initial[f"closes_{schedule.weekday}"] = clock(schedule.closes_at)
            self.initial["note"] = schedule.description
        self.helper = govuk_helper(
            HTML(
                '<p class="govuk-body">Use times like 9am, 1:30pm or 17:00. Leave a day empty if it is closed.</p>'
            ),
            *days,
            Field.text("note"),
            Submit("save", "Save opening times"),
        )

    def clean(self):
        data = super().clean()
        self.openings: list[Opening] = []
        for day in Schedule.Weekday:
            opens_name, closes_name = f"opens_{day.value}", f"closes_{day.value}"
            opens_text, closes_text = data.get(opens_name, "").strip(), data.get(closes_name, "").strip()
            if not opens_text and not closes_text:
                continue
            opens, closes = parse_clock(opens_text), parse_clock(closes_text)
            for name, text, time, what in (
                (opens_name, opens_text, opens, "opens"),
                (closes_name, closes_text, closes, "closes"),
            ):
                if not text:
                    self.add_error(name, f"Enter the time it {what} on {day.label}")
                elif time is None:
                    self.add_error(name, f"Enter the time it {what} on {day.label} like 9am, 1:30pm or 17:00")
            if opens and closes:
                if closes <= opens:
                    self.add_error(
                        closes_name, f"The closing time on {day.label} must be after the opening time"
                    )
                else:
                    self.openings.append(Opening(day.value, opens, closes))
        return data


class SuggestionForm(forms.Form):
    topic = forms.ChoiceField(
        label="What needs correcting?",
        choices=Suggestion.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what needs correcting"},
    )
    details = forms.CharField(
        label="What is wrong, and what should it say?",
        help_text="Tell us what is right, if you know. Do not include anyone's personal details.",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter what is wrong with the listing",
            "max_length": "What is wrong with the listing must be 2,000 characters or fewer",
        },
    )
    name = forms.CharField(label="Your name (optional)", max_length=200, required=False)
    email = forms.EmailField(
        label="Your email address (optional)",
        help_text="Only if you are happy for us to ask you about it",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.radios("topic", legend_size=Size.MEDIUM),
            Field.textarea("details", rows=5, max_characters=2000),
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Submit("send", "Send correction"),
        )


class ResolveSuggestionForm(forms.Form):
    status = forms.ChoiceField(
        label="What did you do?",
        choices=[
            (Suggestion.Status.ACTED_ON, "I corrected the listing"),
            (Suggestion.Status.SET_ASIDE, "No change was needed"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you did about the suggestion"},
    )
    note = forms.CharField(label="Note (optional)", max_length=1000, required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.radios("status", legend_size=Size.SMALL),
            Field.textarea("note", rows=2),
            Submit("resolve", "Save"),
        )
