from django.apps import AppConfig


class ValidationConfig(AppConfig):
    name = "validation"
    verbose_name = "Validation"

    def ready(self):
        from support_planning.services import plan_sent
        from validation import services

        plan_sent.connect(services.agree_within_tolerance, dispatch_uid="agree_within_tolerance")
