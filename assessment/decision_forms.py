"""The eligibility determination form: for each Care Act outcome, whether the person is unable to achieve it and
why; then the other two conditions. GOV.UK error wording; nothing typed is lost on an error."""

from django import forms

from assessment.models import UnableReason
from config.forms import ErrorLinks

YES_NO = [("yes", "Yes"), ("no", "No")]
YES = {"yes": True, "no": False}


def _yes_no(label: str, error: str, hint: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=YES_NO,
        coerce=YES.get,
        widget=forms.RadioSelect,
        error_messages={"required": error},
    )


class EligibilityForm(ErrorLinks, forms.Form):
    def __init__(self, *args, outcomes: list[tuple[str, str]], for_carer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        self.for_carer = for_carer
        for key, label in outcomes:
            self.fields[f"reasons_{key}"] = forms.MultipleChoiceField(
                label=label, choices=UnableReason.choices, required=False, widget=forms.CheckboxSelectMultiple
            )
            self.fields[f"notes_{key}"] = forms.CharField(
                label="Why (optional)",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if for_carer:
            self.fields["needs_from_condition"] = _yes_no(
                "Do the carer's needs come from providing necessary care to an adult?",
                "Select whether the carer's needs come from providing necessary care to an adult",
            )
            self.fields["carer_health_at_risk"] = _yes_no(
                "Is the carer's physical or mental health getting worse, or at risk of getting worse?",
                "Select whether the carer's health is getting worse or at risk of getting worse",
            )
        else:
            self.fields["needs_from_condition"] = _yes_no(
                "Do the needs come from a physical or mental impairment or illness?",
                "Select whether the needs come from a physical or mental impairment or illness",
            )
        self.fields["wellbeing_impact"] = _yes_no(
            "Do the needs have, or are they likely to have, a significant impact on their wellbeing?",
            "Select whether there is a significant impact on their wellbeing",
            hint="Think about each area of wellbeing in section 1 of the Care Act: dignity, health, protection from "
            "abuse, control over daily life, work and learning, relationships, home, contribution to society.",
        )
        self.fields["wellbeing_notes"] = forms.CharField(
            label="The impact on their wellbeing",
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def clean(self):
        data = super().clean()
        if data.get("wellbeing_impact") and not data.get("wellbeing_notes", "").strip():
            self.add_error("wellbeing_notes", "Describe the impact on their wellbeing")
        return data

    @property
    def outcome_rows(self):
        for key, label in self.outcomes:
            yield key, label, self[f"reasons_{key}"], self[f"notes_{key}"]

    def findings(self) -> dict[str, tuple[list[str], str]]:
        return {
            key: (self.cleaned_data[f"reasons_{key}"], self.cleaned_data[f"notes_{key}"])
            for key, _ in self.outcomes
        }


def initial_from(decision, findings) -> dict:
    initial = {}
    for finding in findings:
        initial[f"reasons_{finding.outcome}"] = list(finding.reasons)
        initial[f"notes_{finding.outcome}"] = finding.notes
    if decision is not None:
        initial["needs_from_condition"] = "yes" if decision.needs_from_condition else "no"
        if decision.carer_health_at_risk is not None:
            initial["carer_health_at_risk"] = "yes" if decision.carer_health_at_risk else "no"
        initial["wellbeing_impact"] = "yes" if decision.wellbeing_impact else "no"
        initial["wellbeing_notes"] = decision.wellbeing_notes
    return initial
