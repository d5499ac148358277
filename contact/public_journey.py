"""The public form's journey: which question comes next, what the answers so far are, and the contact they
make. The answers live in the visitor's session until they send them."""

import datetime
import decimal
import uuid

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.db import IntegrityError, transaction
from django.urls import reverse

from config.ratelimit import Limit
from contact import tasks
from contact.models import CallerKind, Channel, Contact

SESSION_KEY = "contact_us"
# Forms one visitor may send in an hour: more than anyone needs, few enough to deter a script. An address may
# send more: a library or a care home sends for many people.
SENDS = Limit("contact_us", per_session=5, per_address=20)

STEPS = ["who", "urgent", "person", "caller", "reason", "consent"]


def steps_for(answers: dict) -> list[str]:
    """The questions this visitor is asked: someone writing about themselves is not asked about the caller, and
    agrees to sharing by writing to us."""
    about_self = answers.get("who", {}).get("caller_kind") == CallerKind.PERSON
    return [step for step in STEPS if not (about_self and step in {"caller", "consent"})]


def next_step(answers: dict, after: str) -> str:
    """The first unanswered question after `after`, or "check" when every one is answered."""
    steps = steps_for(answers)
    later = steps[steps.index(after) + 1 :] if after in steps else steps
    return next((step for step in later if step not in answers), "check")


def first_missing(answers: dict) -> str | None:
    return next((step for step in steps_for(answers) if step not in answers), None)


def _json_safe(value):
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def cleaned_for_session(data: dict) -> dict:
    """Cleaned answers as the session (JSON) keeps them: dates, times, decimals and ids as text."""
    return {key: _json_safe(value) for key, value in data.items()}


def _revived(field, value):
    if value in (None, ""):
        return value
    if isinstance(field, forms.DateTimeField):
        return datetime.datetime.fromisoformat(value)
    # The GOV.UK date input is three boxes whose cleaned value is a date.
    if isinstance(field, forms.DateField | DateInputField):
        return datetime.date.fromisoformat(value)
    if isinstance(field, forms.TimeField):
        return datetime.time.fromisoformat(value)
    if isinstance(field, forms.DecimalField):
        return decimal.Decimal(value)
    if isinstance(field, forms.UUIDField):
        return uuid.UUID(value)
    return value


def initial_from_session(form_class, stored: dict | None) -> dict:
    """What `cleaned_for_session` kept, as the values the form's fields show again (after Back or Change)."""
    fields = form_class.base_fields
    return {key: _revived(fields.get(key), value) for key, value in (stored or {}).items()}


def contact_fields(answers: dict) -> dict:
    """The Contact the answers describe, waiting for an adviser to match it to the record."""
    who = answers["who"]["caller_kind"]
    person = answers["person"]
    caller = answers.get("caller", {})
    professional = who == CallerKind.PROFESSIONAL
    return {
        "status": Contact.Status.SUBMITTED,
        "channel": Channel.PROFESSIONAL if professional else Channel.ONLINE,
        "caller_kind": who,
        "caller_name": caller.get("caller_name", f"{person['given_name']} {person['family_name']}"),
        "caller_relationship": caller.get("caller_relationship", ""),
        "caller_profession": caller.get("caller_profession", ""),
        "caller_organisation": caller.get("caller_organisation", ""),
        "caller_phone": caller.get("caller_phone", person.get("phone", "")),
        "caller_email": caller.get("caller_email", person.get("email", "")),
        "reason": answers["reason"]["reason"],
        "what_matters": answers["reason"].get("what_matters", ""),
        "immediate_risk": answers["urgent"]["urgent"] == "yes",
        "consent": answers.get("consent", {}).get("consent", "given"),
        "submitted_details": person,
    }


def send(answers: dict, *, key: uuid.UUID) -> Contact:
    """Make the contact once, and acknowledge it once: the same key (a second press of Send, even at the same
    moment) finds the first contact and sends nothing more."""
    if existing := Contact.objects.filter(submission_key=key).first():
        return existing
    try:
        with transaction.atomic():
            contact = Contact.objects.create(submission_key=key, **contact_fields(answers))
            transaction.on_commit(lambda: tasks.acknowledge_submission_task.delay(contact.pk))
            return contact
    except IntegrityError:
        return Contact.objects.get(submission_key=key)


def parse_key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


LABELS = {
    "caller_kind": ("who", "Who you are"),
    "urgent": ("urgent", "Anyone at risk of harm now"),
    "name": ("person", "Their name"),
    "date_of_birth": ("person", "Date of birth"),
    "address": ("person", "Address"),
    "person_contact": ("person", "Their phone and email"),
    "caller_name": ("caller", "Your name"),
    "caller_about": ("caller", "Your relationship or organisation"),
    "caller_contact": ("caller", "Your phone and email"),
    "reason": ("reason", "What help is needed"),
    "what_matters": ("reason", "What matters most"),
    "consent": ("consent", "Agrees to sharing their information"),
}
KIND_TEXT = {
    CallerKind.PERSON: "I need care and support myself",
    CallerKind.FAMILY: "A relative, friend or unpaid carer",
    CallerKind.PROFESSIONAL: "A professional",
}
CONSENT_TEXT = {"given": "Yes", "refused": "No", "not_asked": "Don't know, or they cannot decide"}


def _date_text(value: str) -> str:
    return datetime.date.fromisoformat(value).strftime("%-d %B %Y") if value else ""


def check_rows(answers: dict) -> list[dict]:
    """The answers as GOV.UK summary list rows, each with a link back to its question."""
    person, caller = answers.get("person", {}), answers.get("caller", {})
    values = {
        "caller_kind": KIND_TEXT.get(answers.get("who", {}).get("caller_kind"), ""),
        "urgent": {"yes": "Yes", "no": "No"}.get(answers.get("urgent", {}).get("urgent"), ""),
        "name": f"{person.get('given_name', '')} {person.get('family_name', '')}".strip(),
        "date_of_birth": _date_text(person.get("date_of_birth") or ""),
        "address": ", ".join(
            filter(None, [person.get("address_line_1"), person.get("town"), person.get("postcode")])
        ),
        "person_contact": ", ".join(filter(None, [person.get("phone"), person.get("email")])),
        "reason": answers.get("reason", {}).get("reason", ""),
        "what_matters": answers.get("reason", {}).get("what_matters", ""),
    }
    if "caller" in answers:
        values |= {
            "caller_name": caller.get("caller_name", ""),
            "caller_about": caller.get("caller_relationship") or caller.get("caller_organisation", ""),
            "caller_contact": ", ".join(
                filter(None, [caller.get("caller_phone"), caller.get("caller_email")])
            ),
        }
    if "consent" in answers:
        values["consent"] = CONSENT_TEXT.get(answers["consent"].get("consent"), "")
    # Someone writing about themselves reads about "you", not "them".
    about_self = answers.get("who", {}).get("caller_kind") == CallerKind.PERSON
    words = {"Their name": "Your name", "Their phone and email": "Your phone and email"} if about_self else {}
    return [
        {
            "key": words.get(LABELS[name][1], LABELS[name][1]),
            "value": value or "Not given",
            "href": reverse("contact_us_step", args=[LABELS[name][0]]),
        }
        for name, value in values.items()
    ]


def previous_step(answers: dict, step: str) -> str | None:
    """Where Back goes from `step`: the question before it, or "check" once every question is answered (the
    visitor came from checking their answers to change one)."""
    if first_missing(answers) is None:
        return "check"
    steps = steps_for(answers)
    position = steps.index(step) if step in steps else 0
    return steps[position - 1] if position > 0 else None


def may_answer(answers: dict, step: str) -> bool:
    """A question is open once every question before it is answered: no skipping ahead."""
    steps = steps_for(answers)
    return step in steps and all(earlier in answers for earlier in steps[: steps.index(step)])
