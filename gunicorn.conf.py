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
# No access log here: the proxy in front keeps one, and URLs can carry search terms.
accesslog = None
# No runtime control socket: one fixed path per user would clash between two servers on a machine.
control_socket_disable = True
