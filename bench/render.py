"""CPU time of a page rendered afresh, in this process, through the whole middleware stack as gunicorn calls it.

    python -m bench.render [RENDERS]    (with the benchmark's environment; see bench/run.py)

Each page is requested RENDERS times (default 200) after 20 unmeasured ones, in ROUNDS rounds that take the pages
in turn, so that each page meets the machine's fast and slow moments alike (on a shared virtual machine the same
Python loop was seen to take 191 to 385 ms within twelve seconds). The figure is the median time.process_time() per
request, in milliseconds: this process's CPU, not the database's; beside it, the fastest round's median, what the
page costs while the machine runs at full speed. The article is the page a reader without a session gets on a cache
miss (the page cache's version is replaced before each request, outside the measured time); the consultation form is
never cached; the questionnaire step is what a person part-way through it gets, from a draft held in their session.
In the same rounds it times the issue's yardstick: a plain Django template of the article page's size (its text and
ten variables), rendered YARDSTICK_RENDERS times a sample. Each page's median divided by the yardstick's (per render)
does not depend on how fast the machine runs at the time, so it compares across runs and commits.
Prints one JSON object: {"median": {page: ms}, "fastest round": {page: ms}, "yardstick ms": ms per plain render,
"x yardstick": {page: median ÷ yardstick}}.
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
YARDSTICK = "yardstick"
YARDSTICK_RENDERS = 100
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


def _page(application, path: str, *, cookie: str = "", before=lambda: None):
    """`path` requested once, as gunicorn does, its body read; and what to do first, outside the time measured."""

    def start_response(status, headers, exc_info=None):
        if not status.startswith("200"):
            raise RuntimeError(f"{path} answered {status}")

    def request() -> bytes:
        response = application(_environ(path, cookie), start_response)
        body = b"".join(response)
        response.close()
        return body

    return before, request


def _plain_template(size: int):
    """The yardstick: a Django template of `size` bytes of text and ten variables, rendered YARDSTICK_RENDERS times."""
    from django.template import engines

    names = [f"value_{n}" for n in range(10)]
    text = "x" * (size // len(names))
    template = engines["django"].from_string("".join(f"<p>{text} {{{{ {name} }}}}</p>\n" for name in names))
    context = {name: f"<{name}> & more" for name in names}

    def render() -> None:
        for _ in range(YARDSTICK_RENDERS):
            template.render(context)

    return lambda: None, render


def cpu_seconds(before, call, *, times: int) -> list[float]:
    """The CPU seconds of each of `times` calls."""
    seconds = []
    for _ in range(times):
        before()
        started = time.process_time()
        call()
        seconds.append(time.process_time() - started)
    return seconds


def measure(renders: int = RENDERS) -> dict[str, dict[str, float]]:
    from django.core.wsgi import get_wsgi_application

    from clinic_site import page_cache

    application = get_wsgi_application()
    article = _page(application, f"/learn/{BENCH_ARTICLE}/", before=page_cache.invalidate)
    _, read_article = article
    pages = {
        "article": article,
        "consultation form GET": _page(application, "/consultation/"),
        "questionnaire step": _page(application, "/eligibility/about-you/", cookie=_draft_cookie()),
        YARDSTICK: _plain_template(len(read_article())),
    }
    for before, call in pages.values():
        cpu_seconds(before, call, times=WARM_UP)
    rounds = {page: [] for page in pages}
    for round_number in range(ROUNDS):
        in_this_round = renders // ROUNDS + (round_number < renders % ROUNDS)
        for page, (before, call) in pages.items():
            rounds[page].append(cpu_seconds(before, call, times=in_this_round))
    medians = {page: statistics.median([t for run in each for t in run]) * 1000 for page, each in rounds.items()}
    yardstick = medians.pop(YARDSTICK) / YARDSTICK_RENDERS
    del rounds[YARDSTICK]
    return {
        "median": medians,
        "fastest round": {page: min(map(statistics.median, each)) * 1000 for page, each in rounds.items()},
        "yardstick ms": yardstick,
        "x yardstick": {page: ms / yardstick for page, ms in medians.items()},
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else RENDERS)))
