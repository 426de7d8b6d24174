"""Gunicorn settings for `make serve` and production. The address and the number of workers come from the environment.

HOST (default 127.0.0.1) and PORT (default 8000): where to listen; put a TLS proxy in front in production.
WEB_CONCURRENCY (default two per CPU core, plus one): how many worker processes answer requests.
"""

import multiprocessing
import os

wsgi_app = "clinic_site.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# Load Django once, before forking: the workers share its memory, and a settings error stops the start at once.
preload_app = True
# Heartbeat files in memory rather than on disk, so a slow disk cannot get a worker killed as unresponsive.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn's documented choice; holds no data)
# gunicorn's own lines (a request it failed on, one line per request) are JSON lines on stderr through the same
# scrubbing formatter as the app's (clinic_site/logs.py): a URL can carry search terms or a resume token.
logconfig_dict = {
    "formatters": {
        "json": {
            "()": "clinic_site.logs.ScrubbingJsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        }
    },
    "filters": {"request_id": {"()": "clinic_site.logs.RequestIdFilter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
    },
}
# The request line (its query string scrubbed), status, bytes and milliseconds: no Referer, cookie or user agent.
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms'
# No runtime control socket: one fixed path per user would clash between two servers on a machine.
control_socket_disable = True
