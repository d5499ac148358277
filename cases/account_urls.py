"""Sign in, sign out and password reset, with GOV.UK templates and the access declarations every view carries."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from cases import account_views
from cases.account_forms import GovukPasswordResetForm, GovukSetPasswordForm, SignInForm
from config.access import public, signed_in

urlpatterns = [
    path("register/", account_views.register, name="register"),
    path("register/sent/", account_views.register_sent, name="register_sent"),
    path("register/confirm/<str:token>/", account_views.register_confirm, name="register_confirm"),
    path(
        "sign-in/",
        public(
            auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True)
        ),
        name="login",
    ),
    path("sign-out/", signed_in(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "password-reset/",
        public(auth_views.PasswordResetView.as_view(form_class=GovukPasswordResetForm)),
        name="password_reset",
    ),
    path(
        "password-reset/sent/", public(auth_views.PasswordResetDoneView.as_view()), name="password_reset_done"
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        public(
            auth_views.PasswordResetConfirmView.as_view(
                form_class=GovukSetPasswordForm, success_url=reverse_lazy("password_reset_complete")
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        public(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
