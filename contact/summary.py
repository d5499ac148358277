"""A contact as summary cards (the check page, the completed contact): rows built here, not in templates."""

import datetime

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html_join

from contact import rules, selectors


def _paragraphs(text: str) -> str:
    """Typed text with its line breaks, escaped; empty when nothing was typed (the row then says "None")."""
    return linebreaksbr(text, autoescape=True) if text.strip() else ""


def _yes_no(value) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not answered")


def step_url(contact, step: str) -> str:
    """Where a step of recording the contact is: the screen that asks it."""
    if step == "person":
        return reverse("contact_step_person", kwargs={"pk": contact.pk})
    if step == "check":
        return reverse("contact_step_check", kwargs={"pk": contact.pk})
    return reverse("contact_step", kwargs={"pk": contact.pk, "step": step})


def summary_cards(contact, *, editable: bool) -> list[dict]:
    def card(title: str, step: str, rows: list[tuple[str, str]]) -> dict:
        href = step_url(contact, step) if editable else None
        return {
            "title": title,
            "href": href,
            "rows": [{"key": key, "value": value or "None"} for key, value in rows],
        }

    caller = contact.get_caller_kind_display()
    if contact.caller_name:
        caller += f": {contact.caller_name}"
    if contact.caller_profession:
        caller += f", {contact.get_caller_profession_display()}, {contact.caller_organisation}"
    elif contact.caller_relationship:
        caller += f" ({contact.caller_relationship})"
    person = contact.person.full_name if contact.person else "No details given: advice only"
    if not contact.person and not contact.anonymous:
        person = "Not yet found on the record"
    cards = [
        card(
            "The call",
            "about",
            [
                ("How", contact.get_channel_display()),
                ("Who got in touch", caller),
                ("Call back on", " ".join(filter(None, [contact.caller_phone, contact.caller_email]))),
            ],
        ),
        card("Who it is about", "about", [("Person", person), *_sent_online(contact)]),
        card(
            "Why they got in touch",
            "about",
            [
                ("In their words", _paragraphs(contact.reason)),
                ("What matters to them", _paragraphs(contact.what_matters)),
                ("Where they have come from", contact.get_route_of_access_display()),
                ("Risks", _paragraphs(contact.risks)),
                ("Anyone at risk of harm now", _yes_no(contact.immediate_risk)),
                *([("Agrees to sharing", contact.get_consent_display())] if contact.person_id else []),
            ],
        ),
    ]
    # Asked only when the person had been in touch before; otherwise there is nothing to show.
    if contact.person_id and contact.about_known_matter is not False:
        repeat = [("About something we already know of", _yes_no(contact.about_known_matter))]
        if contact.about_known_matter:
            repeat.append(("Why they had to get in touch again", contact.get_failure_reason_display()))
            if contact.repeat_of_id:
                repeat.append(("Earlier contact", contact.repeat_of.reference))
        cards.append(card("Been in touch before?", "about", repeat))
    outcomes = format_html_join(
        "",
        '<p class="govuk-body"><strong>{}</strong>{}</p>',
        ((o.get_kind_display(), f": {o.note}" if o.note else "") for o in contact.outcomes.all()),
    )
    outcome_rows = [
        ("Outcomes", outcomes),
        (
            "Summary sent",
            {"letter": "By letter", "email": "By email", "none": "Not wanted"}.get(contact.summary_by, ""),
        ),
    ]
    if any(o.kind == "reablement" for o in contact.outcomes.all()):
        met = [
            text for key, text in rules.REABLEMENT_CRITERIA.items() if contact.reablement_criteria.get(key)
        ]
        outcome_rows.append(
            ("Reablement criteria met", format_html_join("", "{}<br>", ((text,) for text in met)))
        )
    cards.append(card("What came of it", "outcomes", outcome_rows))
    if decisions := selectors.equipment_decisions(contact):
        rows = [
            (
                f"{decision.item.description} ({decision.item.get_kind_display().lower()})",
                f"{decision.cost_text}. {decision.route.label}: {decision.explanation[0].lower()}{decision.explanation[1:]}",
            )
            for decision in decisions
        ]
        cards.append(card("Equipment and adaptations", "equipment", rows))
    if contact.signposts.all():
        signposts = format_html_join(
            "",
            '<p class="govuk-body">{}<br><span class="govuk-hint">{}</span></p>',
            ((s.name, s.organisation) for s in contact.signposts.all()),
        )
        cards.append(card("Services from the directory", "outcomes", [("Told about", signposts)]))
    return cards


def _sent_online(contact) -> list[tuple[str, str]]:
    """What the online form said about the person, for the adviser to match to the record."""
    details = contact.submitted_details
    if not details:
        return []
    born = details.get("date_of_birth") or ""
    address = ", ".join(
        filter(None, [details.get("address_line_1"), details.get("town"), details.get("postcode")])
    )
    return [
        ("Name sent online", contact.submitted_name),
        ("Date of birth sent online", born and datetime.date.fromisoformat(born).strftime("%-d %B %Y")),
        ("Address sent online", address),
        (
            "Phone and email sent online",
            ", ".join(filter(None, [details.get("phone"), details.get("email")])),
        ),
    ]
