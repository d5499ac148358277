"""The risk enablement panel's screens: its meetings, a meeting with its agenda (printable), arranging or moving a
meeting, referring a plan or a risk, one referral with who comes, moving a referral to another meeting, and the
panel's decision. Each person's record read or changed here is audited; every change goes through
validation.panel_services, and a refusal is shown with what was typed kept."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import check_case_permission
from cases.audit import record_access
from cases.models import AccessEvent, Case
from config.access import holds, requires
from config.pagination import page_of, pagination
from config.requests import posted
from support_planning.models import SupportPlan
from validation import panel, panel_forms, panel_selectors, panel_services
from validation.models import PanelMeeting, PanelReferral

WHAT = "risk enablement panel referral"
PAST_PAGE = 20


def _audited(request, case: Case, permission: str, *, action: str, what: str = WHAT) -> None:
    """The case may be seen by this user and `permission` is theirs on it; the read or change is audited (a
    refusal too)."""
    check_case_permission(request, case, "view", what=what)
    if not holds(request.user, permission, case):
        record_access(request, action=AccessEvent.Action.DENIED, case=case, what=what)
        raise PermissionDenied
    record_access(request, action=action, case=case, what=what)


def _read_or_change(request) -> str:
    """A GET is audited as a read, a POST as a change."""
    return AccessEvent.Action.CHANGE if request.method == "POST" else AccessEvent.Action.VIEW


def _referral_for(request, pk: int, permission: str) -> PanelReferral:
    """The referral with everything, once the case's and `permission`'s checks pass; audited."""
    try:
        referral = panel_selectors.referral_with_everything(pk)
    except PanelReferral.DoesNotExist as missing:
        raise Http404 from missing
    _audited(request, referral.case, permission, action=_read_or_change(request))
    return referral


def _meeting_for(pk: int) -> PanelMeeting:
    meeting = PanelMeeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def _referral_page(referral: PanelReferral) -> str:
    return reverse("panel_referral", args=[referral.pk])


@requires("validation.see_panel_meetings")
@require_GET
def panel_meetings(request):
    """The panel's meetings: those to come, soonest first, and those past, latest first."""
    page = page_of(request, panel_selectors.past(), PAST_PAGE)
    return render(
        request,
        "validation/panel/meetings.html",
        {
            "upcoming": panel_selectors.upcoming(),
            "page": page,
            "pagination": pagination(request, page),
            "waiting_for_a_meeting": panel_selectors.waiting_for_a_meeting(),
        },
    )


def _meeting_form(request, *, meeting: PanelMeeting | None):
    form = panel_forms.MeetingForm(
        posted(request),
        initial=panel_forms.meeting_initial(meeting) if meeting else None,
        submit="Save the changes" if meeting else "Arrange the meeting",
    )
    if request.method == "POST" and form.is_valid():
        details = {
            "starts_at": form.cleaned_data["starts_at"],
            "place": form.cleaned_data["place"],
            "online_link": form.cleaned_data["online_link"],
        }
        try:
            if meeting:
                saved = panel_services.change_meeting(actor=request.user, meeting_id=meeting.pk, **details)
            else:
                saved = panel_services.arrange_meeting(actor=request.user, **details)
        except panel_services.CannotPanel as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"The panel meets on {panel_services.when_and_where(saved)}."
                if meeting is None
                else f"The meeting is now on {panel_services.when_and_where(saved)}.",
            )
            return redirect("panel_meetings")
    return render(
        request,
        "validation/panel/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "title": "Change the meeting" if meeting else "Arrange a panel meeting",
        },
    )


@requires("validation.schedule_panel")
@require_http_methods(["GET", "POST"])
def panel_meeting_new(request):
    return _meeting_form(request, meeting=None)


@requires("validation.schedule_panel")
@require_http_methods(["GET", "POST"])
def panel_meeting_change(request, pk: int):
    return _meeting_form(request, meeting=_meeting_for(pk))


@requires("validation.view_panel")
@require_GET
def panel_meeting(request, pk: int):
    """One meeting with its agenda, printable: each referral with its question, the risk, who comes and any
    decision. Each person on it is a record read."""
    meeting = _meeting_for(pk)
    items = panel_selectors.agenda(meeting)
    for referral in items:
        _audited(
            request,
            referral.case,
            "validation.view_panel",
            action=AccessEvent.Action.VIEW,
            what="panel agenda",
        )
    return render(
        request,
        "validation/panel/meeting.html",
        {
            "meeting": meeting,
            "when": panel_services.when(meeting),
            "items": items,
            "may_decide": panel.may_decide_on(meeting.day, timezone.localdate()),
            "may_change": not meeting.has_started and not any(r.is_decided for r in items),
        },
    )


@requires("validation.refer_to_panel")
@require_http_methods(["GET", "POST"])
def panel_refer(request, plan_pk: int):
    """Refer the plan, or one of its risks, to the panel: from the plan page (a risk flagged for the panel comes
    chosen) or the sign-off screen."""
    plan = SupportPlan.objects.select_related("case__person").filter(pk=plan_pk).first()
    if plan is None:
        raise Http404
    _audited(request, plan.case, "validation.refer_to_panel", action=_read_or_change(request))
    waiting = set(
        PanelReferral.objects.filter(case=plan.case, status=PanelReferral.Status.OPEN).values_list(
            "risk_words", flat=True
        )
    )
    risks = [risk for risk in plan.risks.all() if risk.in_my_words.strip() not in waiting]
    chosen = request.GET.get("risk", "")
    form = panel_forms.ReferralForm(
        posted(request),
        risks=risks,
        whole_plan="" not in waiting,
        known_as=plan.case.person.known_as,
        initial={"about": chosen if chosen in {str(r.pk) for r in risks} else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = panel_services.refer(
                actor=request.user,
                plan_id=plan.pk,
                risk_id=form.risk_id,
                question=form.cleaned_data["question"],
                person_attends=form.cleaned_data["person_attends"] == "yes",
                others=form.others_named,
            )
        except panel_services.CannotPanel as refused:
            form.add_error(None, str(refused))
        else:
            going = (
                f"It goes to the panel on {panel_services.when_and_where(referral.meeting)}."
                if referral.meeting
                else "No meeting is arranged yet: it goes on the next one arranged."
            )
            messages.success(request, f"Referred to the risk enablement panel. {going}")
            return redirect(_referral_page(referral))
    return render(
        request,
        "validation/panel/refer.html",
        {
            "form": form,
            "plan": plan,
            "case": plan.case,
            "person": plan.case.person,
            "next_meeting": panel_services.upcoming_meetings().first(),
            "back": request.GET.get("from") == "sign-off",
        },
    )


@requires("validation.view_panel")
@require_GET
def panel_referral(request, pk: int):
    referral = _referral_for(request, pk, "validation.view_panel")
    return render(request, "validation/panel/referral.html", {"referral": referral, "case": referral.case})


@requires("validation.refer_to_panel")
@require_http_methods(["GET", "POST"])
def panel_attendees(request, pk: int):
    """Who comes to the panel for this referral: names, who they are, and whether they come; add someone."""
    referral = _referral_for(request, pk, "validation.refer_to_panel")
    form = panel_forms.AttendeeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            panel_services.add_attendee(
                actor=request.user,
                referral_id=referral.pk,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                attends=form.cleaned_data["attends"] == "yes",
            )
        except panel_services.CannotPanel as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{form.cleaned_data['name'].strip()} is on the list.")
            return redirect("panel_attendees", pk=referral.pk)
    return render(
        request,
        "validation/panel/attendees.html",
        {"referral": referral, "case": referral.case, "form": form},
    )


@requires("validation.refer_to_panel")
@require_POST
def panel_attendee(request, pk: int, attendee_pk: int):
    """Someone on the list comes after all, or not, or is taken off it."""
    referral = _referral_for(request, pk, "validation.refer_to_panel")
    change = request.POST.get("change", "")
    if change not in {"attends", "absent", "remove"}:
        raise Http404
    try:
        panel_services.change_attendee(
            actor=request.user,
            referral_id=referral.pk,
            attendee_id=attendee_pk,
            attends=change == "attends",
            remove=change == "remove",
        )
    except panel_services.CannotPanel as refused:
        messages.error(request, str(refused))
    return redirect("panel_attendees", pk=referral.pk)


@requires("validation.decide_panel")
@require_http_methods(["GET", "POST"])
def panel_referral_move(request, pk: int):
    referral = _referral_for(request, pk, "validation.decide_panel")
    meetings = [m for m in panel_services.upcoming_meetings() if m.pk != referral.meeting_id]
    form = panel_forms.MoveForm(posted(request), meetings=meetings)
    if request.method == "POST" and form.is_valid():
        try:
            moved = panel_services.move_referral(
                actor=request.user, referral_id=referral.pk, meeting_id=form.cleaned_data["meeting"]
            )
        except panel_services.CannotPanel as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"Moved to the meeting on {panel_services.when_and_where(moved.meeting)}."
            )
            return redirect(_referral_page(referral))
    return render(
        request,
        "validation/panel/move.html",
        {"referral": referral, "case": referral.case, "form": form, "meetings": meetings},
    )


@requires("validation.refer_to_panel")
@require_POST
def panel_referral_withdraw(request, pk: int):
    referral = _referral_for(request, pk, "validation.refer_to_panel")
    try:
        panel_services.withdraw(actor=request.user, referral_id=referral.pk)
    except panel_services.CannotPanel as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "The referral is withdrawn: it is off the panel’s agenda.")
    return redirect(_referral_page(referral))


@requires("validation.decide_panel")
@require_http_methods(["GET", "POST"])
def panel_decision(request, pk: int):
    """The panel's decision on one referral, at or after its meeting. Recorded once: whoever records it second is
    told who did, with what they typed kept."""
    referral = _referral_for(request, pk, "validation.decide_panel")
    adding = request.method == "POST" and "add_action" in request.POST
    form = panel_forms.DecisionForm(posted(request), adding=adding)
    if request.method == "POST" and not adding and form.is_valid():
        try:
            panel_services.record_decision(
                actor=request.user,
                referral_id=referral.pk,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
                actions=form.cleaned_data["actions"],
            )
        except panel_services.CannotPanel as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"The panel’s decision on {referral.case.person.full_name} is recorded."
            )
            return redirect("panel_meeting", pk=referral.meeting_id)
    meeting = referral.meeting
    return render(
        request,
        "validation/panel/decision.html",
        {
            "referral": referral,
            "case": referral.case,
            "form": form,
            "adding": adding,
            "not_yet": meeting is None or not panel.may_decide_on(meeting.day, timezone.localdate()),
            "when": panel_services.when(meeting) if meeting else "",
        },
    )
