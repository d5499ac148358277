from config.env import env_str
from config.logs import logging_settings

from .base import *  # noqa: F403

DEBUG = True

# Readable log lines at the terminal unless LOG_FORMAT says otherwise.
LOG_FORMAT = env_str("LOG_FORMAT", "console")
LOGGING = logging_settings(log_format=LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))

# Serve static files straight from the source folders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
