"""The load `make bench` puts on the site, and how it is measured: wrk against each page and against the baseline,
consultation posts, memory per worker, and Lighthouse."""

import dataclasses
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

from bench.dataset import BENCH_ARTICLE
from local_production.processes import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = 3
WARM_UP_SECONDS = 2
CONNECTIONS = 32
SCALES = (5, 5000)
SEARCH = "ketamine side effects"
# A session cookie makes the site render the page afresh instead of serving its cached copy (page_cache.cacheable).
NO_PAGE_CACHE = "Cookie: sessionid=benchmark-visitor-without-a-session"

TARGETS = {  # what a reader or a crawler asks for; "rendered" rows show the cost without the page cache
    "home": "/",
    "learn index": "/learn/",
    "article": f"/learn/{BENCH_ARTICLE}/",
    "article in Spanish": f"/es/learn/{BENCH_ARTICLE}/",
    "search": "/search/?q=" + SEARCH.replace(" ", "+"),
    "sitemap": "/sitemap.xml",
    "sitemap, articles page 1": "/sitemap-articles.xml",
    "topic page 1": "/learn/topics/understanding-depression/",
    "consultation form GET": "/consultation/",
}
# The education pages: each is also measured rendered.
EDUCATION = ("home", "learn index", "article", "search", "sitemap", "topic page 1")
# The pages served from the page cache: each is held to the anchor's throughput and to the latency budget.
CACHED = tuple(name for name in TARGETS if name != "consultation form GET")


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def ratio(page: Result, anchor: Result) -> float:
    """A page's throughput as a share of the anchor's, measured alongside it."""
    return page.requests_per_second / anchor.requests_per_second


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (our own loopback server)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read(), response.headers


def csrf_cookie_and_token(base: str) -> tuple[str, str]:
    """What a browser holds after loading the form: the CSRF cookie and the token in the form."""
    body, headers = fetch(f"{base}/consultation/")
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie"):
        cookies.load(header)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return cookies["csrftoken"].value, token


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> Result:
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        p99_ms=_milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        errors=(sum(map(int, socket_errors.groups())) if socket_errors else 0)
        + (int(bad_status.group(1)) if bad_status else 0),
    )


def wrk(url: str, *options: str, script_args: tuple[str, ...] = (), seconds: int = SECONDS) -> tuple[Result, str]:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s", *options, url]
    command += ["--", *script_args] if script_args else []
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return parse_wrk(output), output


def mean(results: list[Result]) -> Result:
    return Result(
        requests_per_second=statistics.fmean(r.requests_per_second for r in results),
        p50_ms=statistics.fmean(r.p50_ms for r in results),
        p99_ms=statistics.fmean(r.p99_ms for r in results),
        errors=sum(r.errors for r in results),
    )


def median_round(rounds: list[tuple[Result, Result]]) -> tuple[Result, Result]:
    """The round (a baseline run and the page's run just after it) whose throughput ratio is the median.

    Runs next to each other share whatever else the machine was doing, so their ratio drifts far less than
    either figure; the errors of every round are added up.
    """
    ordered = sorted(rounds, key=lambda pair: ratio(pair[1], pair[0]))
    chosen = ordered[len(ordered) // 2]
    return tuple(
        dataclasses.replace(run, errors=sum(pair[i].errors for pair in rounds)) for i, run in enumerate(chosen)
    )


def consultation_posts(base: str, saved, seconds: int = SECONDS) -> tuple[Result, int, int]:
    """POSTs of the consultation form, each with a new submission key: (figures, posts accepted, rows saved).

    wrk stops counting when its time is up, while the server still answers the posts in flight (at most one per
    connection): those are saved but not counted as accepted. `saved(run_id)` counts the rows a run saved.
    """
    cookie, token = csrf_cookie_and_token(base)
    script = str(Path(__file__).with_name("consultation_post.lua"))
    run_id = int(time.time() * 1000) % 2**32
    script_args = (cookie, token, str(run_id))
    result, output = wrk(f"{base}/consultation/", "-s", script, script_args=script_args, seconds=seconds)
    accepted = int(re.search(r"POSTS_ACCEPTED (\d+)", output).group(1))
    result.errors += int(re.search(r"POSTS_REFUSED (\d+)", output).group(1))
    time.sleep(1)  # the last posts in flight finish
    return result, accepted, saved(run_id)


def against_baseline(baseline: str, url: str, *options: str) -> tuple[Result, Result]:
    """The baseline and the page, alternately, ROUNDS times, after a warm-up: the median round."""
    wrk(baseline, seconds=WARM_UP_SECONDS)
    wrk(url, *options, seconds=WARM_UP_SECONDS)  # fills the caches and opens the database connections
    return median_round([(wrk(baseline)[0], wrk(url, *options)[0]) for _ in range(ROUNDS)])


def posts_against_baseline(baseline: str, base: str, saved) -> tuple[Result, Result, int, int]:
    """The same for consultation posts, with the posts accepted and the rows saved added up over the rounds."""
    wrk(baseline, seconds=WARM_UP_SECONDS)
    consultation_posts(base, saved, seconds=WARM_UP_SECONDS)
    rounds, accepted, saved_rows = [], 0, 0
    for _ in range(ROUNDS):
        baseline_run = wrk(baseline)[0]
        result, round_accepted, round_saved = consultation_posts(base, saved)
        rounds.append((baseline_run, result))
        accepted, saved_rows = accepted + round_accepted, saved_rows + round_saved
    return *median_round(rounds), accepted, saved_rows


def worker_memory(pids: list[int]) -> list[tuple[int, int, int]]:
    """(pid, RSS kB, PSS kB) of each worker: PSS shares the memory forked workers have in common among them."""
    rows = []
    for pid in pids:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        rss = int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1))
        pss = int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
        rows.append((pid, rss, pss))
    return rows


def _lighthouse_report(url: str, attempts: int = 3) -> dict | None:
    """One page's Lighthouse report; Chromium sometimes fails to start on a busy machine, so it is tried again."""
    for attempt in range(1, attempts + 1):
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report.json"
            done = subprocess.run(  # noqa: S603
                [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                 "--only-categories=performance,accessibility,best-practices,seo", "--no-enable-error-reporting",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode == 0:
                return json.loads(report.read_text())
        say(f"  Lighthouse failed on {url} (attempt {attempt}): {done.stderr.strip()[-500:]}")
    return None


def lighthouse(base: str) -> tuple[dict[str, dict[str, float]], dict[str, list[str]]]:
    """Lighthouse's mobile defaults (a mid-range phone on a slow 4G connection, simulated) on three pages.

    Returns each page's category scores, and the scored audits it did not pass in full.
    """
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)  # noqa: S607
    subprocess.run([str(ROOT / "scripts" / "ensure-test-tools.sh")], check=False)  # noqa: S603
    scores, shortfalls = {}, {}
    pages = {"home": "/", "article": f"/learn/{BENCH_ARTICLE}/", "consultation form": "/consultation/"}
    for name, path in pages.items():
        result = _lighthouse_report(base + path)
        if result is None:
            shortfalls[name] = ["Lighthouse did not run (see the messages above)"]
            continue
        categories, audits = result["categories"], result["audits"]
        scores[name] = {key: category["score"] for key, category in categories.items()}
        scored = {ref["id"] for category in categories.values() for ref in category["auditRefs"] if ref["weight"]}
        shortfalls[name] = sorted(key for key in scored if audits[key]["score"] not in (None, 1))
    return scores, shortfalls
