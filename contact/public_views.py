"""Contact adult social care online: a GOV.UK question-page journey for citizens and professionals."""

import uuid

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cases.public_forms import PersonDetailsForm
from config import ratelimit
from config.access import public
from config.requests import posted
from contact import public_journey as journey
from contact.models import CallerKind
from contact.public_forms import CallerForm, ConsentForm, ReasonForm, UrgentForm, WhoForm


def _answers(request) -> dict:
    return request.session.get(journey.SESSION_KEY, {})


FORMS = {
    "who": WhoForm,
    "urgent": UrgentForm,
    "person": PersonDetailsForm,
    "caller": CallerForm,
    "reason": ReasonForm,
    "consent": ConsentForm,
}


def _form(step: str, answers: dict, data):
    who = answers.get("who", {}).get("caller_kind")
    form_class = FORMS[step]
    initial = journey.initial_from_session(form_class, answers.get(step))
    if step == "person":
        return PersonDetailsForm(data, initial=initial, about_self=who == CallerKind.PERSON)
    if step == "caller":
        return CallerForm(data, initial=initial, professional=who == CallerKind.PROFESSIONAL)
    return form_class(data, initial=initial)


@public
@require_GET
def contact_us(request):
    return render(request, "contact/public/start.html")


@public
@require_http_methods(["GET", "POST"])
def contact_us_step(request, step: str):
    answers = _answers(request)
    if not journey.may_answer(answers, step):
        return redirect("contact_us_step", step=journey.first_missing(answers) or "who")
    form = _form(step, answers, posted(request))
    if request.method == "POST" and form.is_valid():
        answers[step] = journey.cleaned_for_session(form.cleaned_data)
        request.session[journey.SESSION_KEY] = answers
        if step == "urgent" and form.cleaned_data["urgent"] == "yes":
            return redirect("contact_us_urgent")
        following = journey.next_step(answers, step)
        return redirect(
            "contact_us_check" if following == "check" else "contact_us_step",
            **({} if following == "check" else {"step": following}),
        )
    context = {"form": form, "step": step, "previous": journey.previous_step(answers, step)}
    return render(request, "contact/public/question.html", context)


@public
@require_GET
def contact_us_urgent(request):
    return render(request, "contact/public/urgent.html")


@public
@require_http_methods(["GET", "POST"])
def contact_us_check(request):
    answers = _answers(request)
    if missing := journey.first_missing(answers):
        return redirect("contact_us_step", step=missing)
    if request.method == "POST":
        key = journey.parse_key(request.POST.get("key"))
        if key is not None and ratelimit.allowance(request, journey.SENDS).allowed:
            contact = journey.send(answers, key=key)
            ratelimit.record(request, journey.SENDS)
            request.session["contact_us_reference"] = contact.reference
            request.session.pop(journey.SESSION_KEY, None)
            return redirect("contact_us_sent")
        return _check_page(request, answers, refused=True)
    return _check_page(request, answers, refused=False)


def _check_page(request, answers: dict, *, refused: bool):
    context = {
        "rows": journey.check_rows(answers),
        "key": uuid.uuid4(),
        "refused": refused,
        "previous": journey.steps_for(answers)[-1],
    }
    return render(request, "contact/public/check.html", context)


@public
@require_GET
def contact_us_sent(request):
    reference = request.session.get("contact_us_reference")
    if not reference:
        return redirect("contact_us")
    return render(request, "contact/public/sent.html", {"reference": reference})
