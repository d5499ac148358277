"""Production settings, adjusted only as far as a loopback http benchmark needs.

Everything that shapes request cost (DEBUG off, templates, middleware, sessions, whitenoise's manifest storage,
database connection reuse) is exactly as in config.settings.production. The changes:

- no redirect to https (the benchmark talks plain http to 127.0.0.1);
- hosts limited to loopback;
- collected static files go under the bench's own data directory instead of the shared ./staticfiles.

DJANGO_SECRET_KEY must be set in the environment (bench.run makes one per run and hands the same one to
gunicorn, so sessions made in the bench process are valid in the server's workers).
"""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403
from config.settings.production import BASE_DIR

SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STATIC_ROOT = (
    Path(os.environ.get("FRONTDOOR_DATA_DIR", BASE_DIR / ".data" / "bench")).resolve() / "staticfiles"
)
