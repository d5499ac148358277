"""A citizen makes an account and confirms their email address; then they are signed in."""

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cases import registration
from cases.account_forms import RegisterForm
from cases.backends import USER_AND_TEAM
from cases.tasks import send_confirmation_task
from config.access import public
from config.requests import posted, safe_next


@public
@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = registration.register_citizen(
                email=form.cleaned_data["email"], password=form.cleaned_data["password1"]
            )
        except registration.AlreadyRegistered:
            form.add_error(
                "email",
                "There is already an account with this email address. Sign in, or reset your password",
            )
        except ValidationError as invalid:
            form.add_error("password1", invalid)
        else:
            site_url = request.build_absolute_uri("/")
            transaction.on_commit(lambda: send_confirmation_task.delay(user.pk, site_url))
            request.session["confirm_next"] = safe_next(request) or ""
            return redirect("register_sent")
    return render(request, "registration/register.html", {"form": form, "next": safe_next(request) or ""})


@public
@require_GET
def register_sent(request):
    return render(request, "registration/register_sent.html")


@public
@require_GET
def register_confirm(request, token: str):
    try:
        user = registration.confirm(token)
    except registration.BadConfirmation:
        return render(request, "registration/confirm_failed.html", status=400)
    login(request, user, backend=USER_AND_TEAM)
    return redirect(request.session.pop("confirm_next", "") or "self_assessment")
