"""The pieces every GOV.UK form shares (config.forms)."""

from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Field, Submit
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


class _ContactForm(ErrorLinks, forms.Form):
    how = forms.ChoiceField(choices=[("phone", "Phone"), ("post", "Post")], widget=forms.RadioSelect)
    phone = forms.CharField(error_messages={"required": "Enter a phone number"})
    when = forms.ChoiceField(choices=[("am", "Morning"), ("pm", "Afternoon")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday"), ("tue", "Tuesday")], widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            ConditionalRadios("how", ConditionalQuestion("Phone", Field.text("phone")), "Post"),
            Field.radios("when"),
            Field.checkboxes("days"),
        )


def test_an_error_on_radios_or_checkboxes_is_linked_to_the_first_choice_shown():
    form = _ContactForm({"how": "", "phone": "", "when": "", "days": []})
    links = [href for href, _ in form.error_links()]
    assert links == ["#id_how_0", "#id_phone", "#id_when_1", "#id_days_1"]
    page = render_crispy_form(form)
    assert [href for href in links if f'id="{href[1:]}"' not in page] == []


def test_radios_a_page_lays_out_itself_are_linked_by_the_field_id():
    class Laid(ErrorLinks, forms.Form):
        when = forms.ChoiceField(choices=[("am", "Morning")], widget=forms.RadioSelect)

    assert Laid({}).error_links() == [("#id_when", "This field is required.")]


def test_a_form_lays_out_its_fields_and_leaves_the_form_tag_to_the_page():
    helper = govuk_helper(Field.text("name"), Submit("continue", "Continue"))
    assert helper.form_tag is False and helper.form_method == "post" and not helper.disable_csrf
    assert len(helper.layout.fields) == 2


def test_a_search_form_is_a_get_with_no_csrf_token_in_its_links():
    helper = govuk_helper(Field.text("q"), get=True)
    assert helper.form_method == "get" and helper.disable_csrf
