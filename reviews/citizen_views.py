"""The person's self-review online, on their own case: a start page, one question a page (each outcome of their
plan, what has changed, their direct payment when they have one, anything else), check your answers, send, and a
confirmation. Works without JavaScript; what was typed is kept when something is wrong."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods

from cases.access import check_case_permission
from cases.audit import record_access
from cases.models import AccessEvent, Case
from config.access import requires
from config.requests import posted
from reviews import selectors, self_review, self_review_forms
from reviews.models import GoLive, Met, SelfReview

WHAT = "their own self-review"
PERMISSION = self_review.PERMISSION


def their_case(request, case_pk: int) -> Case:
    """The person's own case (anyone else's is not found), the read or the change audited."""
    try:
        case = Case.objects.with_overview().get(pk=case_pk)
    except Case.DoesNotExist as missing:
        raise Http404 from missing
    check_case_permission(request, case, "follow_own", what=WHAT)
    action = AccessEvent.Action.VIEW if request.method == "GET" else AccessEvent.Action.CHANGE
    record_access(request, action=action, case=case, what=WHAT)
    return case


@dataclass
class Journey:
    """The person's self-review being written, and the order of its pages."""

    case: Case
    live: GoLive
    draft: SelfReview
    outcomes: list

    @property
    def direct_payment(self) -> bool:
        return self_review.has_direct_payment(self.live)

    def pages(self) -> list[str]:
        pk = self.case.pk
        return [
            *(reverse("self_review_outcome", args=[pk, n]) for n in range(1, len(self.outcomes) + 1)),
            reverse("self_review_changes", args=[pk]),
            *([reverse("self_review_money", args=[pk])] if self.direct_payment else []),
            reverse("self_review_anything_else", args=[pk]),
            reverse("self_review_check", args=[pk]),
        ]

    def around(self, request) -> tuple[str, str]:
        """The page before this one (the back link) and the page after it: the check page when the person came
        from it to change an answer."""
        pages, here = self.pages(), request.path
        index = pages.index(here)
        back = pages[index - 1] if index else reverse("self_review", args=[self.case.pk])
        if request.GET.get("then") == "check":
            return pages[-1], pages[-1]
        return back, pages[index + 1]


def being_written(view):
    """A page of the self-review under way on the person's own case; before support is in place, back to their
    case; with none under way, to its start (or, sent already, to what they sent)."""

    @wraps(view)
    def wrapped(request, case_pk: int, **kwargs):
        case = their_case(request, case_pk)
        live = selectors.support_in_place(case)
        if live is None:
            messages.info(request, self_review.NOT_IN_PLACE)
            return redirect("citizen_case", pk=case.pk)
        draft = selectors.self_review_draft(case)
        if draft is None or draft.plan_id != live.plan_id:
            if selectors.self_review_sent_for(selectors.scheduled_review(case)):
                return redirect("self_review_sent", case_pk=case.pk)
            return redirect("self_review", case_pk=case.pk)
        journey = Journey(case, live, draft, selectors.outcomes_of(live.plan))
        return view(request, journey, **kwargs)

    return wrapped


def _question(request, journey: Journey, form, *, title: str, caption: str = "", done):
    """One question page: on a valid POST `done(cleaned_data)` saves it and the person goes on."""
    back, after = journey.around(request)
    if request.method == "POST" and form.is_valid():
        try:
            done(form.cleaned_data)
        except self_review.AlreadySent:
            return redirect("self_review_sent", case_pk=journey.case.pk)
        return redirect(after)
    return render(
        request,
        "reviews/self_review/question.html",
        {"form": form, "title": title, "caption": caption, "back": back, "case": journey.case},
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def self_review_start(request, case_pk: int):
    """What the self-review is for and when the review is due; starting it (a POST) makes the draft, or carries on
    the one under way."""
    case = their_case(request, case_pk)
    live = selectors.support_in_place(case)
    if live is None:
        messages.info(request, self_review.NOT_IN_PLACE)
        return redirect("citizen_case", pk=case.pk)
    if request.method == "POST":
        try:
            draft = self_review.start(actor=request.user, case_id=case.pk)
        except self_review.AlreadySent:
            return redirect("self_review_sent", case_pk=case.pk)
        return redirect(_carry_on_at(case, self_review.missing_from(draft)))
    review = selectors.scheduled_review(case)
    if selectors.self_review_sent_for(review):
        return redirect("self_review_sent", case_pk=case.pk)
    return render(
        request,
        "reviews/self_review/start.html",
        {
            "case": case,
            "review": review,
            "outcomes": selectors.outcomes_of(live.plan),
            "direct_payment": self_review.has_direct_payment(live),
            "under_way": selectors.self_review_draft(case) is not None,
        },
    )


PAGES = {"changes": "self_review_changes", "money": "self_review_money"}


def _page_of_missing(case: Case, missing: self_review.Missing) -> str:
    if missing.page == "outcome":
        return reverse("self_review_outcome", args=[case.pk, missing.number])
    return reverse(PAGES[missing.page], args=[case.pk])


def _carry_on_at(case: Case, missing: list[self_review.Missing]) -> str:
    """Where to carry on: the first question not answered yet, or the check page."""
    return _page_of_missing(case, missing[0]) if missing else reverse("self_review_check", args=[case.pk])


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@being_written
def self_review_outcome(request, journey: Journey, number: int):
    """One outcome of the plan: met, partly or not, and what the person says about it."""
    if not 1 <= number <= len(journey.outcomes):
        raise Http404
    outcome = journey.outcomes[number - 1]
    answer = next((a for a in journey.draft.answers.all() if a.outcome_id == outcome.pk), None)
    form = self_review_forms.OutcomeAnswerForm(
        posted(request),
        outcome=outcome,
        initial={"met": answer.met, "in_my_words": answer.in_my_words} if answer else {},
    )
    return _question(
        request,
        journey,
        form,
        title=form.fields["met"].label,
        caption=f"Your outcomes, {number} of {len(journey.outcomes)}",
        done=lambda data: self_review.answer_outcome(
            actor=request.user,
            self_review_id=journey.draft.pk,
            outcome_id=outcome.pk,
            met=data["met"],
            in_my_words=data["in_my_words"],
        ),
    )


def _page_of(request, journey: Journey, form_class, *, names: tuple[str, ...], title_field: str):
    draft = journey.draft
    form = form_class(posted(request), initial={name: getattr(draft, name) for name in names})
    return _question(
        request,
        journey,
        form,
        title=str(form.fields[title_field].label),
        done=lambda data: self_review.save_answers(
            actor=request.user, self_review_id=draft.pk, **{name: data[name] for name in names}
        ),
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@being_written
def self_review_changes(request, journey: Journey):
    return _page_of(
        request, journey, self_review_forms.ChangesForm, names=("what_changed",), title_field="what_changed"
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@being_written
def self_review_money(request, journey: Journey):
    """How their direct payment is working: only for a person who has one."""
    if not journey.direct_payment:
        raise Http404
    return _page_of(
        request, journey, self_review_forms.MoneyForm, names=("money", "money_words"), title_field="money"
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@being_written
def self_review_anything_else(request, journey: Journey):
    return _page_of(
        request,
        journey,
        self_review_forms.AnythingElseForm,
        names=("anything_else",),
        title_field="anything_else",
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@being_written
def self_review_check(request, journey: Journey):
    """Every answer with a link to change it, and the button that sends it to the worker."""
    case, draft = journey.case, journey.draft
    errors = []
    if request.method == "POST":
        try:
            self_review.send(actor=request.user, self_review_id=draft.pk)
        except self_review.AlreadySent:
            pass
        except self_review.CannotSelfReview:
            errors = _missing_links(case, self_review.missing_from(draft))
        if not errors:
            return redirect("self_review_sent", case_pk=case.pk)
    return render(
        request,
        "reviews/self_review/check.html",
        {
            "case": case,
            "rows": answer_rows(journey.outcomes, draft, journey.direct_payment, change=True),
            "errors": errors,
            "review": selectors.scheduled_review(case),
            "back": journey.pages()[-2],
        },
    )


def _missing_links(case: Case, missing: list[self_review.Missing]) -> list[tuple[str, str]]:
    return [(_page_of_missing(case, item), item.message) for item in missing]


def answer_rows(outcomes: list, sent: SelfReview, direct_payment: bool, *, change: bool) -> list[dict]:
    """The self-review as summary list rows: each outcome with the person's answer and words, then the rest; with
    `change`, each row links to its page and comes back to the check page."""
    answers = {answer.outcome_id: answer for answer in sent.answers.all()}
    pk = sent.case_id

    def href(name: str, *args) -> str:
        return f"{reverse(name, args=[pk, *args])}?then=check" if change else ""

    rows = []
    for number, outcome in enumerate(outcomes, start=1):
        answer = answers.get(outcome.pk)
        rows.append(
            {
                "key": outcome.in_my_words or outcome.label,
                "value": _answer_text(answer),
                "href": href("self_review_outcome", number),
                "hidden": f"your answer for outcome {number}",
            }
        )
    rows.append(
        {
            "key": "What has changed",
            "value": sent.what_changed or "Not answered yet",
            "href": href("self_review_changes"),
        }
    )
    if direct_payment:
        rows.append(
            {
                "key": "Your direct payment",
                "value": _with_words(sent.get_money_display() or "Not answered yet", sent.money_words),
                "href": href("self_review_money"),
            }
        )
    rows.append(
        {
            "key": "Anything else",
            "value": sent.anything_else or "Nothing",
            "href": href("self_review_anything_else"),
        }
    )
    return rows


def _answer_text(answer) -> str:
    if answer is None:
        return "Not answered yet"
    said = {Met.MET: "Yes, it is helping", Met.PARTLY: "Partly", Met.NOT_MET: "No, it is not helping"}
    return _with_words(said[answer.met], answer.in_my_words)


def _with_words(headline: str, words: str):
    if not words:
        return headline
    return format_html("{}<br>{}", headline, linebreaksbr(words, autoescape=True))


@requires(PERMISSION)
@require_GET
def self_review_sent(request, case_pk: int):
    """The confirmation, with what happens next and what they sent."""
    case = their_case(request, case_pk)
    sent = (
        SelfReview.objects.filter(case=case, sent_at__isnull=False)
        .select_related("review", "plan")
        .prefetch_related("answers")
        .first()
    )
    if sent is None:
        return redirect("self_review", case_pk=case.pk)
    live = selectors.support_in_place(case)
    return render(
        request,
        "reviews/self_review/sent.html",
        {
            "case": case,
            "sent": sent,
            "rows": answer_rows(
                selectors.outcomes_of(sent.plan),
                sent,
                bool(sent.money) or bool(live and self_review.has_direct_payment(live)),
                change=False,
            ),
        },
    )
