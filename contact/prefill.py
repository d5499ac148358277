"""What is already known about a person not yet on the record, to fill in the form that adds them: nothing the
person or the caller has said is typed again."""

import datetime

from contact.models import CallerKind, Consent, Contact

# What the online forms collect about the person, by the name the person form gives it.
SENT_ONLINE = ("given_name", "family_name", "address_line_1", "town", "postcode", "phone", "email")


def _names(query: str) -> dict:
    """A name searched for, as first and last name; nothing when the search was not a name."""
    words = query.split()
    if len(words) < 2 or any(character.isdigit() for character in query):
        return {}
    return {"given_name": " ".join(words[:-1]), "family_name": words[-1]}


def new_person_details(contact: Contact, query: str = "") -> dict:
    """The add-person form's first values: what was sent online, else the name searched for; the caller's phone
    and email when the caller is the person; and their consent to sharing as the contact recorded it."""
    details = _names(query)
    sent = contact.submitted_details
    details |= {field: sent[field] for field in SENT_ONLINE if sent.get(field)}
    if born := sent.get("date_of_birth"):
        details["date_of_birth"] = datetime.date.fromisoformat(born)
    if contact.caller_kind == CallerKind.PERSON:
        details.setdefault("phone", contact.caller_phone)
        details.setdefault("email", contact.caller_email)
    details["consent_to_share"] = contact.consent == Consent.GIVEN
    return {field: value for field, value in details.items() if value not in ("", None)}
