"""Citizens make their own accounts: an email address and a password, confirmed by a link sent to that address
before the account can be used. A staff account is never made or changed here."""

from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.db import transaction

from cases.models import User
from cases.roles import Role

CONFIRM_SALT = "cases.registration.confirm"
CONFIRM_FOR_SECONDS = 3 * 24 * 3600


class AlreadyRegistered(Exception):
    """An account with that address is already in use: sign in, or reset the password."""


class BadConfirmation(Exception):
    """The link is wrong, has expired, or belongs to no account still waiting."""


def _username(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def register_citizen(*, email: str, password: str) -> User:
    """An account waiting to be confirmed; registering again before confirming replaces the password and
    gets a fresh link (the first email may have been lost), never a second account."""
    username = _username(email)
    user = User.objects.select_for_update().filter(username=username).first()
    if user is not None and (user.is_active or user.role != Role.CITIZEN):
        raise AlreadyRegistered
    if user is None:
        user = User(username=username, email=username, role=Role.CITIZEN, team=None, is_active=False)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return user


def confirmation_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


@transaction.atomic
def confirm(token: str) -> User:
    try:
        claim = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_FOR_SECONDS)
    except signing.BadSignature as bad:
        raise BadConfirmation from bad
    user = User.objects.select_for_update().filter(pk=claim.get("user"), email=claim.get("email")).first()
    if user is None or user.role != Role.CITIZEN:
        raise BadConfirmation
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
