"""Forms built from the questionnaire: one form per domain, used by every way in (phone, visit, online).

Nothing is required while an assessment is being filled in (a half-finished domain is saved as it stands);
what must be answered before it is completed is decided by `assessment.progress`. Every answer is still
checked on the server: an option must belong to its question."""

from django import forms

from assessment.progress import glossary_for
from assessment.services import TEXT_PARTS, DomainAnswers
from config.forms import ErrorLinks

NEEDS = {"yes": True, "no": False}
TEXT_LIMIT = 5000
TEXT_LABELS = {
    "person_words": None,  # the domain's own prompt
    "practitioner_notes": "Practitioner's notes",
    "carers_views": "What carers, family or others said",
}


def _question_field(question) -> str:
    return f"q_{question.key}"


class DomainForm(ErrorLinks, forms.Form):
    def __init__(self, domain, *args, glossary=(), response=None, answers=None, **kwargs):
        if response is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(domain, response, answers or {})
        super().__init__(*args, **kwargs)
        self.domain = domain
        self.questions = list(domain.questions.all())
        self.fields["has_needs"] = forms.ChoiceField(
            label=domain.screening_question,
            help_text=domain.screening_hint,
            choices=[("yes", domain.needs_label), ("no", domain.no_needs_label)],
            widget=forms.RadioSelect,
            required=False,
            error_messages={"invalid_choice": f"Select whether there are needs in {domain.title.lower()}"},
        )
        for question in self.questions:
            options = list(question.options.all())
            self.fields[_question_field(question)] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=[(str(option.pk), option.label) for option in options],
                coerce=int,
                required=False,
                error_messages={"invalid_choice": f"Select one of the answers to: {question.text}"},
            )
        for part in TEXT_PARTS:
            self.fields[part] = forms.CharField(
                label=TEXT_LABELS[part] or domain.words_prompt,
                required=False,
                max_length=TEXT_LIMIT,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": f"Write no more than {TEXT_LIMIT:,} characters"},
            )
        self.glossary = list(glossary)

    @property
    def question_rows(self):
        """(question, bound field, options, glossary terms it uses) for the template."""
        for question in self.questions:
            options = list(question.options.all())
            texts = [question.text, question.hint, *(o.label + " " + o.description for o in options)]
            yield question, self[_question_field(question)], options, glossary_for(texts, self.glossary)

    def _posted(self, name: str) -> bool:
        return self.add_prefix(name) in self.data

    def domain_answers(self) -> DomainAnswers:
        """What was posted, as a partial update: a field that was not sent leaves the saved value alone."""
        data = self.cleaned_data
        options = {
            question.pk: data[_question_field(question)]
            for question in self.questions
            if data.get(_question_field(question)) not in (None, "")
        }
        return DomainAnswers(
            has_needs=NEEDS.get(data.get("has_needs", "")),
            options=options,
            **{part: data[part] for part in TEXT_PARTS if self._posted(part)},
        )


def initial_for(domain, response, answers: dict) -> dict:
    """The saved answers as the form's starting values."""
    initial = {part: getattr(response, part) for part in TEXT_PARTS}
    if response.has_needs is not None:
        initial["has_needs"] = "yes" if response.has_needs else "no"
    for question in domain.questions.all():
        if question.pk in answers:
            initial[_question_field(question)] = str(answers[question.pk].pk)
    return initial


class AboutForm(forms.Form):
    reason = forms.CharField(
        label="Why the person asked for help",
        help_text="Carried over from the contact. Add to it rather than ask again.",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    what_matters = forms.CharField(
        label="What matters to the person", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea
    )
    risks = forms.CharField(
        label="Risks", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
