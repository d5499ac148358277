"""Go-live's dates, as plain rules: when the support of an agreed plan may start, and a direct payment's agreement
and first payment in order. Each problem names the field it is about, for the message beside it."""

import datetime

# Support is started when it is arranged: not before the plan was agreed, and not further ahead than this.
FURTHEST_AHEAD = datetime.timedelta(days=183)


def start_problems(
    *, starts_on: datetime.date, agreed_on: datetime.date, today: datetime.date
) -> dict[str, str]:
    if starts_on < agreed_on:
        return {
            "starts_on": f"The start date must be on or after the day the plan was agreed, {agreed_on:%-d %B %Y}"
        }
    if starts_on > today + FURTHEST_AHEAD:
        return {"starts_on": "The start date must be within the next 6 months"}
    return {}


def direct_payment_problems(
    *,
    signed_on: datetime.date,
    first_payment_on: datetime.date,
    agreed_on: datetime.date,
    today: datetime.date,
) -> dict[str, str]:
    problems = {}
    if signed_on > today:
        problems["signed_on"] = "The agreement must be signed before you record it: today or in the past"
    elif signed_on < agreed_on:
        problems["signed_on"] = (
            f"The agreement must be signed on or after the day the plan was agreed, {agreed_on:%-d %B %Y}"
        )
    if first_payment_on < signed_on:
        problems["first_payment_on"] = (
            "The first payment must be on or after the day the agreement was signed"
        )
    elif first_payment_on > today + FURTHEST_AHEAD:
        problems["first_payment_on"] = "The first payment must be within the next 6 months"
    return problems
