from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Contact"

    def ready(self):
        from cases.services import closing_checks
        from contact.rules import undecided_concern

        closing_checks.append(undecided_concern)
