"""Forms for the person record, with GOV.UK error wording."""

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size, Submit
from django import forms

from cases.govuk_fields import DateOfBirthField
from cases.identifiers import is_valid_nhs_number, is_valid_postcode, normalise_nhs_number, normalise_postcode
from cases.models import EnquiryOutcome, Person, RelationshipKind, User
from cases.selectors import search_people, workers_of
from cases.submissions import OnceOnlyField, fresh_token
from config.forms import govuk_helper


class PersonForm(forms.ModelForm):
    date_of_birth = DateOfBirthField(label="Date of birth", help_text="For example, 27 3 1948")
    # Wider than the stored values: people type spaces and dashes, which cleaning removes.
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        help_text="A 10 digit number, like 485 777 3456",
        max_length=20,
        required=False,
    )
    postcode = forms.CharField(max_length=12, error_messages={"required": "Enter postcode"})
    once = OnceOnlyField()
    # On the page (not in the layout) only when a new person looks like someone already on the record.
    not_a_duplicate = forms.BooleanField(label="None of these is the person: add them anyway", required=False)

    class Meta:
        model = Person
        fields = Person.DETAIL_FIELDS
        labels = {
            "preferred_name": "Preferred name (optional)",
            "address_line_2": "Address line 2 (optional)",
            "phone": "Phone number (optional)",
            "email": "Email address (optional)",
            "communication_needs": "Communication needs (optional)",
            "interpreter_language": "Interpreter language (optional)",
            "consent_to_share": "The person agrees that we may share their information with partners involved "
            "in their care",
        }
        help_texts = {
            "communication_needs": "For example, large print, British Sign Language, easy read, or a "
            "hearing loop",
        }
        error_messages = {
            "given_name": {"required": "Enter the person's first name"},
            "family_name": {"required": "Enter the person's last name"},
            "address_line_1": {"required": "Enter address line 1, typically the building and street"},
            "town": {"required": "Enter town or city"},
            "email": {"invalid": "Enter an email address in the correct format, like name@example.com"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("once", fresh_token())
        self.helper = govuk_helper(
            Fieldset(
                Field.text("given_name", field_width=Fluid.ONE_HALF),
                Field.text("family_name", field_width=Fluid.ONE_HALF),
                Field.text("preferred_name", field_width=Fluid.ONE_HALF),
                Field("date_of_birth"),
                Field.text("nhs_number", field_width=10),
                legend="About the person",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("address_line_1"),
                Field.text("address_line_2"),
                Field.text("town", field_width=Fluid.TWO_THIRDS),
                Field.text("postcode", field_width=10),
                legend="Address",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("phone", field_width=20),
                Field.text("email", field_width=Fluid.TWO_THIRDS),
                Field.textarea("communication_needs", rows=3),
                Field.text("interpreter_language", field_width=20),
                Field.checkbox("consent_to_share"),
                legend="Contact and communication",
                legend_size=Size.MEDIUM,
            ),
            Field("once"),
            Submit("save", "Save person"),
        )

    def clean_nhs_number(self) -> str:
        value = normalise_nhs_number(self.cleaned_data["nhs_number"])
        if value and not value.isdigit():
            raise forms.ValidationError("NHS number must only include numbers")
        if value and len(value) != 10:
            raise forms.ValidationError("NHS number must be 10 digits")
        if value and not is_valid_nhs_number(value):
            raise forms.ValidationError("Enter a valid NHS number: check the digits and try again")
        duplicate = Person.objects.filter(nhs_number=value).exclude(pk=self.instance.pk) if value else None
        if duplicate is not None and duplicate.exists():
            raise forms.ValidationError("Another person on the record already has this NHS number")
        return value

    def clean_postcode(self) -> str:
        value = normalise_postcode(self.cleaned_data["postcode"])
        if not is_valid_postcode(value):
            raise forms.ValidationError("Enter a full UK postcode, like NB1 2AB")
        return value


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.full_name}, born {person.date_of_birth:%-d %B %Y}, {person.postcode}"


class RelationshipForm(forms.Form):
    """Who supports a person, and how. The supporter is chosen from the people a search for `query` finds."""

    supporter = PersonChoiceField(queryset=Person.objects.none(), widget=forms.RadioSelect)
    kind = forms.ChoiceField(choices=RelationshipKind.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label="Notes (optional)", max_length=300, required=False)

    def __init__(self, *args, for_person: Person, query: str, **kwargs):
        super().__init__(*args, **kwargs)
        name = for_person.known_as
        # Any other person is a valid answer (the search may have changed since the page was shown); the radios
        # offer the people this search found.
        self.fields["supporter"].queryset = Person.objects.exclude(pk=for_person.pk)
        self.found = search_people(query, excluding=for_person) if query else Person.objects.none()
        self.fields["supporter"].label = f"Who supports {name}?"
        self.fields["supporter"].error_messages["required"] = f"Select the person who supports {name}"
        self.fields["supporter"].error_messages["invalid_choice"] = "Select one of the people found"
        self.fields["kind"].label = f"How do they support {name}?"
        self.fields["kind"].error_messages["required"] = f"Select how they support {name}"
        self.fields[
            "notes"
        ].help_text = "For example, visits daily, or holds the lasting power of attorney for finances"
        self.helper = govuk_helper(
            Field.radios("supporter", legend_size=Size.MEDIUM),
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.text("notes"),
            Submit("add", "Add to the record"),
        )

    def show_found_people(self) -> None:
        """Offer the search results as the choices when the form is shown (again)."""
        self.fields["supporter"].queryset = self.found


class EnquiryFinishedForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did the enquiry end?",
        choices=EnquiryOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the enquiry ended"},
    )
    note = forms.CharField(
        label="What the enquiry found and what was done",
        widget=forms.Textarea,
        error_messages={"required": "Enter what the enquiry found and what was done"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Field.textarea("note", rows=4),
            Submit("finish", "Record the enquiry as finished"),
        )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, worker) -> str:
        cases = f"{worker.open_cases} open case{'' if worker.open_cases == 1 else 's'}"
        return f"{worker.display_name} ({worker.get_role_display().lower()}, {cases})"


class AllocationForm(forms.Form):
    """Who in the case's team will work on it, and a note for them. `seen_worker` carries the worker the case
    had when the page was shown, so an allocation made meanwhile by someone else is not overwritten."""

    worker = WorkerChoiceField(queryset=User.objects.none(), widget=forms.RadioSelect)
    note = forms.CharField(
        label="Note for the worker (optional)",
        help_text="For example, what to do first, or when the person prefers visits",
        widget=forms.Textarea,
        max_length=500,
        required=False,
    )
    seen_worker = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        team = case.team.name if case.team else "the team"
        field = self.fields["worker"]
        field.queryset = workers_of(case.team)
        field.label = "Who will work on this case?"
        field.error_messages["required"] = "Select who will work on this case"
        field.error_messages["invalid_choice"] = f"Select a worker in {team}"
        self.helper = govuk_helper(
            Field.radios("worker", legend_size=Size.MEDIUM),
            Field.textarea("note", rows=3, max_characters=500),
            Field("seen_worker"),
            Submit("allocate", "Reallocate case" if case.allocated_worker_id else "Allocate case"),
        )

    def clean_seen_worker(self) -> int | None:
        value = self.cleaned_data["seen_worker"]
        return int(value) if value.isdigit() else None
