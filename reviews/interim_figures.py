"""How much urgent interim support there is, and whether it stays interim: running now, past its end date, extended;
and of what ended in the last weeks, how much ran past its end and how much the plan carried on unchanged (seed 003
warns of interim packages quietly becoming the norm). One aggregate query; figures only, no one named."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q

from config.figures import percent, rate
from reviews.interim_models import InterimSupport

# The period the ended support is counted over, to the day before today.
PERIOD = datetime.timedelta(weeks=12)
RUNNING = Q(status=InterimSupport.Status.RUNNING)


@dataclass(frozen=True)
class Figures:
    since: datetime.date
    running: int
    past_its_end: int
    extended: int
    ended: int
    ran_past_its_end: int
    replaced: int
    kept_as_it_was: int


def figures(*, today: datetime.date) -> Figures:
    since = today - PERIOD
    ended = ~RUNNING & Q(ended_on__gte=since, ended_on__lt=today)
    replaced = ended & Q(status=InterimSupport.Status.REPLACED)
    counts = InterimSupport.objects.aggregate(
        running=Count("pk", filter=RUNNING),
        past_its_end=Count("pk", filter=RUNNING & Q(ends_on__lt=today)),
        extended=Count("pk", filter=RUNNING & Q(extensions__gt=0)),
        ended=Count("pk", filter=ended),
        ran_past_its_end=Count("pk", filter=ended & Q(ended_on__gt=F("ends_on"))),
        replaced=Count("pk", filter=replaced),
        kept_as_it_was=Count("pk", filter=replaced & Q(kept_as_it_was=True)),
    )
    return Figures(since=since, **counts)


def _of(part: int, whole: int, what: str) -> str:
    return f"{part} of {whole} {what}"


def headlines(found: Figures) -> list[dict]:
    return [
        {
            "label": "Running now",
            "figure": str(found.running),
            "explanation": f"Urgent support in place before a plan; {found.extended} of them extended.",
        },
        {
            "label": "Past their end date",
            "figure": str(found.past_its_end),
            "explanation": "Running now after the end date agreed: extend each with a reason, or end it.",
        },
        {
            "label": "Ran past their end date",
            "figure": percent(rate(found.ran_past_its_end, found.ended)),
            "explanation": _of(found.ran_past_its_end, found.ended, "that ended in the last 12 weeks")
            + " ran on after the end date agreed.",
        },
        {
            "label": "Became the plan unchanged",
            "figure": percent(rate(found.kept_as_it_was, found.replaced)),
            "explanation": _of(
                found.kept_as_it_was, found.replaced, "replaced by a plan in the last 12 weeks"
            )
            + " went on from the same provider at the same weekly cost.",
        },
    ]
