"""Forms about a person for the public's pages, shared by the stages that ask the public about a person (the
contact form sent online, and a self-assessment sent to the council), so each asks the same questions the same
way."""

from crispy_forms_gds.layout import Field, Fluid, Submit
from django import forms

from cases.govuk_fields import DateOfBirthField
from cases.identifiers import is_valid_postcode, normalise_postcode
from config.forms import govuk_helper

EMAIL_ERROR = "Enter an email address in the correct format, like name@example.com"


class PersonDetailsForm(forms.Form):
    """About the person who needs support, as the public send it to us (the sender themselves, or someone
    else): the public contact form's page about the person, and the details a citizen sends with their
    self-assessment."""

    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter a first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter a last name"}
    )
    date_of_birth = DateOfBirthField(
        label="Date of birth (optional)", help_text="For example, 27 3 1948", required=False
    )
    address_line_1 = forms.CharField(label="Address line 1 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city (optional)", max_length=100, required=False)
    postcode = forms.CharField(
        label="Postcode", max_length=12, error_messages={"required": "Enter a postcode"}
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    email = forms.EmailField(
        label="Email address (optional)", required=False, error_messages={"invalid": EMAIL_ERROR}
    )

    def __init__(self, *args, about_self: bool, button: str = "Continue", **kwargs):
        super().__init__(*args, **kwargs)
        heading = "Your details" if about_self else "About the person who needs support"
        self.helper = govuk_helper(
            Field.text("given_name", field_width=Fluid.ONE_HALF),
            Field.text("family_name", field_width=Fluid.ONE_HALF),
            Field("date_of_birth"),
            Field.text("address_line_1"),
            Field.text("town", field_width=Fluid.ONE_HALF),
            Field.text("postcode", field_width=10),
            Field.text("phone", field_width=20),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Submit("continue", button),
        )
        self.heading = heading

    def clean_postcode(self) -> str:
        value = normalise_postcode(self.cleaned_data["postcode"])
        if not is_valid_postcode(value):
            raise forms.ValidationError("Enter a full UK postcode, like NR1 3QQ")
        return value
