"""Loopback benchmark: synthetic cases, gunicorn, latency and SQL query counts per page. See bench/README.md."""
