"""What the letters of go-live and review say, fixed when they are asked for: a letter rendered again still says
what was true then. Each is written to its reader in plain words, with none of the office's."""

import datetime

from reviews import schedule

# Why the review is due, said to the person.
REASONS = {
    schedule.Why.FIRST: "Your support started {started}. We check with everyone, 6 to 8 weeks after their "
    "support starts, that it is working as it should.",
    schedule.Why.YEARLY: "We look at everyone’s support with them at least once a year, and it is nearly a year "
    "since we last looked at yours.",
    schedule.Why.DIRECT_PAYMENT_FIRST: "You get a direct payment. We check how it is working within 6 months of "
    "the first payment, and at least once a year after that.",
    schedule.Why.ASKED_FOR: "You, or someone on your behalf, asked us to look at your support again.",
}


def large_print_for(person) -> bool:
    """Whether the person's recorded communication needs ask for large print."""
    return "large print" in person.communication_needs.lower()


def invitation_content(
    review,
    *,
    today: datetime.date,
    started: datetime.date | None,
    worker: str,
    online: bool,
    told_us_online: bool = False,
    direct_payment: bool,
    providers: list[str],
    large_print: bool = False,
) -> dict:
    """The review invitation: why the review is due, when, what to think about beforehand (their direct payment's
    records, how each provider's support is going) and how it happens. `online`: the person has an account to
    sign in with (and can tell us online how their support is going); `told_us_online`: they already have, for
    this review; `worker`: the name of their worker, or empty."""
    due = review.due
    return {
        "large_print": large_print,
        "reason": REASONS[due.why].format(started=f"on {started:%-d %B %Y}" if started else "recently"),
        "when": schedule.when_in_words(due, today),
        "due_by": f"{due.by:%-d %B %Y}",
        "worker": worker,
        "online": online,
        "told_us_online": told_us_online,
        "direct_payment": direct_payment,
        "providers": providers,
    }
