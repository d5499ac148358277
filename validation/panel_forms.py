"""The risk enablement panel's forms, with GOV.UK error text: a meeting, a referral, who comes, moving a referral
to another meeting, and the panel's decision with its actions."""

import datetime

from crispy_forms_gds.layout import HTML, Field, Fieldset, Size, Submit
from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone

from cases.govuk_fields import NamedDateField
from cases.templatetags.govuk_dates import govuk_time
from config.forms import ErrorLinks, govuk_helper
from validation import panel, panel_services
from validation.models import PanelAttendee, PanelDecision

WORDS = 4000
YES_NO = [("yes", "Yes"), ("no", "No")]


def _words(label: str, *, required_text: str, hint: str = "", required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=WORDS,
        widget=forms.Textarea,
        error_messages={
            "required": required_text,
            "max_length": f"{label} must be {WORDS:,} characters or fewer",
        },
    )


class MeetingForm(ErrorLinks, forms.Form):
    """When and where the panel meets: a date today or later, a time as people write it, a place or a link."""

    day = NamedDateField(
        what="The date of the meeting", label="Date", help_text="For example, 12 5 2026", required=False
    )
    time = forms.CharField(
        label="Time",
        help_text="For example, 10am, 2:30pm or 14:30",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    place = forms.CharField(
        label="Where it meets",
        help_text="A room and building. Leave it empty if the panel meets only online",
        max_length=200,
        required=False,
    )
    online_link = forms.URLField(
        label="Link to join online (optional)",
        help_text="Starting with https://",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a link to join online, like https://meet.example.org/panel"},
    )

    def __init__(self, *args, submit: str = "Arrange the meeting", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field("day"),
            Field.text("time", field_width=10),
            Field.text("place"),
            Field.text("online_link"),
            Submit("save", submit),
        )

    def clean(self):
        data = super().clean()
        day, typed = data.get("day"), (data.get("time") or "").strip()
        if "day" not in self.errors:
            if day is None:
                self.add_error("day", "Enter the date of the meeting")
            elif day < timezone.localdate():
                self.add_error("day", panel_services.PAST_DATE)
        moment = panel.time_typed(typed) if typed else None
        if not typed:
            self.add_error("time", "Enter the time of the meeting")
        elif moment is None:
            self.add_error("time", "Enter the time like 10am, 2:30pm or 14:30")
        if (
            not (data.get("place") or "").strip()
            and not data.get("online_link")
            and "online_link" not in self.errors
        ):
            self.add_error("place", panel_services.NO_PLACE)
        if day and moment and not self.errors:
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, moment))
        return data


def meeting_initial(meeting) -> dict:
    start = timezone.localtime(meeting.starts_at)
    return {
        "day": start.date(),
        "time": govuk_time(start),
        "place": meeting.place,
        "online_link": meeting.online_link,
    }


WHOLE_PLAN = "plan"


class ReferralForm(ErrorLinks, forms.Form):
    """What goes to the panel (the whole plan or one of its risks), the question it is to decide, whether the
    person wishes to come, and who comes with them."""

    about = forms.ChoiceField(
        label="What should the panel look at?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the risk, or the whole plan",
            "invalid_choice": "Select the risk",
        },
    )
    question = _words(
        "What should the panel decide?",
        required_text=panel_services.NO_QUESTION,
        hint="The question, in a sentence: for example, whether they can keep cooking on their own with a "
        "gas cut-off valve fitted",
    )
    person_attends = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=YES_NO,
        error_messages={"required": "Select whether they want to come to the panel"},
    )
    others = forms.CharField(
        label="Family, friends or a representative coming with them (optional)",
        help_text="One a line, with who they are: for example, Ann Ellis, daughter",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": "Names must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, risks, whole_plan: bool = True, known_as: str, **kwargs):
        """`risks`: those that may go to the panel now; `whole_plan`: unless the whole plan waits for it already."""
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [
            *((str(risk.pk), f"The risk: “{risk.in_my_words}”") for risk in risks),
            *([(WHOLE_PLAN, "The whole plan")] if whole_plan else []),
        ]
        self.fields["person_attends"].label = f"Does {known_as} want to come to the panel?"
        self.fields[
            "person_attends"
        ].help_text = "They can come with family, a friend or someone to speak for them"
        self.fields["person_attends"].error_messages["required"] = (
            f"Select whether {known_as} wants to come to the panel"
        )
        self.helper = govuk_helper(
            Field.radios("about", legend_size=Size.MEDIUM),
            Field.textarea("question", rows=3, max_characters=WORDS),
            Field.radios("person_attends", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("others", rows=3),
            Submit("refer", "Refer to the panel"),
        )

    @property
    def risk_id(self) -> int | None:
        about = self.cleaned_data["about"]
        return None if about == WHOLE_PLAN else int(about)

    @property
    def others_named(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["others"].splitlines() if line.strip()]


class AttendeeForm(ErrorLinks, forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="And who they are, if it helps: for example, Jo Patel, occupational therapist",
        max_length=200,
        error_messages={
            "required": "Enter the name of who is coming",
            "max_length": "Keep it to 200 characters",
        },
    )
    kind = forms.ChoiceField(
        label="Who are they?",
        choices=[(k, label) for k, label in PanelAttendee.Kind.choices if k != PanelAttendee.Kind.PERSON],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who they are"},
    )
    attends = forms.ChoiceField(
        label="Are they coming?",
        choices=YES_NO,
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they are coming"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = govuk_helper(
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.radios("attends", legend_size=Size.SMALL, inline=True),
            Submit("add", "Add to the list", css_class="govuk-button--secondary"),
        )


class MoveForm(ErrorLinks, forms.Form):
    meeting = forms.TypedChoiceField(
        label="Which meeting?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a meeting", "invalid_choice": "Select a meeting"},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            (meeting.pk, panel_services.when_and_where(meeting)) for meeting in meetings
        ]
        self.helper = govuk_helper(
            Field.radios("meeting", legend_size=Size.MEDIUM), Submit("move", "Move the referral")
        )


ACTION_ROWS = 2
MOST_ACTIONS = 12


class DecisionForm(ErrorLinks, forms.Form):
    """The panel's decision: its outcome, its reasons, and actions (what, who, by when), a few rows at a time;
    "Add another action" gives one more row without JavaScript and keeps everything typed."""

    outcome = forms.ChoiceField(
        label="What did the panel decide?",
        choices=PanelDecision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel’s decision"},
    )
    reasons = _words(
        "The panel’s reasons",
        required_text=panel_services.NO_REASONS,
        hint="What the panel weighed, and why it decided as it did. The person can read this",
    )
    rows = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MOST_ACTIONS, required=False)

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        rows = ACTION_ROWS
        if self.is_bound:
            asked = str(self.data.get("rows", "")).strip()
            rows = min(max(int(asked), 1), MOST_ACTIONS) if asked.isdigit() else ACTION_ROWS
            rows = min(rows + (1 if adding else 0), MOST_ACTIONS)
        self.rows = rows
        self.initial["rows"] = rows
        if self.is_bound:
            self.data = self.data.copy()
            self.data["rows"] = str(rows)
        if adding:
            self._errors = ErrorDict()  # a row added: what was typed is shown again, not judged yet
        actions = []
        for number in range(1, rows + 1):
            self.fields[f"what_{number}"] = forms.CharField(
                label="What is to be done",
                max_length=500,
                required=False,
                error_messages={"max_length": f"Action {number} must be 500 characters or fewer"},
            )
            self.fields[f"who_{number}"] = forms.CharField(
                label="Who does it", max_length=200, required=False
            )
            self.fields[f"by_{number}"] = NamedDateField(
                what=f"The date for action {number}",
                label="By when",
                help_text="For example, 30 6 2026",
                required=False,
            )
            actions.append(
                Fieldset(
                    Field.text(f"what_{number}"),
                    Field.text(f"who_{number}", field_width=20),
                    Field(f"by_{number}"),
                    legend=f"Action {number}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper = govuk_helper(
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Field.textarea("reasons", rows=5, max_characters=WORDS),
            HTML(
                '<h2 class="govuk-heading-m">Actions</h2><p class="govuk-body">What is to be done, who does it '
                "and by when. Leave a row empty if it is not needed; a decision with changes needs at least "
                "one.</p>"
            ),
            *actions,
            "rows",
            HTML(
                '<div class="govuk-button-group">'
                '<button type="submit" name="add_action" value="yes" class="govuk-button govuk-button--secondary" '
                'data-module="govuk-button">Add another action</button></div>'
                if rows < MOST_ACTIONS
                else ""
            ),
            Submit("decide", "Record the decision"),
        )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        actions = []
        for number in range(1, self.rows + 1):
            what = (data.get(f"what_{number}") or "").strip()
            who = (data.get(f"who_{number}") or "").strip()
            by = data.get(f"by_{number}")
            if f"by_{number}" in self.errors:
                continue
            if not (what or who or by):
                continue
            if not what:
                self.add_error(f"what_{number}", f"Enter what action {number} is")
            if not who:
                self.add_error(f"who_{number}", f"Enter who does action {number}")
            if by is None:
                self.add_error(f"by_{number}", f"Enter the date action {number} is due by")
            elif by < today:
                self.add_error(f"by_{number}", f"The date for action {number} must be today or in the future")
            actions.append({"what": what, "who": who, "by": by})
        if (
            data.get("outcome") == PanelDecision.Outcome.ACCEPTED_WITH_CHANGES
            and not actions
            and "what_1" not in self.errors
        ):
            self.add_error("what_1", panel_services.CHANGES_NEED_ACTIONS)
        data["actions"] = actions
        return data
