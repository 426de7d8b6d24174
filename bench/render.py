"""CPU time of a page rendered afresh, in this process, through the whole middleware stack as gunicorn calls it.

    python -m bench.render [RENDERS]    (with the benchmark's environment; see bench/run.py)

Each page is requested RENDERS times (default 200) after 20 unmeasured ones, in ROUNDS rounds that take the pages
in turn, so that each page meets the machine's fast and slow moments alike (on a shared virtual machine the same
Python loop was seen to take 191 to 385 ms within twelve seconds). The figure is the median time.process_time() per
request, in milliseconds: this process's CPU, not the database's; beside it, the fastest round's median, what the
page costs while the machine runs at full speed. The article is the page a reader without a session gets on a cache
miss (the page cache's version is replaced before each request, outside the measured time); the consultation form is
never cached; the questionnaire step is what a person part-way through it gets, from a draft held in their session.
Prints one JSON object: {"median": {page: ms}, "fastest round": {page: ms}}.
"""

import io
import json
import statistics
import sys
import time

import django

from bench.dataset import BENCH_ARTICLE

RENDERS = 200
ROUNDS = 10
WARM_UP = 20
# The budget per page, in milliseconds of CPU.
BUDGET_MS = {"article": 4.0, "consultation form GET": 4.0, "questionnaire step": 5.0}


def _draft_cookie() -> str:
    """A session holding a new questionnaire draft, as starting the questionnaire leaves one."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from eligibility.models import Questionnaire
    from eligibility.questionnaire_views import SESSION_DRAFT, SESSION_GENERATION

    draft = Questionnaire.objects.create()
    session = SessionStore()
    session[SESSION_DRAFT], session[SESSION_GENERATION] = draft.pk, draft.session_generation
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _environ(path: str, cookie: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def cpu_seconds(application, path: str, *, cookie: str = "", before=lambda: None, requests: int) -> list[float]:
    """The CPU seconds of each of `requests` requests for `path`."""

    def start_response(status, headers, exc_info=None):
        if not status.startswith("200"):
            raise RuntimeError(f"{path} answered {status}")

    times = []
    for _ in range(requests):
        before()
        started = time.process_time()
        response = application(_environ(path, cookie), start_response)
        b"".join(response)
        response.close()
        times.append(time.process_time() - started)
    return times


def measure(renders: int = RENDERS) -> dict[str, dict[str, float]]:
    from django.core.wsgi import get_wsgi_application

    from clinic_site import page_cache

    application = get_wsgi_application()
    pages = {
        "article": {"path": f"/learn/{BENCH_ARTICLE}/", "before": page_cache.invalidate},
        "consultation form GET": {"path": "/consultation/"},
        "questionnaire step": {"path": "/eligibility/about-you/", "cookie": _draft_cookie()},
    }
    for request in pages.values():
        cpu_seconds(application, **request, requests=WARM_UP)
    rounds = {page: [] for page in pages}
    for round_number in range(ROUNDS):
        in_this_round = renders // ROUNDS + (round_number < renders % ROUNDS)
        for page, request in pages.items():
            rounds[page].append(cpu_seconds(application, **request, requests=in_this_round))
    return {
        "median": {page: statistics.median([t for run in each for t in run]) * 1000 for page, each in rounds.items()},
        "fastest round": {page: min(map(statistics.median, each)) * 1000 for page, each in rounds.items()},
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else RENDERS)))
