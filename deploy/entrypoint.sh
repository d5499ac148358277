#!/bin/sh
# Entrypoint of the Front Door image. The first argument says what this container is:
#
#   web           gunicorn on 0.0.0.0:8000 (GUNICORN_WORKERS, default 3)
#   worker        Celery worker (CELERY_CONCURRENCY, default 2)
#   beat          Celery beat, schedule kept in /data/celerybeat-schedule
#   migrate       apply migrations, then load demo data when LOAD_DEMO_DATA is true; exits when done
#   healthcheck   exit 0 when this container's /healthz/ answers "ok" (for the web container)
#   anything else is run as given, e.g.  python manage.py create_council_admin USERNAME
#
# Extra arguments after web, worker or beat are passed on to gunicorn or celery.
set -eu

is_true() {
    case "$(printf '%s' "${1:-}" | tr '[:upper:]' '[:lower:]')" in
        1 | true | yes | on) return 0 ;;
        *) return 1 ;;
    esac
}

role="${1:-web}"
if [ "$#" -gt 0 ]; then
    shift
fi

case "$role" in
    web)
        exec gunicorn config.wsgi:application \
            --bind 0.0.0.0:8000 \
            --workers "${GUNICORN_WORKERS:-3}" \
            --worker-tmp-dir /dev/shm \
            "$@"
        ;;
    worker)
        exec celery -A config worker \
            --loglevel "${LOG_LEVEL:-INFO}" \
            --concurrency "${CELERY_CONCURRENCY:-2}" \
            "$@"
        ;;
    beat)
        exec celery -A config beat \
            --schedule /data/celerybeat-schedule \
            --loglevel "${LOG_LEVEL:-INFO}" \
            "$@"
        ;;
    migrate)
        python manage.py migrate --no-input
        if is_true "${LOAD_DEMO_DATA:-false}"; then
            echo "LOAD_DEMO_DATA is set: loading demo data" >&2
            python manage.py load_demo
        fi
        ;;
    healthcheck)
        # Asks gunicorn directly, as the reverse proxy would: with a Host Django accepts (the first of
        # DJANGO_ALLOWED_HOSTS) and X-Forwarded-Proto: https, so DJANGO_SECURE_SSL_REDIRECT does not
        # answer with a redirect instead.
        exec python -c '
import os, sys, urllib.request

hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
host = hosts[0].lstrip(".") if hosts else "localhost"
if host in ("", "*"):
    host = "localhost"
request = urllib.request.Request(
    "http://127.0.0.1:8000/healthz/", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        body = response.read().strip()
        healthy = response.status == 200 and body == b"ok"
        if not healthy:
            print(f"unhealthy: HTTP {response.status} {body[:80]!r}", file=sys.stderr)
except Exception as error:
    print(f"unhealthy: {error}", file=sys.stderr)
    healthy = False
sys.exit(0 if healthy else 1)
'
        ;;
    *)
        exec "$role" "$@"
        ;;
esac
