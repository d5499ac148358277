"""Go-live (start the support of an agreed plan) and the reviews due."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cases.access import get_case_for
from cases.stages import Stage
from config.access import requires
from config.pagination import page_of, pagination
from config.requests import posted
from reviews import brokerage_selectors, ending_services, forms, review_forms, selectors, services
from reviews.models import GoLive, Review
from support_planning import selectors as plan_selectors
from support_planning.models import Recipient, SupportPlan


@requires("reviews.go_live")
@require_http_methods(["GET", "POST"])
def go_live(request, plan_pk: int):
    """The day an agreed plan's support starts, the direct payment agreement and the providers' orders, with
    everything the personal budget and the plan already say shown, not asked again."""
    plan = get_object_or_404(SupportPlan, pk=plan_pk, status=SupportPlan.Status.AGREED)
    case = get_case_for(
        request, plan.case_id, "view" if request.method == "GET" else "change", what="go-live"
    )
    if started := GoLive.objects.filter(plan=plan).first():
        messages.info(request, f"The support started on {started.starts_on:%-d %B %Y}")
        return redirect("case", pk=case.pk)
    plan = plan_selectors.plan_with_everything(plan.pk)
    budget = plan.personal_budget
    ordered = services.ordered_items(plan)
    form = forms.GoLiveForm(
        posted(request),
        agreed_on=budget.agreed_on,
        direct_payment=bool(budget.direct_payment_each),
        managed_account=plan.direct_payment_recipient == Recipient.MANAGED_ACCOUNT,
        unnamed=[item for item in ordered if not (item.provider or item.service_name).strip()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        direct_payment = (
            services.DirectPaymentStart(
                data["signed_on"], data["first_payment_on"], data.get("managed_account_provider", "")
            )
            if "signed_on" in data
            else None
        )
        try:
            services.go_live(
                actor=request.user,
                plan_id=plan.pk,
                starts_on=data["starts_on"],
                direct_payment=direct_payment,
                providers=form.providers(),
            )
        except services.CannotGoLive as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The support has started. The first review is scheduled")
            return redirect("case", pk=case.pk)
    return render(
        request,
        "reviews/go_live.html",
        {
            "form": form,
            "plan": plan,
            "case": case,
            "person": case.person,
            "budget": budget,
            "ordered": ordered,
            "being_found": brokerage_selectors.being_found_for(plan),
            "replacing": ending_services.what_replacing_does(
                case, services.offered_for(plan, form.providers() if form.is_bound else {}, named_only=False)
            ),
        },
    )


@requires("reviews.view_reviews")
@require_GET
def review_queue(request):
    """The reviews due soon, due and overdue: the team's, or the worker's own, 25 at a time, the most pressing
    first."""
    mine = request.GET.get("whose") == "mine"
    today = timezone.localdate()
    queue = selectors.reviews_for(request.user, today, mine_only=mine)
    counts = selectors.standing_counts(queue, today)
    page = page_of(request, queue, count=sum(counts.values()))
    return render(
        request,
        "reviews/queue.html",
        {
            "counts": counts,
            "headings": selectors.by_standing(
                selectors.with_what_was_sent(page.object_list, today), counts, today
            ),
            "reviews": page,
            "pagination": pagination(request, page),
            "mine": mine,
            "today": today,
        },
    )


@requires("reviews.review")
@require_http_methods(["GET", "POST"])
def hold_review(request, pk: int):
    """Record a review: the plan's outcomes met or not, what changed, and what happens next."""
    review = get_object_or_404(Review.objects.select_related("plan"), pk=pk)
    case = get_case_for(
        request, review.case_id, "view" if request.method == "GET" else "change", what="review"
    )
    if review.status != Review.Status.SCHEDULED:
        messages.info(request, "This review has been recorded already")
        return redirect("case", pk=case.pk)
    if request.method == "POST" and "start" in request.POST:
        services.start_review(actor=request.user, review_id=review.pk)
        return redirect("hold_review", pk=review.pk)
    plan = plan_selectors.plan_with_everything(review.plan_id)
    start = selectors.review_start(case)
    form = review_forms.ReviewForm(
        posted(request), outcomes=plan.outcomes.all(), initial=review_forms.starting_answers(start, review)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hold_review(
                actor=request.user,
                review_id=review.pk,
                findings=[services.Finding(*finding) for finding in form.findings()],
                what_changed=form.cleaned_data["what_changed"],
                result=form.cleaned_data["result"],
            )
        except services.CannotReview as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The review is recorded and the next one scheduled")
            return redirect("case", pk=case.pk)
    return render(
        request,
        "reviews/review.html",
        {
            "form": form,
            "review": review,
            "plan": plan,
            "case": case,
            "person": case.person,
            "started": case.stage == Stage.REVIEW,
            "self_review": start.self_review if start.review == review else None,
            "reports": start.reports if start.review == review else [],
            **_direct_payment(case),
        },
    )


@requires("reviews.view_reviews")
@require_GET
def case_review(request, case_pk: int):
    """What a case's review starts from: the review scheduled, and what the person said in their self-review,
    outcome by outcome."""
    case = get_case_for(request, case_pk, what="review: what the person told us")
    start = selectors.review_start(case)
    return render(
        request,
        "reviews/case_review.html",
        {
            "case": case,
            "person": case.person,
            "start": start,
            "standing": start.review.standing(timezone.localdate()) if start.review else None,
            **_direct_payment(case),
        },
    )


def _direct_payment(case) -> dict:
    """The latest direct payment return, for the review's pages (templates/reviews/monitoring/_latest.html)."""
    running = selectors.running_direct_payment(case, timezone.localdate()) is not None
    return {"dp_return": selectors.latest_return(case), "running": running}
