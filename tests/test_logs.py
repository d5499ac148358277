"""Logs (config.logs): one JSON line a request carrying its ids, nothing about the people the service is for."""

import io
import json
import logging
from types import SimpleNamespace

import pytest
import structlog
from celery.signals import before_task_publish, task_postrun, task_prerun
from django.urls import reverse

import config.celery  # noqa: F401  (connects the task signals)
from config import logs

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the request logger writes, rendered as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter("json"))
    logger = logging.getLogger("frontdoor")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_a_request_logs_one_line_with_its_ids_and_nothing_it_was_asked_about(
    client, practitioner, someone, log_lines
):
    client.force_login(practitioner)
    response = client.get(
        reverse("person_search"),
        {"q": f"{someone.given_name} {someone.family_name}"},
        HTTP_X_REQUEST_ID="proxy-id-1234",
    )
    assert response.status_code == 200 and response["X-Request-ID"] == "proxy-id-1234"
    [line] = log_lines()
    assert line["event"] == "request" and line["request_id"] == "proxy-id-1234"
    assert line["user_id"] == practitioner.pk and line["status"] == 200 and line["route"] == "people/"
    assert line["method"] == "GET" and isinstance(line["duration_ms"], int) and line["timestamp"]
    written = json.dumps(line)
    assert someone.given_name not in written and someone.family_name not in written and "q=" not in written


@pytest.mark.parametrize("sent", [None, "", "short", "has spaces in it", "x" * 101, "id\nforged line"])
def test_a_request_with_no_usable_id_gets_a_new_one(client, log_lines, sent):
    headers = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    response = client.get(reverse("healthz"), **headers)
    [line] = log_lines()
    assert line["request_id"] == response["X-Request-ID"] != sent and len(line["request_id"]) == 32
    assert line["user_id"] is None


def test_a_field_not_known_to_be_safe_never_reaches_the_log(log_lines):
    structlog.get_logger("frontdoor.tests").info(
        "person_saved", user_id=7, name="Margaret Ellis", address="12 Orchard Close", postcode="NR1 3QQ"
    )
    [line] = log_lines()
    assert line["event"] == "person_saved" and line["user_id"] == 7
    assert not {"name", "address", "postcode"} & line.keys()


def test_every_line_a_task_logs_carries_its_id_its_name_and_the_request_that_sent_it(log_lines):
    structlog.contextvars.bind_contextvars(request_id="proxy-id-1234")
    headers = {}
    before_task_publish.send(sender="cases.tasks.render_letter", headers=headers, body=())
    assert headers["request_id"] == "proxy-id-1234"
    structlog.contextvars.clear_contextvars()

    class Task:  # as Celery gives it to the signal: hashable, with the request it is running
        name = "cases.tasks.render_letter"
        request = SimpleNamespace(request_id="proxy-id-1234")

    task = Task()
    task_prerun.send(sender=task, task_id="task-1", task=task, args=(), kwargs={})
    structlog.get_logger("frontdoor.tests").info("letter_rendered")
    task_postrun.send(
        sender=task, task_id="task-1", task=task, args=(), kwargs={}, retval=None, state="SUCCESS"
    )
    structlog.get_logger("frontdoor.tests").info("after")
    during, after = log_lines()
    assert (during["task_id"], during["task_name"], during["request_id"]) == (
        "task-1",
        "cases.tasks.render_letter",
        "proxy-id-1234",
    )
    assert "task_id" not in after


def test_development_logs_read_as_text():
    record = logging.LogRecord("frontdoor.tests", logging.INFO, __file__, 1, "started", None, None)
    assert "started" in logs.formatter("console").format(record)
    assert json.loads(logs.formatter("json").format(record))["event"] == "started"
