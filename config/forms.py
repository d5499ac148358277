"""What every GOV.UK form shares: the crispy-forms-gds helper, and the error summary's links to the fields."""

from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import ConditionalRadios, Layout
from django import forms


def govuk_helper(*layout, get: bool = False) -> FormHelper:
    """A crispy-forms-gds helper that lays out `layout`; the page writes the <form> tag itself (its action,
    the once-only key, htmx attributes). `get`: a search form, whose links must carry no CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    if get:
        helper.form_method = "get"
        helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


def _first_choices(form: forms.BaseForm) -> dict[str, int]:
    """The fields the form's crispy-forms-gds layout shows as radios or checkboxes, each with the number of its
    first choice, as crispy-forms-gds numbers them: from 0 for the radios of a conditional question, from 1
    otherwise. Nothing for a form whose page lays out its fields itself."""
    helper = getattr(form, "helper", None)
    found: dict[str, int] = {}

    def walk(parts) -> None:
        for part in parts:
            if isinstance(part, ConditionalRadios):
                found[part.field] = 0
                walk(part.choices)
            elif isinstance(part, str):
                field = form.fields.get(part)
                if field is not None and isinstance(
                    field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
                ):
                    found.setdefault(part, 1)
            else:
                walk(getattr(part, "fields", ()))

    if helper is not None and helper.layout is not None:
        walk(helper.layout.fields)
    return found


def error_links(form: forms.BaseForm) -> list[tuple[str, str]]:
    """(#field id, message) for each field's errors, for an error summary (`govuk/error_summary.html`): a field
    the form's layout shows as radios or checkboxes is linked to its first choice, so the link lands on something
    to choose. The page shows errors that belong to no field on their own."""
    first = _first_choices(form)
    return [
        (f"#id_{form[name].html_name}_{first[name]}" if name in first else f"#{form[name].auto_id}", error)
        for name, errors in form.errors.items()
        if name != forms.forms.NON_FIELD_ERRORS
        for error in errors
    ]


class ErrorLinks:
    """For a form a template asks for `form.error_links` (several forms on one page)."""

    def error_links(self) -> list[tuple[str, str]]:
        return error_links(self)


def money_field(
    label: str, *, hint: str = "", most: int = 10_000_000, required: bool = True
) -> forms.DecimalField:
    """An amount in pounds and pence, never negative, never absurd, with GOV.UK error wording."""
    return forms.DecimalField(
        label=label,
        help_text=hint,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(most),
        max_digits=12,
        decimal_places=2,
        # GOV.UK: not type="number" (it mangles what people type and scrolls away with the mouse wheel).
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "invalid": f"{label} must be an amount of money, like 120.50",
            "min_value": f"{label} must be £0 or more",
            "max_value": f"{label} must be £{most:,} or less",
            "max_decimal_places": f"{label} must be in pounds and pence, like 120.50",
            "max_digits": f"{label} must be £{most:,} or less",
        },
    )
