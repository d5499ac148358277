from .base import *  # noqa: F403

DEBUG = True

# Serve static files straight from the source folders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
