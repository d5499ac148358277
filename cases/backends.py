"""How the signed-in user is loaded for each request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserAndTeamBackend(ModelBackend):
    """Django's username and password backend, loading the signed-in user with their team in the one query every
    request makes for the user: the navigation on every page asks whether the user's team plans complex support
    (`support_planning.rules.in_a_complex_team`), which would otherwise fetch the team on its own each time."""

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("team").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


# As sessions record it, for code that signs a user in without a password (a confirmed account, the benchmark).
USER_AND_TEAM = f"{__name__}.{UserAndTeamBackend.__name__}"
