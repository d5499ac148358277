from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Contact"

    def ready(self) -> None:
        # The permissions (rules autodiscovers only `rules.py`, which here holds the front door's business rules).
        from contact import permissions  # noqa: F401
