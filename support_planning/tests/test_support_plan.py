"""A support plan on a real case: started from what the case knows, costed against the indicative budget, changed
safely by two people, and sent for sign-off once."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from assessment import selectors as assessment_selectors
from assessment.tests import factories
from cases.milestones import Milestone
from cases.models import Case
from cases.stages import Stage
from directory.models import CostOption
from directory.tests.factories import ServiceFactory, district
from ras import services as ras_services
from support_planning import selectors, services
from support_planning.models import PlanItem, SupportPlan
from support_planning.money_management import Management
from support_planning.tests.factories import PAID_CARE, meet_every_outcome, words_for

pytestmark = pytest.mark.django_db


def test_a_plan_starts_from_the_case_with_nothing_asked_again(client, practitioner, budgeted):
    case, assessment, budget = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    assert plan.budget == budget and plan.assessment == assessment
    assert plan.what_matters == "Staying in my own home near my garden"
    outcomes = list(plan.outcomes.all())
    assert [o.outcome for o in outcomes] == ["hygiene", "nutrition"]
    domains = assessment_selectors.structure(assessment.questionnaire)
    for outcome in outcomes:
        said = [
            words_for(d)
            for d in domains
            if outcome.outcome in d.outcomes and d.key in ("personal_care", "eating_and_drinking")
        ]
        assert outcome.in_my_words == "\n\n".join(said)
    case.refresh_from_db()
    assert case.stage == Stage.SUPPORT_PLANNING
    assert case.events.filter(milestone=Milestone.PLAN_STARTED, subject_id=plan.pk).exists()

    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[case.pk]))
    assert "Staying in my own home near my garden" in page.text
    assert f"£{budget.weekly:,} a week" in page.text
    assert "Not yet assessed" in page.text


def test_starting_twice_gives_the_one_plan(practitioner, budgeted):
    case, *_ = budgeted
    first = services.start_plan(actor=practitioner, case_id=case.pk)
    assert services.start_plan(actor=practitioner, case_id=case.pk) == first
    assert SupportPlan.objects.filter(case=case).count() == 1


def test_no_plan_before_the_budget_is_worked_out(
    client, practitioner, someones_case, questionnaire, ras_version
):
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    with pytest.raises(services.CannotPlan, match="indicative budget first"):
        services.start_plan(actor=practitioner, case_id=someones_case.pk)
    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[someones_case.pk]))
    assert "Work out the indicative budget first" in page.text
    assert "Start the support plan" not in page.text


def test_the_running_total_stands_against_the_budget_with_the_gap(client, practitioner, budgeted):
    case, _, budget = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    hygiene = plan.outcomes.get(outcome="hygiene")
    client.force_login(practitioner)
    added = client.post(
        reverse("plan_item_new", args=[plan.pk, hygiene.pk]), {**PAID_CARE, "version": plan.version}
    )
    assert added.status_code == 302
    figures = selectors.figures(selectors.plan_with_everything(plan.pk))
    assert figures.totals.weekly == D("175.00")
    assert figures.gap.pounds == D("175.00") * 52 - budget.annual
    page = client.get(reverse("support_plan", args=[case.pk]))
    assert "£175.00 a week" in page.text and "£9,100.00 a year" in page.text


def test_bad_costs_are_refused_beside_the_field_with_what_was_typed_kept(client, practitioner, budgeted):
    case, *_ = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    outcome = plan.outcomes.first()
    client.force_login(practitioner)
    page = client.post(
        reverse("plan_item_new", args=[plan.pk, outcome.pk]),
        {**PAID_CARE, "hours": "200", "rate": "-3", "version": plan.version},
    )
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "Hours a week must be 168 or fewer" in page.text
    assert "Hourly rate must be £0 or more" in page.text
    assert 'value="Help to wash and dress each morning"' in page.text
    assert not PlanItem.objects.exists()


def test_only_the_figures_of_the_way_an_item_is_costed_count(client, practitioner, budgeted):
    case, *_ = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    outcome = plan.outcomes.first()
    client.force_login(practitioner)
    url = reverse("plan_item_new", args=[plan.pk, outcome.pk])
    unchosen = client.post(url, {**PAID_CARE, "basis": "", "version": plan.version})
    assert "Select how it is costed" in unchosen.text and not PlanItem.objects.exists()
    one_off = {**PAID_CARE, "basis": "one_off", "one_off_amount": "240", "weekly_amount": "lots"}
    assert client.post(url, {**one_off, "version": plan.version}).status_code == 302
    item = PlanItem.objects.get()
    assert (item.basis, item.amount, item.hours, item.rate) == ("one_off", D("240"), 0, 0)
    again = client.get(reverse("plan_item", args=[plan.pk, outcome.pk, item.pk]))
    assert 'name="one_off_amount" value="240.00"' in again.text and 'name="hours" value=' not in again.text


def test_a_change_made_meanwhile_is_never_overwritten(client, practitioner, manager, budgeted):
    case, *_ = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    outcome = plan.outcomes.first()
    seen = plan.version
    services.save_outcome(
        actor=manager, plan_id=plan.pk, seen_version=seen, outcome_id=outcome.pk, in_my_words="Theirs"
    )
    client.force_login(practitioner)
    page = client.post(
        reverse("plan_outcome", args=[plan.pk, outcome.pk]), {"in_my_words": "Mine", "version": seen}
    )
    assert "Someone else changed the plan" in page.text and "Mine" in page.text
    outcome.refresh_from_db()
    assert outcome.in_my_words == "Theirs"


def test_a_remove_button_sent_without_a_readable_version_removes_nothing_and_says_why(
    client, practitioner, budgeted
):
    case, *_ = budgeted
    plan = meet_every_outcome(
        services.start_plan(actor=practitioner, case_id=case.pk), practitioner, PAID_CARE
    )
    item = PlanItem.objects.filter(outcome__plan=plan).first()
    client.force_login(practitioner)
    page = client.post(reverse("plan_item_remove", args=[plan.pk, item.pk]), {"version": "x"}, follow=True)
    assert page.status_code == 200 and "Someone else changed the plan" in page.text
    assert PlanItem.objects.filter(pk=item.pk).exists()


def test_a_plan_beyond_tolerance_needs_a_reason_then_goes_for_sign_off_once(client, practitioner, budgeted):
    case, _, budget = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    client.force_login(practitioner)
    for outcome in plan.outcomes.all():
        plan.refresh_from_db()
        client.post(
            reverse("plan_item_new", args=[plan.pk, outcome.pk]), {**PAID_CARE, "version": plan.version}
        )
    plan.refresh_from_db()
    client.post(
        reverse("plan_money", args=[plan.pk]),
        {
            "direct_payment_recipient": "person",
            "direct_payment_frequency": "four_weekly",
            "version": plan.version,
        },
    )
    plan.refresh_from_db()
    figures = selectors.figures(selectors.plan_with_everything(plan.pk))
    assert figures.gap.beyond_tolerance, "two lots of 7 hours a week is far above the test budget"
    refused = client.post(reverse("plan_submit", args=[plan.pk]), {"version": plan.version})
    assert "Enter why the plan differs from the indicative budget" in refused.text
    reason = "Two carers are needed at each visit after her fall"
    sent = client.post(
        reverse("plan_submit", args=[plan.pk]), {"version": plan.version, "gap_reason": reason}
    )
    assert sent.status_code == 302
    again = client.post(
        reverse("plan_submit", args=[plan.pk]), {"version": plan.version, "gap_reason": reason}
    )
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.SUBMITTED and plan.gap_reason == reason
    assert plan.annual_cost == D("350.00") * 52 and plan.beyond_tolerance
    assert Case.objects.get(pk=case.pk).stage == Stage.VALIDATION
    [event] = case.events.filter(milestone=Milestone.PLAN_SUBMITTED)
    assert event.facts["annual"] == "18200.00" and event.facts["beyond_tolerance"] is True
    assert event.facts["gap"] == str(D("18200.00") - budget.annual)
    page = client.get(reverse("support_plan", args=[case.pk]))
    assert "Sent for sign-off" in page.text and "Add how this will be met" not in page.text
    assert "Beyond tolerance: reason given" in page.text and "a reason is needed" not in page.text
    assert reason in page.text  # the approver reads why beside the difference


def test_an_outcome_with_no_support_or_a_direct_payment_with_no_recipient_cannot_be_sent(
    practitioner, budgeted
):
    case, *_ = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    with pytest.raises(services.CannotPlan, match="Say how each outcome will be met"):
        services.submit(actor=practitioner, plan_id=plan.pk, seen_version=plan.version, gap_reason="x")
    plan = meet_every_outcome(plan, practitioner, {**PAID_CARE, "hours": D("1")})
    with pytest.raises(services.CannotPlan, match="who will receive the direct payment"):
        services.submit(actor=practitioner, plan_id=plan.pk, seen_version=plan.version, gap_reason="x")
    assert SupportPlan.objects.get(pk=plan.pk).is_draft


def test_a_service_chosen_from_the_directory_is_kept_on_the_item_with_its_id_and_cost_option(
    client, practitioner, budgeted
):
    case, *_ = budgeted
    district("NR1")
    lunch = ServiceFactory(name="Riverside Lunch Club", at="NR1", categories=["lunch-clubs"])
    CostOption.objects.create(service=lunch, option="Per meal", amount=D("4.50"))
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    nutrition = plan.outcomes.get(outcome="nutrition")
    client.force_login(practitioner)
    page_url = reverse("plan_item_new", args=[plan.pk, nutrition.pk])
    found = client.get(page_url, {"q": "lunch", "postcode": "NR1"})
    assert "Riverside Lunch Club" in found.text
    chosen = client.get(page_url, {"service": str(lunch.uuid)})
    assert "From the directory" in chosen.text and "Per meal: £4.50" in chosen.text
    saved = client.post(
        f"{page_url}?service={lunch.uuid}",
        {
            "version": plan.version,
            "kind": "community",
            "description": "Riverside Lunch Club",
            "service_id": str(lunch.uuid),
            "service_name": "Riverside Lunch Club",
            "cost_option": "Per meal: £4.50",
            "who_and_when": "Tuesdays and Thursdays",
            "provider": lunch.organization.name,
            "management": "not_paid",
        },
    )
    assert saved.status_code == 302
    item = PlanItem.objects.get()
    assert item.service_id == str(lunch.uuid) and item.cost_option == "Per meal: £4.50"
    assert item.provider == lunch.organization.name


def sent_plan(practitioner, case) -> SupportPlan:
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    plan = meet_every_outcome(
        plan, practitioner, {**PAID_CARE, "management": Management.COUNCIL_MANAGED, "hours": D("3")}
    )
    return services.submit(
        actor=practitioner, plan_id=plan.pk, seen_version=plan.version, gap_reason="x"
    ).plan


def test_the_person_sees_their_plan_and_says_what_they_would_change(client, practitioner, citizen, budgeted):
    case, *_ = budgeted
    Case.objects.filter(pk=case.pk).update(person=citizen.person)
    plan = sent_plan(practitioner, case)
    client.force_login(citizen)
    page = client.get(reverse("your_plan", args=[case.pk]))
    assert "Help to wash and dress each morning" in page.text and "Staying in my own home" in page.text
    refused = client.post(reverse("your_plan", args=[case.pk]), {"agrees": "no"})
    assert "Enter what you would change" in refused.text
    client.post(reverse("your_plan", args=[case.pk]), {"agrees": "no", "would_change": "Visits after 9am"})
    plan.refresh_from_db()
    assert plan.person_agrees is False and plan.person_would_change == "Visits after 9am"
    assert case.events.filter(milestone=Milestone.PLAN_ANSWERED).exists()
    client.force_login(practitioner)
    assert "Visits after 9am" in client.get(reverse("support_plan", args=[case.pk])).text


def test_a_person_cannot_see_or_answer_someone_elses_plan(client, practitioner, other_citizen, budgeted):
    case, *_ = budgeted
    sent_plan(practitioner, case)
    client.force_login(other_citizen)
    assert client.get(reverse("your_plan", args=[case.pk])).status_code == 404
    assert client.post(reverse("your_plan", args=[case.pk]), {"agrees": "yes"}).status_code == 404


def test_the_plan_letter_is_asked_for_once_per_print_size_and_never_for_a_draft(practitioner, budgeted):
    case, *_ = budgeted
    draft = services.start_plan(actor=practitioner, case_id=case.pk)
    with pytest.raises(services.CannotPlan):
        services.send_plan_letter(actor=practitioner, plan_id=draft.pk)
    plan = sent_plan(practitioner, case)
    first = services.send_plan_letter(actor=practitioner, plan_id=plan.pk)
    assert services.send_plan_letter(actor=practitioner, plan_id=plan.pk) == first
    large = services.send_plan_letter(actor=practitioner, plan_id=plan.pk, large_print=True)
    assert large != first and large.content["large_print"]
    assert first.content["outcomes"][0]["ways"][0]["paid_by"] == "arranged and paid for by the council"
    assert first.content["contribution"] is None


def test_a_plan_withdrawn_to_change_comes_back_as_a_new_version_with_nothing_retyped_and_compares_item_by_item(
    client, practitioner, budgeted
):
    case, *_ = budgeted
    first = sent_plan(practitioner, case)
    client.force_login(practitioner)
    client.post(reverse("plan_new_version", args=[first.pk]))
    client.post(reverse("plan_new_version", args=[first.pk]))  # pressed twice
    first.refresh_from_db()
    second = SupportPlan.objects.get(case=case, number=2)
    assert first.status == SupportPlan.Status.SUPERSEDED and second.is_draft
    assert Case.objects.get(pk=case.pk).stage == Stage.SUPPORT_PLANNING
    assert [o.in_my_words for o in second.outcomes.all()] == [o.in_my_words for o in first.outcomes.all()]
    assert PlanItem.objects.filter(outcome__plan=second).count() == 2
    hygiene = second.outcomes.get(outcome="hygiene")
    changed, removed = (
        hygiene.items.get(),
        second.outcomes.get(outcome="nutrition").items.get(),
    )
    services.save_item(
        actor=practitioner,
        plan_id=second.pk,
        seen_version=second.version,
        outcome_id=hygiene.pk,
        item_id=changed.pk,
        details={"hours": D("5")},
    )
    second.refresh_from_db()
    services.remove_item(
        actor=practitioner, plan_id=second.pk, seen_version=second.version, item_id=removed.pk
    )
    page = client.get(reverse("plan_compare", args=[second.pk]))
    assert page.status_code == 200
    [hygiene_row, nutrition_row] = page.context["rows"]
    assert hygiene_row.items[0].state == "changed" and hygiene_row.items[0].changes == ["what it costs"]
    assert nutrition_row.items[0].state == "removed"
    assert "What changed from version 1 to version 2" in page.text


def test_a_plan_whose_assessment_was_revised_after_its_budget_warns_the_budget_may_be_out_of_date(
    client, practitioner, budgeted
):
    case, assessment, _ = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    client.force_login(practitioner)
    assert "may be out of date" not in client.get(reverse("support_plan", args=[case.pk])).text
    revision = factories.revised(assessment, actor=practitioner)
    factories.complete(revision, actor=practitioner)
    factories.decided(revision, actor=practitioner, eligible=True, sign_off=True)
    ras_services.work_out_budget(actor=practitioner, assessment_id=revision.pk)
    page = client.get(reverse("support_plan", args=[case.pk]))
    assert "The indicative budget may be out of date" in page.text
    assert plan.budget.weekly.to_eng_string() in page.text.replace(",", "")
