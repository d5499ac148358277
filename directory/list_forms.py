"""The form for emailing a saved list to yourself, with GOV.UK error wording."""

from crispy_forms_gds.layout import Field, Fluid, Size, Submit
from django import forms

from config.forms import govuk_helper


class EmailListForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will only use it to send you this list.",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.text(
                "email",
                label_size=Size.MEDIUM,
                field_width=Fluid.TWO_THIRDS,
                autocomplete="email",
                spellcheck="false",
            ),
            Submit("send", "Send the list"),
        )
