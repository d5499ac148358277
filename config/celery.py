"""The Celery app. DJANGO_SETTINGS_MODULE comes from whoever starts the process (launcher, compose, manage.py):
setting a default here would leak into every process that merely imports `config`."""

from celery import Celery
from celery.signals import before_task_publish, setup_logging, task_postrun, task_prerun

from config import logs

app = Celery("frontdoor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every line a task logs carries its id and name, and the id of the request that sent it.
before_task_publish.connect(logs.pass_request_id, weak=False)
task_prerun.connect(logs.bind_task, weak=False)
task_postrun.connect(logs.unbind_task, weak=False)


@setup_logging.connect
def use_the_apps_logging(**kwargs):
    """The worker logs as the web does (Django's LOGGING), not in Celery's own format."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
