"""The risk enablement panel, by exception: a plan or one of its risks referred with the question the panel is to
decide, placed on the next meeting (or moved to another), who comes, and the panel's decision recorded once. Each
change is one transaction, checked against the actor, and logged on the case with the referral's whole state in
the event's facts, so the plan page and the person's own page (below validation) can read it from the log."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import User
from cases.templatetags.govuk_dates import day_and_time, govuk_time
from config.access import require
from support_planning.models import PlanRisk, SupportPlan
from validation import panel
from validation.models import PanelAction, PanelAttendee, PanelDecision, PanelMeeting, PanelReferral

REFER = "validation.refer_to_panel"
SCHEDULE = "validation.schedule_panel"
DECIDE = "validation.decide_panel"

NO_QUESTION = "Enter the question the panel is to decide"
NO_REASONS = "Enter the panel’s reasons"
NO_PLACE = "Enter where the panel meets, or a link to join online"
PAST_DATE = "The date of the meeting must be today or in the future"
CHANGES_NEED_ACTIONS = "Enter the changes the plan needs as at least one action: what, who and by when"
PAST_ACTION = "The date for an action must be today or in the future"


class CannotPanel(Exception):
    """Refused, and nothing was changed; the message says why, in words for the user."""


def when(meeting: PanelMeeting) -> str:
    """Tuesday 12 May 2026 at 10am."""
    return day_and_time(meeting.starts_at)


def when_and_where(meeting: PanelMeeting) -> str:
    """Tuesday 12 May 2026 at 10am, County Hall (or online)."""
    return f"{when(meeting)}, {meeting.place or 'online'}"


def _moment(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{govuk_time(local)} on {date_format(local, 'j F Y')}"


def state_of(referral: PanelReferral) -> dict:
    """Where the referral stands, whole, as every panel event's facts carry it (cases.selectors.PanelReferralNow
    reads them): money-free, dates as ISO strings."""
    meeting = referral.meeting
    decision = PanelDecision.objects.filter(referral=referral).prefetch_related("actions").first()
    return {
        "referral": referral.pk,
        "plan": referral.plan_id,
        "plan_number": referral.plan.number,
        "about": referral.risk_words,
        "question": referral.question,
        "status": referral.status,
        "person_attends": referral.person_attends,
        "meeting": meeting.pk if meeting else None,
        "meeting_at": meeting.starts_at.isoformat() if meeting else None,
        "place": meeting.place if meeting else "",
        "online": bool(meeting and meeting.online_link),
        "referred_at": referral.referred_at.isoformat(),
        "outcome": decision.outcome if decision else "",
        "outcome_label": decision.get_outcome_display() if decision else "",
        "reasons": decision.reasons if decision else "",
        "actions": [
            {"what": action.what, "who": action.who, "by": action.by.isoformat()}
            for action in (decision.actions.all() if decision else [])
        ],
        "decided_at": decision.decided_at.isoformat() if decision else None,
    }


def _log(referral: PanelReferral, milestone: Milestone, actor: User, summary: str) -> None:
    log_event(referral.case, milestone, actor, subject=referral, summary=summary, **state_of(referral))


def _about(referral: PanelReferral) -> str:
    return (
        f"the risk “{referral.risk_words}”" if referral.risk_words else f"support plan {referral.plan.number}"
    )


def _short(text: str, most: int = 120) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _locked(referral_id: int) -> PanelReferral:
    return (
        PanelReferral.objects.select_for_update(of=("self",))
        .select_related("case__person", "plan", "meeting")
        .get(pk=referral_id)
    )


def _still_open(referral: PanelReferral) -> None:
    if referral.status == PanelReferral.Status.DECIDED:
        decision = referral.decision
        raise CannotPanel(
            f"{decision.decided_by.display_name} recorded the panel’s decision at {_moment(decision.decided_at)}: "
            "nothing more can be changed on this referral"
        )
    if referral.status == PanelReferral.Status.WITHDRAWN:
        raise CannotPanel(
            f"{referral.withdrawn_by.display_name if referral.withdrawn_by else 'Someone'} withdrew this referral "
            f"at {_moment(referral.withdrawn_at)}: nothing more can be changed on it"
        )


def upcoming_meetings(now: datetime.datetime | None = None):
    """The meetings that have not started yet, soonest first: the first is where a new referral goes."""
    return PanelMeeting.objects.filter(starts_at__gt=now or timezone.now()).order_by("starts_at", "pk")


@transaction.atomic
def refer(
    *,
    actor: User,
    plan_id: int,
    risk_id: int | None,
    question: str,
    person_attends: bool,
    others: list[str] = (),
) -> PanelReferral:
    """Refer the plan, or one of its risks (`risk_id`), to the panel with the question it is to decide; it goes on
    the next meeting (or the next one arranged). The person comes if they wish to, with whoever else they name;
    the referrer comes for the council. Nothing else waits for it."""
    question = question.strip()
    if not question:
        raise CannotPanel(NO_QUESTION)
    plan = SupportPlan.objects.select_for_update(of=("self",)).select_related("case__person").get(pk=plan_id)
    require(actor, REFER, plan.case)
    if not plan.is_current:
        raise CannotPanel(
            f"Version {plan.number} of the plan is {plan.get_status_display().lower()}: refer the latest version"
        )
    risk = None
    if risk_id is not None:
        risk = PlanRisk.objects.filter(plan=plan, pk=risk_id).first()
        if risk is None:
            raise CannotPanel("That risk is not in this version of the plan: choose one of its risks")
    words = risk.in_my_words.strip() if risk else ""
    waiting = PanelReferral.objects.filter(case=plan.case, risk_words=words, status=PanelReferral.Status.OPEN)
    already = waiting.select_related("meeting").first()
    if already:
        meeting = f", for its meeting on {when(already.meeting)}" if already.meeting else ""
        what = "This risk" if words else "The whole plan"
        raise CannotPanel(f"{what} is already waiting for the panel{meeting}")
    referral = PanelReferral(
        case=plan.case,
        plan=plan,
        risk=risk,
        risk_words=words,
        how_reduced=risk.how_reduced if risk else "",
        question=question,
        person_attends=person_attends,
        meeting=upcoming_meetings().first(),
        referred_by=actor,
    )
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError as taken:  # the plan's lock makes this unreachable; the constraint makes it certain
        raise CannotPanel("This was referred to the panel at the same moment by someone else") from taken
    person = plan.case.person
    PanelAttendee.objects.bulk_create(
        [
            PanelAttendee(referral=referral, name=actor.display_name, kind=PanelAttendee.Kind.STAFF),
            PanelAttendee(
                referral=referral,
                name=person.full_name,
                kind=PanelAttendee.Kind.PERSON,
                attends=person_attends,
            ),
            *(
                PanelAttendee(referral=referral, name=name.strip()[:200], kind=PanelAttendee.Kind.FAMILY)
                for name in others
                if name.strip()
            ),
        ]
    )
    going = f", for its meeting on {when(referral.meeting)}" if referral.meeting else ""
    _log(
        referral,
        Milestone.PANEL_REFERRED,
        actor,
        f"Referred {_about(referral)} to the risk enablement panel{going}: {_short(question)}",
    )
    return referral


def _place(referral: PanelReferral, meeting: PanelMeeting, actor: User, saying: str) -> None:
    """Put the referral on the meeting, and log where and when, after `saying`."""
    referral.meeting = meeting
    referral.save(update_fields=["meeting"])
    _log(referral, Milestone.PANEL_SCHEDULED, actor, f"{saying} {when_and_where(meeting)}")


def _check_when_and_where(starts_at: datetime.datetime, place: str, online_link: str) -> None:
    if timezone.localtime(starts_at).date() < timezone.localdate():
        raise CannotPanel(PAST_DATE)
    if not (place.strip() or online_link.strip()):
        raise CannotPanel(NO_PLACE)


@transaction.atomic
def arrange_meeting(
    *, actor: User, starts_at: datetime.datetime, place: str, online_link: str = ""
) -> PanelMeeting:
    """A meeting of the panel. Referrals waiting for a meeting (none was arranged when they were made) go on it."""
    require(actor, SCHEDULE)
    _check_when_and_where(starts_at, place, online_link)
    meeting = PanelMeeting.objects.create(
        starts_at=starts_at, place=place.strip(), online_link=online_link.strip(), arranged_by=actor
    )
    waiting = (
        PanelReferral.objects.select_for_update(of=("self",))
        .filter(status=PanelReferral.Status.OPEN, meeting=None)
        .select_related("case", "plan")
    )
    for referral in waiting:
        _place(referral, meeting, actor, f"Risk enablement panel to decide on {_about(referral)} on")
    return meeting


@transaction.atomic
def change_meeting(
    *, actor: User, meeting_id: int, starts_at: datetime.datetime, place: str, online_link: str = ""
) -> PanelMeeting:
    """Move a meeting that has not happened yet, or change where it is; each case on its agenda is told."""
    require(actor, SCHEDULE)
    meeting = PanelMeeting.objects.select_for_update().get(pk=meeting_id)
    if meeting.has_started or meeting.decisions.exists():
        raise CannotPanel(
            "This meeting has already taken place: it cannot be moved. Move its referrals to another meeting"
        )
    _check_when_and_where(starts_at, place, online_link)
    moved = (meeting.starts_at, meeting.place) != (starts_at, place.strip())
    meeting.starts_at, meeting.place, meeting.online_link = starts_at, place.strip(), online_link.strip()
    meeting.save(update_fields=["starts_at", "place", "online_link"])
    if moved:
        on_it = meeting.referrals.select_for_update(of=("self",)).filter(status=PanelReferral.Status.OPEN)
        for referral in on_it.select_related("case", "plan", "meeting"):
            _log(
                referral,
                Milestone.PANEL_SCHEDULED,
                actor,
                f"Risk enablement panel meeting moved: it decides on {_about(referral)} on "
                f"{when_and_where(meeting)}",
            )
    return meeting


@transaction.atomic
def move_referral(*, actor: User, referral_id: int, meeting_id: int) -> PanelReferral:
    """Put an open referral on another meeting that has not happened yet."""
    referral = _locked(referral_id)
    require(actor, DECIDE, referral.case)
    _still_open(referral)
    meeting = PanelMeeting.objects.filter(pk=meeting_id).first()
    if meeting is None or meeting.has_started:
        raise CannotPanel("Choose a meeting that has not happened yet")
    if meeting.pk != referral.meeting_id:
        _place(referral, meeting, actor, f"Moved {_about(referral)} to the risk enablement panel on")
    return referral


@transaction.atomic
def withdraw(*, actor: User, referral_id: int) -> PanelReferral:
    """Take an open referral off the panel's agenda (the risk was resolved another way, say)."""
    referral = _locked(referral_id)
    require(actor, REFER, referral.case)
    _still_open(referral)
    referral.status = PanelReferral.Status.WITHDRAWN
    referral.withdrawn_by, referral.withdrawn_at = actor, timezone.now()
    referral.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])
    _log(
        referral,
        Milestone.PANEL_WITHDRAWN,
        actor,
        f"Referral of {_about(referral)} to the risk enablement panel withdrawn",
    )
    return referral


@transaction.atomic
def add_attendee(*, actor: User, referral_id: int, name: str, kind: str, attends: bool) -> PanelAttendee:
    referral = _locked(referral_id)
    require(actor, REFER, referral.case)
    _still_open(referral)
    if not name.strip():
        raise CannotPanel("Enter the name of who is coming")
    return PanelAttendee.objects.create(
        referral=referral, name=name.strip()[:200], kind=kind, attends=attends
    )


@transaction.atomic
def change_attendee(
    *, actor: User, referral_id: int, attendee_id: int, attends: bool | None = None, remove: bool = False
) -> None:
    """Say whether someone comes, or take them off the list. The person's own wish is kept on the referral."""
    referral = _locked(referral_id)
    require(actor, REFER, referral.case)
    _still_open(referral)
    attendee = referral.attendees.filter(pk=attendee_id).first()
    if attendee is None:
        raise CannotPanel("That name is no longer on the list")
    if remove:
        attendee.delete()
        return
    attendee.attends = bool(attends)
    attendee.save(update_fields=["attends"])
    if attendee.kind == PanelAttendee.Kind.PERSON:
        referral.person_attends = attendee.attends
        referral.save(update_fields=["person_attends"])


def _check_actions(outcome: str, actions: list[dict]) -> None:
    if outcome == PanelDecision.Outcome.ACCEPTED_WITH_CHANGES and not actions:
        raise CannotPanel(CHANGES_NEED_ACTIONS)
    today = timezone.localdate()
    for action in actions:
        if not all(str(action.get(key) or "").strip() for key in ("what", "who")) or not action.get("by"):
            raise CannotPanel("Each action needs what is to be done, who does it and by when")
        if action["by"] < today:
            raise CannotPanel(PAST_ACTION)


@transaction.atomic
def record_decision(
    *, actor: User, referral_id: int, outcome: str, reasons: str, actions: list[dict]
) -> PanelDecision:
    """The panel's decision on a referral, at or after its meeting: the outcome, the reasoning, and the actions
    (each what, who and by when). Recorded once: whoever records it second is told who did, and when."""
    reasons = reasons.strip()
    if outcome not in PanelDecision.Outcome.values:
        raise CannotPanel("Select the panel’s decision")
    if not reasons:
        raise CannotPanel(NO_REASONS)
    _check_actions(outcome, actions)
    referral = _locked(referral_id)
    require(actor, DECIDE, referral.case)
    if referral.status == PanelReferral.Status.DECIDED:
        first = referral.decision
        raise CannotPanel(
            f"{first.decided_by.display_name} recorded the panel’s decision at {_moment(first.decided_at)}: "
            "yours was not recorded"
        )
    _still_open(referral)
    meeting = referral.meeting
    if meeting is None:
        raise CannotPanel("This referral is not on a meeting yet: place it on one first")
    if not panel.may_decide_on(meeting.day, timezone.localdate()):
        raise CannotPanel(f"The panel meets on {when(meeting)}: record its decision at or after the meeting")
    try:
        with transaction.atomic():
            decision = PanelDecision.objects.create(
                referral=referral,
                case=referral.case,
                meeting=meeting,
                outcome=outcome,
                reasons=reasons,
                decided_by=actor,
            )
    except IntegrityError as taken:  # the lock makes this unreachable; the constraint makes it certain
        raise CannotPanel(
            "Someone else recorded the panel’s decision at the same moment: yours was not recorded"
        ) from taken
    PanelAction.objects.bulk_create(
        PanelAction(decision=decision, what=a["what"].strip(), who=a["who"].strip(), by=a["by"])
        for a in actions
    )
    referral.status = PanelReferral.Status.DECIDED
    referral.save(update_fields=["status"])
    _log(
        referral,
        Milestone.PANEL_DECIDED,
        actor,
        f"Risk enablement panel on {_about(referral)}: {decision.get_outcome_display().lower()}",
    )
    return decision
