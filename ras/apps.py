from django.apps import AppConfig


class RasConfig(AppConfig):
    name = "ras"
    verbose_name = "Ras"
