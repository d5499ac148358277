"""The item form of a carer's support plan: the plan's own item form, and who the support is for (the carer, or
someone the case's relationships record them as caring for), with that person's agreement."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from support_planning import carers, selectors
from support_planning.forms import ItemForm

FOR_THE_CARER = "carer"


class CarerItemForm(ItemForm):
    cared_for_id = forms.ChoiceField(
        label="Who is this support for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who this support is for"},
    )
    cared_for_agrees = forms.BooleanField(required=False)

    def __init__(self, *args, carer: str, cared_for: list[carers.CaredFor], **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial.get("cared_for_id") is None:
            self.initial["cared_for_id"] = FOR_THE_CARER
        self.cared_for = {str(person.pk): person for person in cared_for}
        self.fields["cared_for_id"].choices = [
            (FOR_THE_CARER, f"{carer}, as a carer"),
            *(
                (
                    pk,
                    f"{person.full_name}, whom {carer} cares for (replacement care or a sitting service, say)",
                )
                for pk, person in self.cared_for.items()
            ),
        ]
        names = " or ".join(person.full_name for person in cared_for) or "the person cared for"
        agreement = self.fields["cared_for_agrees"]
        agreement.label = f"{names} agrees to having this support"
        agreement.help_text = (
            f"Only for support to {names}. It needs their agreement. {carer} is not charged for it: any charge is "
            "theirs, under their own financial assessment."
        )
        first = 3  # after the hidden fields: who it is for is asked before how it is met
        self.helper.layout.insert(first, Field.radios("cared_for_id", legend_size=Size.MEDIUM))
        self.helper.layout.insert(first + 1, Field("cared_for_agrees"))

    def clean(self):
        data = super().clean()
        chosen = data.get("cared_for_id")
        if chosen in (None, FOR_THE_CARER):
            data["cared_for_id"], data["cared_for_agrees"] = None, False
            return data
        person = self.cared_for[chosen]
        data["cared_for_id"] = person.pk
        if not data.get("cared_for_agrees"):
            self.add_error(
                "cared_for_agrees",
                f"Confirm that {person.full_name} agrees to this support, or choose support for the carer",
            )
        return data


def item_form_for(plan) -> tuple[type[ItemForm], dict]:
    """The item form for the plan, with what it needs to be built: for a carer's plan, whom they care for."""
    if not plan.is_for_a_carer:
        return ItemForm, {}
    return CarerItemForm, {
        "carer": plan.case.person.known_as,
        "cared_for": selectors.people_cared_for(plan.case),
    }
