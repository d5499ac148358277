"""The Celery app. DJANGO_SETTINGS_MODULE comes from whoever starts the process (launcher, compose, manage.py):
setting a default here would leak into every process that merely imports `config`."""

from celery import Celery

app = Celery("frontdoor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
