"""The front door measures page, for managers: headline figures, then a chart of each measure with the same
figures as a table.

Charts are the shared SVG bar charts with their tables (config.charts, templates/charts/bar_chart.html).
"""

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from cases.models import Team
from config.access import requires
from config.charts import Bar, bar_chart, listed
from config.figures import Tally, days_text, percent, rate
from contact import rules
from contact.measures import (
    DEFAULT_WEEKS,
    PERIODS,
    Measures,
    Period,
    Week,
    front_door_measures,
)
from contact.models import Channel, OutcomeKind
from contact.views import QUEUES

WEEK_LABEL_WIDTH = 100  # "30 Sep 2025" in 16px Arial, with room to spare


def _week(week: Week) -> str:
    return date_format(week.start, "j M Y")


def _contacts(count: int) -> str:
    return f"{count} contact{'' if count == 1 else 's'}"


def _share(count: int, whole: int) -> str:
    return f"{count} ({percent(rate(count, whole))})"


def _weekly_summary(weeks: list[Week], value, text) -> str:
    """Too many weeks to read out one by one: the busiest and the quietest, and where to find the rest."""
    busiest, quietest = max(weeks, key=value), min(weeks, key=value)
    return (
        f"{len(weeks)} weeks. Highest: the week starting {_week(busiest)}, {text(busiest)}. "
        f"Lowest: the week starting {_week(quietest)}, {text(quietest)}. Every week is in the table below."
    )


def contacts_per_week_chart(measures: Measures) -> dict:
    weeks = measures.contacts.weeks
    channels = Channel.choices
    return bar_chart(
        key="contacts-per-week",
        title="Contacts each week",
        summary=f"Bar chart of contacts completed each week. {measures.contacts.total} in all over "
        + _weekly_summary(weeks, lambda week: week.contacts, lambda week: _contacts(week.contacts)),
        bars=[Bar(_week(week), week.contacts, str(week.contacts)) for week in weeks],
        label_width=WEEK_LABEL_WIDTH,
        table={
            "caption": "Contacts each week, by channel",
            "head": ["Week starting", *(label for _, label in channels), "All channels"],
            "rows": [
                [
                    _week(week),
                    *(str(week.by_channel[key]) for key, _ in channels),
                    str(week.contacts),
                ]
                for week in weeks
            ],
        },
    )


def tally_chart(*, key: str, title: str, what: str, tallies: list[Tally], whole: int) -> dict:
    bars = [Bar(tally.label, tally.count, _share(tally.count, whole)) for tally in tallies]
    return bar_chart(
        key=key,
        title=title,
        summary=f"Bar chart of {title[0].lower()}{title[1:]}, out of {whole}. {listed(bars)}",
        bars=bars,
        table={
            "caption": title,
            "head": [what, "Contacts", "Share"],
            "rows": [[tally.label, str(tally.count), percent(rate(tally.count, whole))] for tally in tallies],
        },
    )


def resolved_per_week_chart(measures: Measures) -> dict:
    weeks = measures.contacts.weeks

    def text(week: Week) -> str:
        if not week.contacts:
            return "no contacts"
        return f"{percent(week.resolved_rate)} ({week.resolved} of {week.contacts})"

    with_contacts = [week for week in weeks if week.contacts]
    return bar_chart(
        key="resolved-per-week",
        title="Resolved at first contact each week",
        summary="Bar chart of the share of contacts resolved at first contact each week. "
        + _weekly_summary(with_contacts, lambda week: week.resolved_rate, text),
        bars=[Bar(_week(week), (week.resolved_rate or 0) * 100, text(week)) for week in weeks],
        top=100,
        label_width=WEEK_LABEL_WIDTH,
        table={
            "caption": "Resolved at first contact each week",
            "head": ["Week starting", "Contacts", "Resolved at first contact", "Share"],
            "rows": [
                [
                    _week(week),
                    str(week.contacts),
                    str(week.resolved),
                    percent(week.resolved_rate),
                ]
                for week in weeks
            ],
        },
    )


def referrals_chart(measures: Measures) -> dict:
    def text(referral) -> str:
        if not referral.decided:
            return f"none decided yet ({referral.waiting} waiting)"
        return f"{percent(referral.acceptance_rate)} ({referral.accepted} of {referral.decided})"

    bars = [
        Bar(referral.label, (referral.acceptance_rate or 0) * 100, text(referral))
        for referral in measures.referrals
    ]
    return bar_chart(
        key="referrals",
        title="Referrals accepted of those decided, by where they went",
        summary=f"Bar chart of the share of decided referrals that were accepted, for each destination. {listed(bars)}",
        bars=bars,
        top=100,
        table={
            "caption": "Referrals by where they went, and where they stand now",
            "head": [
                "Referred for",
                "Made",
                "Accepted",
                "Declined",
                "Still waiting",
                "Accepted of those decided",
            ],
            "rows": [
                [
                    referral.label,
                    str(referral.made),
                    str(referral.accepted),
                    str(referral.declined),
                    str(referral.waiting),
                    percent(referral.acceptance_rate),
                ]
                for referral in measures.referrals
            ],
        },
    )


def next_steps_chart(measures: Measures) -> dict:
    bars = [Bar(step.label, step.median_days, days_text(step.median_days)) for step in measures.next_steps]
    return bar_chart(
        key="next-step",
        title="Time from contact to the case's next step (median)",
        summary=f"Bar chart of the median time from a contact to the case's next step, by that step. {listed(bars)}",
        bars=bars,
        table={
            "caption": "Time from contact to the case's next step",
            "head": ["Next step", "Contacts", "Median (half waited less)", "9 in 10 waited less than"],
            "rows": [
                [step.label, str(step.contacts), days_text(step.median_days), days_text(step.p90_days)]
                for step in measures.next_steps
            ],
        },
    )


# Outcomes as a manager would say them, where the adviser's label is longer than a sentence needs.
SPOKEN_OUTCOMES = {OutcomeKind.ADVICE: "advice and signposting", OutcomeKind.EQUIPMENT: "equipment"}


def resolving_outcomes() -> str:
    """The outcomes that settle a contact, from the rule itself, as words: "advice, telecare or no further action"."""
    spoken = [
        SPOKEN_OUTCOMES.get(kind, kind.label.lower()) for kind in OutcomeKind if kind in rules.RESOLVING
    ]
    return f"{', '.join(spoken[:-1])} or {spoken[-1]}" if len(spoken) > 1 else "".join(spoken)


def headlines(measures: Measures) -> list[dict]:
    contacts = measures.contacts
    return [
        {
            "label": "Contacts",
            "figure": str(contacts.total),
            "explanation": "Contacts advisers completed in this period, on every channel.",
        },
        {
            "label": "Resolved at first contact",
            "figure": percent(contacts.resolved_rate),
            "explanation": "Contacts settled there and then: everything that came of them was "
            f"{resolving_outcomes()}, and they were not about something we already knew of.",
        },
        {
            "label": "Failure demand",
            "figure": percent(contacts.failure_rate),
            "explanation": "Contacts about something we already knew of: people coming back because something "
            "was slow or went wrong.",
        },
        {
            "label": "Referrals accepted",
            "figure": percent(measures.referral_acceptance_rate),
            "explanation": "Of the referrals from these contacts that have been decided, the share the team "
            "they went to accepted.",
        },
    ]


def this_week_so_far(measures: Measures) -> list[dict]:
    """The week under way, from Monday to now: apart from the whole weeks, so it is never read as a quiet one."""
    week = measures.contacts.this_week
    return [
        {"label": "Contacts", "figure": str(week.contacts)},
        {"label": "Resolved at first contact", "figure": percent(week.resolved_rate)},
        {"label": "Failure demand", "figure": percent(week.failure_rate)},
    ]


def charts(measures: Measures) -> dict:
    contacts = measures.contacts
    return {
        "contacts_per_week": contacts_per_week_chart(measures),
        "by_channel": tally_chart(
            key="channel",
            title="Contacts by channel",
            what="Channel",
            tallies=contacts.by_channel,
            whole=contacts.total,
        ),
        "by_route": tally_chart(
            key="route",
            title="Contacts by route of access",
            what="Route of access",
            tallies=contacts.by_route,
            whole=contacts.total,
        ),
        "resolved_per_week": resolved_per_week_chart(measures),
        "failure_reasons": tally_chart(
            key="failure-reasons",
            title="Failure demand by reason",
            what="Why they came back",
            tallies=measures.failure_reasons,
            whole=contacts.known_matter,
        )
        if measures.failure_reasons
        else None,
        "referrals": referrals_chart(measures) if measures.referrals else None,
        "next_steps": next_steps_chart(measures) if measures.next_steps else None,
    }


def _chosen_weeks(request) -> int:
    weeks = request.GET.get("weeks", "")
    return int(weeks) if weeks in {str(choice) for choice in PERIODS} else DEFAULT_WEEKS


@requires("contact.view_measures")
@require_GET
def contact_measures(request):
    """How the front door is doing over the last few whole weeks, for all teams or one."""
    weeks = _chosen_weeks(request)
    teams = list(Team.objects.order_by("name"))
    team = next((team for team in teams if str(team.pk) == request.GET.get("team")), None)
    period = Period.last_full_weeks(weeks, today=timezone.localdate())
    measures = front_door_measures(period=period, team=team)
    context = {
        "measures": measures,
        "period": period,
        "team": team,
        "weeks": weeks,
        "periods": [(choice, f"Last {choice} weeks") for choice in PERIODS],
        "teams": teams,
        "queues": QUEUES,
        "headlines": headlines(measures),
        "this_week": this_week_so_far(measures),
        "today": timezone.localdate(),
        "charts": charts(measures) if measures.contacts.total else None,
    }
    return render(request, "contact/measures.html", context)
