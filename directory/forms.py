"""The public search form, with GOV.UK error wording. It is a GET form: results are a link a person can share."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from config.forms import govuk_helper
from directory.geo import DEFAULT_RADIUS, Radius
from directory.models import Schedule
from directory.places import MalformedPostcode, Place, UnknownPostcode, find_place
from directory.selectors import ServiceSearch, category_terms


def _distances(*values: str) -> list[tuple[str, str]]:
    return [(radius.value, radius.label) for radius in map(Radius.parse, values)]


# Short walks to a short drive, in either unit; ORUK callers use metres through the API instead.
RADIUS_CHOICES = [
    ("Miles", _distances("1mi", "3mi", "5mi", "10mi", "25mi")),
    ("Kilometres", _distances("2km", "5km", "10km", "20km", "40km")),
]
COST_CHOICES = [("", "Free or paid"), ("free", "Free"), ("paid", "Paid for")]
DAY_CHOICES = [("", "Any day"), *Schedule.Weekday.choices]


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label="Search for a service",
        help_text="For example, lunch club, home care or benefits advice",
        max_length=200,
        required=False,
    )
    category = forms.MultipleChoiceField(
        label="Category",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select categories from the list"},
    )
    postcode = forms.CharField(
        label="Near a postcode",
        help_text="For example, NR1 3QQ or NR1",
        max_length=12,
        required=False,
    )
    radius = forms.TypedChoiceField(
        label="Within",
        choices=RADIUS_CHOICES,
        coerce=Radius.parse,
        required=False,
        initial=DEFAULT_RADIUS.value,
        error_messages={"invalid_choice": "Select a distance from the list"},
    )
    cost = forms.ChoiceField(
        label="Cost",
        choices=COST_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        initial="",
        error_messages={"invalid_choice": "Select free, paid for, or free or paid"},
    )
    day = forms.TypedChoiceField(
        label="Open on",
        choices=DAY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a day of the week from the list"},
    )
    include_not_running = forms.BooleanField(
        label="Include services not running at the moment or temporarily closed",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        radius = self.data.get("radius", "")
        if radius.isdigit():  # a link from before distances had units: a bare number is miles
            self.data = self.data.copy()
            self.data["radius"] = f"{radius}mi"
        self.fields["category"].choices = [(term.code, term.term) for term in category_terms()]
        # A GET form: no CSRF token, which would otherwise end up in every results link.
        self.helper = govuk_helper(
            Field.text("q", label_size=Size.SMALL),
            Field.text("postcode", label_size=Size.SMALL, field_width=10),
            Field.select("radius"),
            Field.checkboxes("category", legend_size=Size.SMALL, small=True),
            Field.radios("cost", legend_size=Size.SMALL, small=True),
            Field.select("day"),
            Fieldset(
                Field.checkbox("include_not_running", small=True), legend="Status", legend_size=Size.SMALL
            ),
            get=True,
        )

    def clean_postcode(self) -> Place | None:
        """Where to measure from: the postcode itself when we know it, else its district; None when not given."""
        typed = self.cleaned_data["postcode"].strip()
        if not typed:
            return None
        try:
            return find_place(typed)
        except MalformedPostcode:
            raise forms.ValidationError("Enter a real postcode, like NR1 3QQ") from None
        except UnknownPostcode as unknown:
            raise forms.ValidationError(f"We do not know the postcode area {unknown.outcode}") from None

    def search(self) -> ServiceSearch:
        """What to look for: call after is_valid(); an unbound form searches for everything."""
        data = self.cleaned_data if self.is_bound else {}
        return ServiceSearch(
            keyword=data.get("q", ""),
            categories=tuple(data.get("category") or ()),
            near=data.get("postcode"),
            radius=data.get("radius") or DEFAULT_RADIUS,
            cost=data.get("cost", ""),
            weekday=data.get("day"),
            include_not_running=data.get("include_not_running", False),
        )
