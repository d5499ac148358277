"""How long sign-off takes, for managers and council admins: over a period they choose, headline figures, then a
chart of each measure with the same figures as a table (config.charts, templates/charts/bar_chart.html). The
figures are worked out by validation.turnaround."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from config.access import holds, requires
from config.charts import Bar, bar_chart, listed
from config.figures import days_text, percent, rate
from validation import selectors
from validation.forms import PeriodForm, default_period
from validation.turnaround import Period, Times, Turnaround, turnaround

ALL_LEVELS = "All levels"


def _target(times: Times) -> str:
    """The target the decisions were measured against, in words: "7 days", or "5 or 7 days" if it changed."""
    if not times.targets:
        return "the target"
    days = [str(target) for target in times.targets]
    spoken = " or ".join([", ".join(days[:-1]), days[-1]] if len(days) > 1 else days)
    return f"{spoken} day{'' if times.targets == (1,) else 's'}"


def _decisions(count: int) -> str:
    return f"{count} decision{'' if count == 1 else 's'}"


def _plans(count: int) -> str:
    return f"{count} plan{'' if count == 1 else 's'}"


def _within(times: Times) -> str:
    if not times.decided:
        return "No figure"
    return f"{percent(times.within_target_rate)} ({times.within_target} of {times.decided})"


def decisions_chart(figures: Turnaround) -> dict:
    bars = [
        Bar(
            f"{level.name}: {level.agreed} agreed, {level.returned} returned, {level.escalated} escalated",
            level.decisions,
            _decisions(level.decisions),
        )
        for level in figures.levels
    ]
    return bar_chart(
        key="decisions",
        title="Decisions by level",
        summary=f"Bar chart of sign-off decisions by the level that made them, {figures.decisions} in all. "
        + listed(bars),
        bars=bars,
        table={
            "caption": "Decisions by level",
            "head": ["Level", "Agreed", "Returned", "Escalated", "All decisions"],
            "rows": [
                [
                    level.name,
                    str(level.agreed),
                    str(level.returned),
                    str(level.escalated),
                    str(level.decisions),
                ]
                for level in figures.levels
            ]
            + [
                [
                    ALL_LEVELS,
                    str(figures.agreed),
                    str(figures.returned),
                    str(figures.escalated),
                    str(figures.decisions),
                ]
            ],
        },
    )


def time_chart(figures: Turnaround) -> dict:
    """The median time to a decision, overall and by the level that decided; the 90th percentile and the share
    within the target in the table."""
    rows = [(ALL_LEVELS, figures.overall)] + [
        (level.name, level.times) for level in figures.levels if level.times.decided
    ]
    bars = [Bar(name, times.median_days or 0, days_text(times.median_days)) for name, times in rows]
    return bar_chart(
        key="time-to-decision",
        title="Time from being sent to the decision (median)",
        summary="Bar chart of the median time from a plan being sent for sign-off to the decision that agreed or "
        "returned it, for all levels and by the level that decided. " + listed(bars),
        bars=bars,
        table={
            "caption": "Time from being sent to the decision, by the level that decided",
            "head": [
                "Level",
                "Plans decided",
                "Median (half decided sooner)",
                "9 in 10 decided within",
                f"Within {_target(figures.overall)}",
            ],
            "rows": [
                [
                    name,
                    str(times.decided),
                    days_text(times.median_days),
                    days_text(times.p90_days),
                    _within(times),
                ]
                for name, times in rows
            ],
        },
    )


def returns_chart(figures: Turnaround) -> dict:
    whole = figures.returned
    bars = [
        Bar(tally.label, tally.count, f"{tally.count} ({percent(rate(tally.count, whole))})")
        for tally in figures.returns
    ]
    return bar_chart(
        key="returns",
        title="Returns by what most needed to change",
        summary=f"Bar chart of the {whole} plans returned, by what most needed to change. " + listed(bars),
        bars=bars,
        table={
            "caption": "Returns by what most needed to change",
            "head": ["What most needed to change", "Returns", "Share"],
            "rows": [
                [tally.label, str(tally.count), percent(rate(tally.count, whole))]
                for tally in figures.returns
            ],
        },
    )


def escalations_chart(figures: Turnaround) -> dict:
    bars = [
        Bar(f"{step.from_level} to {step.to_level.lower()}", step.count, str(step.count))
        for step in figures.escalations
    ]
    return bar_chart(
        key="escalations",
        title="Escalations, from each level to the next",
        summary=f"Bar chart of the {figures.escalated} escalations, by the levels they went from and to. "
        + listed(bars),
        bars=bars,
        table={
            "caption": "Escalations, from each level to the next",
            "head": ["From one level to the next", "Escalations"],
            "rows": [
                [bar.label, str(step.count)] for bar, step in zip(bars, figures.escalations, strict=True)
            ],
        },
    )


def headlines(figures: Turnaround) -> list[dict]:
    overall = figures.overall
    return [
        {
            "label": "Plans decided",
            "figure": str(overall.decided),
            "explanation": "Support plans agreed or returned in this period, after any escalation.",
        },
        {
            "label": "Median time to a decision",
            "figure": days_text(overall.median_days),
            "explanation": "Half the plans were decided sooner than this after being sent for sign-off, "
            f"9 in 10 within {days_text(overall.p90_days)}.",
        },
        {
            "label": "Decided within the target",
            "figure": percent(overall.within_target_rate),
            "explanation": f"{overall.within_target} of {_plans(overall.decided)} decided within "
            f"{_target(overall)} of being sent.",
        },
        {
            "label": "Returned to be changed",
            "figure": percent(rate(figures.returned, overall.decided)),
            "explanation": f"{figures.returned} of {_plans(overall.decided)} decided went back to their writer "
            "to be changed.",
        },
    ]


def charts(figures: Turnaround) -> dict:
    return {
        "decisions": decisions_chart(figures),
        "time": time_chart(figures) if figures.overall.decided else None,
        "returns": returns_chart(figures) if figures.returns else None,
        "escalations": escalations_chart(figures) if figures.escalations else None,
    }


@requires("validation.view_turnaround")
@require_GET
def sign_off_turnaround(request):
    """Decisions, time to a decision against its target, returns and escalations over the period chosen (the last
    twelve weeks unless another is asked for); dates that cannot be used are said beside their fields."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    context = {
        "form": form,
        "can_sign_off": holds(request.user, "validation.sign_off"),
        "target_days": selectors.target_in_force(today),
    }
    if form.is_bound and not form.is_valid():
        return render(request, "validation/turnaround.html", context)
    first, last = (
        (form.cleaned_data["first"], form.cleaned_data["last"]) if form.is_bound else default_period(today)
    )
    figures = turnaround(Period(first, last))
    context |= {
        "figures": figures,
        "period": figures.period,
        "headlines": headlines(figures),
        "charts": charts(figures) if figures.decisions else None,
    }
    return render(request, "validation/turnaround.html", context)
