from django.apps import AppConfig


class SupportPlanningConfig(AppConfig):
    name = "support_planning"
    verbose_name = "Support planning"
