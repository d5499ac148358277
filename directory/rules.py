"""Who may curate the directory: the `directory.*` permissions. The directory stands alone (it imports nothing of
the case record), so the roles that curate come from the DIRECTORY_EDITOR_ROLES setting."""

import rules
from django.conf import settings


@rules.predicate
def edits_the_directory(user) -> bool:
    return getattr(user, "role", None) in settings.DIRECTORY_EDITOR_ROLES


# Add and correct listings, check those due for review, act on suggested corrections, see a listing's history.
rules.add_perm("directory.curate", edits_the_directory)
