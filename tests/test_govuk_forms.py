"""The pieces every GOV.UK form shares (config.forms)."""

from crispy_forms_gds.layout import Field, Submit
from django import forms

from config.forms import ErrorLinks, error_links, govuk_helper


class _NameForm(ErrorLinks, forms.Form):
    name = forms.CharField(error_messages={"required": "Enter your name"})
    age = forms.IntegerField(required=False, error_messages={"invalid": "Age must be a number"})

    def clean(self):
        raise forms.ValidationError("Something about the whole form")


def test_the_error_summary_links_each_field_error_to_its_field_and_leaves_the_rest_to_the_page():
    form = _NameForm({"who-name": "", "who-age": "old"}, prefix="who")
    assert error_links(form) == [("#id_who-name", "Enter your name"), ("#id_who-age", "Age must be a number")]
    assert form.error_links() == error_links(form)
    assert form.non_field_errors() == ["Something about the whole form"]


def test_a_form_lays_out_its_fields_and_leaves_the_form_tag_to_the_page():
    helper = govuk_helper(Field.text("name"), Submit("continue", "Continue"))
    assert helper.form_tag is False and helper.form_method == "post" and not helper.disable_csrf
    assert len(helper.layout.fields) == 2


def test_a_search_form_is_a_get_with_no_csrf_token_in_its_links():
    helper = govuk_helper(Field.text("q"), get=True)
    assert helper.form_method == "get" and helper.disable_csrf
