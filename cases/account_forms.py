"""Sign-in and password forms with GOV.UK wording."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from config.forms import govuk_helper


def _helper(*fields, button: str) -> FormHelper:
    return govuk_helper(*fields, Submit("submit", button))


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case sensitive.",
        "inactive": "This account has been closed. Ask your council admin to open it again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email address"
        self.fields["username"].error_messages["required"] = "Enter your username or email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.helper = _helper(Field.text("username", field_width=20), Field("password"), button="Sign in")


class GovukPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
            }
        )
        self.helper = _helper(Field.text("email", field_width=20), button="Send reset link")


class GovukSetPasswordForm(SetPasswordForm):
    new_password1 = forms.CharField(label="New password", widget=forms.PasswordInput, strip=False)
    new_password2 = forms.CharField(label="Confirm new password", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"
        self.helper = _helper(Field("new_password1"), Field("new_password2"), button="Change password")


class RegisterForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will send a link to this address to confirm it is yours",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password1 = forms.CharField(
        label="Create a password",
        help_text="At least 12 characters. A few words strung together are easy to remember and hard to guess",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Create a password"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.helper = _helper(
            Field.text("email", field_width=20),
            Field("password1"),
            Field("password2"),
            button="Create account",
        )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "The passwords do not match")
        return data
