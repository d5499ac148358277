"""Equipment and minor adaptations arranged at the front door: each item with its cost, free up to the limit in
force, dearer ones sent to the financial assessment or, for larger adaptations, the disabled facilities grant;
bad costs refused with GOV.UK errors and nothing typed lost."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.letters import letter_html
from cases.models import Letter, LetterType
from contact import equipment
from contact.equipment import Route
from contact.models import Contact, EquipmentItem, FreeSupportLimits
from contact.tests.test_recording_a_contact import about, complete, outcomes, start, step

D = Decimal
EQUIPMENT, ADAPTATION = EquipmentItem.Kind.EQUIPMENT, EquipmentItem.Kind.MINOR_ADAPTATION

# Without a database --------------------------------------------------------------------------------------------


def test_items_up_to_the_limit_are_free_and_dearer_ones_are_not():
    assert equipment.route_for(kind=EQUIPMENT, cost=D("1000.00"), free_up_to=D(1000)) == Route.FREE
    assert equipment.route_for(kind=ADAPTATION, cost=D("0"), free_up_to=D(1000)) == Route.FREE
    assert (
        equipment.route_for(kind=EQUIPMENT, cost=D("1000.01"), free_up_to=D(1000))
        == Route.FINANCIAL_ASSESSMENT
    )
    assert (
        equipment.route_for(kind=ADAPTATION, cost=D("2400"), free_up_to=D(1000))
        == Route.DISABLED_FACILITIES_GRANT
    )
    # A council that sets a more generous limit makes more free.
    assert equipment.route_for(kind=EQUIPMENT, cost=D("1200"), free_up_to=D(1500)) == Route.FREE


def test_each_item_says_where_it_goes_and_the_timeline_sums_them_up():
    items = [
        EquipmentItem(description="Perching stool", kind=EQUIPMENT, cost=D("45")),
        EquipmentItem(description="Grab rails", kind=ADAPTATION, cost=D("120.50")),
        EquipmentItem(description="Ceiling hoist", kind=EQUIPMENT, cost=D("2400")),
        EquipmentItem(description="Level access shower", kind=ADAPTATION, cost=D("6000")),
    ]
    decisions = equipment.decide(items, free_up_to=D(1000))
    assert [decision.free for decision in decisions] == [True, True, False, False]
    assert equipment.summary(decisions) == (
        "4 items: 2 free (£165.50); 1 to the financial assessment (£2,400); 1 for a disabled facilities grant (£6,000)"
    )
    assert equipment.explanation(Route.FREE, D(1000)) == (
        "It costs £1,000 or less, so it is free whatever the person's means"
    )


# Against Postgres ----------------------------------------------------------------------------------------------


@pytest.fixture
def equipment_call(client, adviser, someone) -> Contact:
    client.force_login(adviser)
    contact = start(client, someone)
    about(client, contact, reason="Cannot get in and out of the bath")
    response = outcomes(client, contact, ["equipment"], summary_by="none")
    assert response.url == reverse("contact_step", args=[contact.pk, "equipment"])
    return contact


def add(client, contact, description, kind, cost):
    return client.post(
        reverse("contact_step", args=[contact.pk, "equipment"]),
        {"description": description, "kind": kind, "cost": cost, "add": "yes"},
    )


def test_the_adviser_lists_items_with_their_cost_and_sees_which_are_free(client, equipment_call):
    url = reverse("contact_step", args=[equipment_call.pk, "equipment"])
    check = client.get(reverse("contact_step_check", args=[equipment_call.pk])).content.decode()
    assert "List the equipment or adaptations, with their cost" in check

    add(client, equipment_call, "Bath board", "equipment", "£45.50")
    add(client, equipment_call, "Level access shower", "minor_adaptation", "6,000")
    assert [(item.description, item.cost) for item in equipment_call.equipment_items.all()] == [
        ("Bath board", D("45.50")),
        ("Level access shower", D("6000.00")),
    ]
    page = client.get(url).content.decode()
    assert "It costs £1,000 or less, so it is free whatever the person&#x27;s means" in page
    assert "apply for a disabled facilities grant" in page

    complete(client, equipment_call)
    contact = Contact.objects.select_related("case").get(pk=equipment_call.pk)
    assert contact.status == Contact.Status.COMPLETED
    assert contact.case.events.filter(
        summary="Equipment: 2 items: 1 free (£45.50); 1 for a disabled facilities grant (£6,000)"
    ).exists()
    detail = client.get(reverse("contact", args=[contact.pk])).content.decode()
    assert "Bath board" in detail and "Disabled facilities grant" in detail


def test_an_item_can_be_taken_off_the_list(client, equipment_call):
    add(client, equipment_call, "Bath board", "equipment", "45")
    item = equipment_call.equipment_items.get()
    client.post(reverse("contact_step", args=[equipment_call.pk, "equipment"]), {"remove": item.pk})
    assert not equipment_call.equipment_items.exists()


@pytest.mark.parametrize(
    ("cost", "error"),
    [
        ("", "Enter the cost"),
        ("forty", "Cost must be an amount of money, like 45 or 1,250.50"),
        ("-5", "Cost must be £0 or more"),
        ("12.345", "Cost must be in pounds and pence, like 45.99"),
        ("99999999999999", "Cost must be £100,000 or less"),
        ("1e400", "Cost must be an amount of money, like 45 or 1,250.50"),
        ("NaN", "Cost must be an amount of money, like 45 or 1,250.50"),
    ],
)
def test_a_bad_cost_gets_a_govuk_error_and_keeps_what_was_typed(client, equipment_call, cost, error):
    response = add(client, equipment_call, "Commode", "equipment", cost)
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert "govuk-error-summary" in page
    assert 'value="Commode"' in page
    if cost:
        assert f'value="{cost}"' in page
    assert not equipment_call.equipment_items.exists()


def test_an_item_needs_a_description_and_a_kind(client, equipment_call):
    page = add(client, equipment_call, "", "", "45").content.decode()
    assert "Enter what the item is" in page
    assert "Select whether it is equipment or a minor adaptation" in page


def test_the_limit_in_force_on_the_day_of_the_contact_decides(client, equipment_call):
    FreeSupportLimits.objects.create(
        effective_from=datetime.date(2024, 4, 1),
        equipment_free_up_to=D(1500),
        reablement_free_weeks=6,
    )
    add(client, equipment_call, "Riser recliner chair", "equipment", "1200")
    page = client.get(reverse("contact_step", args=[equipment_call.pk, "equipment"])).content.decode()
    assert "It costs £1,500 or less, so it is free" in page


def test_the_persons_summary_says_which_items_are_free_and_what_happens_to_the_others(client, equipment_call):
    add(client, equipment_call, "Bath board", "equipment", "45.50")
    add(client, equipment_call, "Ceiling hoist", "equipment", "2400")
    add(client, equipment_call, "Level access shower", "minor_adaptation", "6000")
    step(client, equipment_call, "outcomes", {"kinds": ["equipment"], "summary_by": "letter"})
    complete(client, equipment_call)
    letter = Letter.objects.get(case__contacts=equipment_call, letter_type=LetterType.CONTACT_SUMMARY)

    assert letter.content["equipment"] == [
        {"description": "Bath board", "cost": "£45.50", "what_next": "Free: it costs £1,000 or less"},
        {
            "description": "Ceiling hoist",
            "cost": "£2,400",
            "what_next": "You may be asked to pay towards it. We will first work out what you can afford "
            "(a financial assessment)",
        },
        {
            "description": "Level access shower",
            "cost": "£6,000",
            "what_next": "A larger adaptation: you can apply to the council's housing team for a disabled "
            "facilities grant, which depends on your income and savings",
        },
    ]
    html = letter_html(letter)
    assert "Equipment and adaptations" in html and "Ceiling hoist" in html


def test_an_item_sent_on_keeps_the_case_open_and_the_contact_is_not_resolved_at_first_contact(
    client, equipment_call
):
    add(client, equipment_call, "Bath board", "equipment", "45.50")
    add(client, equipment_call, "Ceiling hoist", "equipment", "2400")
    check = client.get(reverse("contact_step_check", args=[equipment_call.pk])).content.decode()
    assert "It will stay at the front door" in check
    complete(client, equipment_call)
    contact = Contact.objects.select_related("case").get(pk=equipment_call.pk)
    assert contact.case.stage == "contact"
    assert contact.case.closed_at is None
