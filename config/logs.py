"""Logs as the stack intends: structured (structlog), one JSON object a line on stdout for the log shipper, or
readable lines in development (`LOG_FORMAT=console`), each carrying the ids that tie it to a request or a
Celery task and nothing about the people the service is for.

Ids only: a request's id (its `X-Request-ID` when the proxy sent a sane one, else a new one, given back in the
response), the signed-in user's id, a task's id and name, the route pattern (`cases/<int:pk>/`, never the path
with its values or query). Every line passes `keep_only_known_fields`, which drops any field not on the list, so
a name, an address or an answer passed to a logger by mistake never reaches the logs.
"""

import logging
import re
import time
import uuid

import structlog

# The only fields a log line may carry. Add one here only if it can never hold a personal value.
KNOWN_FIELDS = frozenset(
    {
        "event",
        "level",
        "logger",
        "timestamp",
        "exception",
        "request_id",
        "user_id",
        "task_id",
        "task_name",
        "method",
        "route",
        "view",
        "status",
        "duration_ms",
    }
)
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,100}")

request_log = structlog.get_logger("frontdoor.requests")


def keep_only_known_fields(logger, method_name, event_dict):
    return {key: value for key, value in event_dict.items() if key in KNOWN_FIELDS}


SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def formatter(log_format: str = "json") -> logging.Formatter:
    """Lines from structlog and from the standard library alike, as JSON or (`console`) for people."""
    renderer = (
        structlog.dev.ConsoleRenderer(colors=False)
        if log_format == "console"
        else structlog.processors.JSONRenderer()
    )
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            keep_only_known_fields,
            renderer,
        ],
    )


def logging_settings(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: everything, Django's and libraries' own lines too, through structlog to stdout."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": {"()": "config.logs.formatter", "log_format": log_format}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "structured",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # Django's own console handler (when DEBUG) would write each of its lines a second time.
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.db.backends": {"level": "WARNING"},
            "weasyprint": {"level": "WARNING"},
            # runserver's own line a request carries the query string (a search for a name): ours replaces it.
            "django.server": {"handlers": [], "propagate": False},
        },
    }


def configure_structlog() -> None:
    structlog.configure(
        processors=[*SHARED_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def request_id_from(header: str | None) -> str:
    """The id a proxy gave the request, when it looks like an id; a new one otherwise (never a value a client
    could use to write into our logs)."""
    return header if header and REQUEST_ID.fullmatch(header) else uuid.uuid4().hex


class RequestLogMiddleware:
    """One line a request, with its ids, status and time; binds the ids for every other line the request
    logs. Sits after the authentication middleware, so the user is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        structlog.contextvars.clear_contextvars()
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        structlog.contextvars.bind_contextvars(request_id=request_id, user_id=user_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            match = getattr(request, "resolver_match", None)
            request_log.info(
                "request",
                method=request.method,
                route=match.route if match else None,
                view=match.view_name if match else None,
                status=response.status_code,
                duration_ms=round((time.monotonic() - started) * 1000),
            )
            response["X-Request-ID"] = request_id
            return response
        finally:
            structlog.contextvars.clear_contextvars()


def bind_task(task_id=None, task=None, **kwargs) -> None:
    """Celery's task_prerun: every line a task logs carries its id, its name and the request that sent it."""
    structlog.contextvars.clear_contextvars()
    headers = getattr(task.request, "headers", None) or {}
    structlog.contextvars.bind_contextvars(
        task_id=task_id,
        task_name=task.name,
        request_id=getattr(task.request, "request_id", None) or headers.get("request_id"),
    )


def unbind_task(**kwargs) -> None:
    structlog.contextvars.clear_contextvars()


def pass_request_id(headers=None, **kwargs) -> None:
    """Celery's before_task_publish: a task sent during a request carries the request's id."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id and headers is not None:
        headers.setdefault("request_id", request_id)
