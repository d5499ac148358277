# Front Door: one image for the web server, the Celery worker, Celery beat and the migrate job.
# What each container runs is chosen by deploy/entrypoint.sh (web | worker | beat | migrate | any command).
#
#   docker compose build          (see docs/deployment.md)

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- 1. Front-end assets: GOV.UK Frontend / MOJ Frontend built into static/build/ ----------------------
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The whole (filtered, see .dockerignore) source tree, so the build finds whatever it reads.
COPY . .
RUN npm run build

# --- 2. Python dependencies: the locked runtime set, into /app/.venv ------------------------------------
FROM ${PYTHON_IMAGE} AS python-deps
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
RUN pip install uv==0.13.8
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

# --- 3. Runtime image ------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/app/.venv \
    PATH="/app/.venv/bin:${PATH}" \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MEDIA_ROOT=/app/media

# WeasyPrint (letters as PDF) needs Pango and HarfBuzz; Liberation fonts give Arial-compatible metrics.
# fontconfig builds the system font cache here, as the app user has no writable home for one.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-liberation \
        fontconfig \
    && fc-cache -f \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 frontdoor \
    && useradd --system --uid 10001 --gid frontdoor --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin frontdoor

WORKDIR /app
COPY --from=python-deps /app/.venv /app/.venv
COPY . .
COPY --from=assets /app/static/build /app/static/build

# Static files are collected at build time (whitenoise serves them from /app/staticfiles).
# The secret key here exists only for this one command; it is not kept in the image.
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --no-input

# The only places the app writes: uploaded/generated files and the beat schedule. Named volumes mounted
# here start with this ownership, so the unprivileged user can write to them.
RUN mkdir -p /app/media /data && chown frontdoor:frontdoor /app/media /data

USER frontdoor
EXPOSE 8000
ENTRYPOINT ["/bin/sh", "/app/deploy/entrypoint.sh"]
CMD ["web"]
