"""`make bench`: the production configuration on PostgreSQL under load, measured against Django's own ceiling.

For 5 and then 5,000 published articles: rebuild the `clinic_bench` database, start gunicorn with the
production settings and middleware on a free loopback port, and load each page with wrk at 32 connections.
The baseline, the bare-Django anchor, is a Django view that returns a fixed page of the size of the page
measured (the article's, for posts), behind Security and Common middleware only (bench/urls.py, bench/settings.py),
from a gunicorn of its own with the same workers. The anchor and each page are run alternately, three times; the
round whose page-to-anchor throughput ratio is the median is reported, every figure also as a ratio to that round's
anchor, because absolute numbers on a shared machine drift. The report starts with those ratios for the cached pages.
The outbox sender runs beside gunicorn, as with
`make serve`. Then: the consultation posts found in the database, the e-mails they queued delivered, memory
per worker, the pages behind the shipped nginx configuration (bench/edge.py), and Lighthouse.

Environment: BENCH_DATABASE_URL (a database named clinic_bench*, dropped and re-created), BENCH_REDIS_URL
(the cache; default Redis database 13 on this machine), BENCH_SECONDS (per round, default 5), WEB_CONCURRENCY.
The load and its measures are in bench/load.py, the report in bench/report.py, the database in bench/database.py;
the production stack on this machine comes from local_production, as for `make faults`.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import edge
from bench.database import DATABASE_URL, database, requests_saved, wait_for_outbox
from bench.load import (
    EDUCATION,
    NO_PAGE_CACHE,
    SCALES,
    TARGETS,
    against_baseline,
    fetch,
    lighthouse,
    mean,
    posts_against_baseline,
    ratio,
    say,
    worker_memory,
)
from bench.report import report
from local_production import site
from local_production.processes import PYTHON, answers, free_port, run, wait_until

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
ANCHOR = "/bench/baseline/{size}/"  # bench/urls.py


def ensure_wrk() -> None:
    """wrk comes from Debian's package; install it when missing and allowed to, as scripts/ensure-test-tools.sh does."""
    if shutil.which("wrk"):
        return
    as_root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    install = [*as_root, "apt-get", "install", "-y", "-q", "wrk"]
    say("Installing Debian's wrk for the benchmark...")
    if subprocess.run(install, capture_output=True, check=False).returncode != 0:  # noqa: S603
        subprocess.run([*as_root, "apt-get", "update", "-q"], capture_output=True, check=False)  # noqa: S603
        subprocess.run(install, capture_output=True, check=False)  # noqa: S603
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: sudo apt-get install -y wrk")


def site_environment(port: int) -> dict:
    """The production configuration."""
    return site.environment(
        purpose="benchmark",
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        DJANGO_SETTINGS_MODULE="clinic_site.settings",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        # E-mails are queued and "sent" as in production, to nowhere: the mail server is not what is measured.
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PORT=str(port),
    )


class Server:
    """gunicorn and the outbox sender beside it, as `make serve` starts them, and the anchor's own gunicorn."""

    def __init__(self, env: dict):
        self.port, self.anchor_port = int(env["PORT"]), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        log_dir = Path(tempfile.mkdtemp(prefix="bench-"))
        self.gunicorn = site.app_server(env, port=self.port, log_dir=log_dir)
        self.sender = site.mail_sender(env, log_dir=log_dir)
        anchor_env = env | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
        self.anchor = site.app_server(anchor_env, port=self.anchor_port, log_dir=log_dir)

    def __enter__(self):
        for process in (self.gunicorn, self.sender, self.anchor):
            process.start()
        ready = ((self.gunicorn, self.port, "/healthz"), (self.anchor, self.anchor_port, ANCHOR.format(size=1)))
        for process, port, path in ready:
            try:
                wait_until(lambda port=port, path=path: answers(port, path), seconds=60, what="gunicorn")
            except RuntimeError:
                self.__exit__()
                sys.exit(f"gunicorn did not answer; see {process.log}")
        return self

    def __exit__(self, *exc):
        for process in (self.gunicorn, self.sender, self.anchor):
            process.stop()

    def workers(self) -> list[int]:
        pid = self.gunicorn.popen.pid
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def run_scale(articles: int) -> dict:
    port = free_port()
    env = site_environment(port)
    say(f"\n== {articles} articles: database, data set, server on port {port}")
    database().recreate_database()
    site.manage(env, "migrate", "--no-input", "-v0")
    published = int(run([PYTHON, "-m", "bench.dataset", str(articles)], env=env).stdout.strip())
    say("  CPU of a page rendered afresh (bench/render.py)")
    render_cpu = json.loads(run([PYTHON, "-m", "bench.render"], env=env).stdout)
    say(f"  {render_cpu}")
    results, baselines = {}, {}
    with Server(env) as server:
        sizes = {name: len(fetch(server.base + path)[0]) for name, path in TARGETS.items()}
        page_size = sizes["article"]
        say(f"  {published} articles published; the article page is {page_size} bytes")

        def anchor(size: int) -> str:
            return f"http://127.0.0.1:{server.anchor_port}{ANCHOR.format(size=size)}"

        runs = [(name, name, server.base + path, ()) for name, path in TARGETS.items()]
        runs += [(f"{name}, rendered", name, server.base + TARGETS[name], ("-H", NO_PAGE_CACHE)) for name in EDUCATION]
        for name, page, url, options in runs:
            say(f"  {name}")
            baselines[name], results[name] = against_baseline(anchor(sizes[page]), url, *options)
            x, p99 = ratio(results[name], baselines[name]), results[name].p99_ms
            say(f"    {x:.2f} of the anchor's req/s; p99 {p99:.1f} ms")
        say("  consultation form POST")
        posts = posts_against_baseline(anchor(page_size), server.base, requests_saved)
        baselines["consultation form POST"], results["consultation form POST"], accepted, saved = posts
        emails = wait_for_outbox()
        memory = worker_memory(server.workers())
        behind_nginx = edge.measure(server.port, env) if articles == SCALES[-1] else {}
        scores, shortfalls = lighthouse(server.base) if articles == SCALES[-1] else ({}, {})
    return {
        "published": published,
        "render_cpu": render_cpu,
        "page_size": page_size,
        "results": results,
        "baselines": baselines,
        "baseline": mean(list(baselines.values())),
        "posts": (accepted, saved),
        "emails": emails,
        "memory": memory,
        "behind_nginx": behind_nginx,
        "lighthouse": scores,
        "lighthouse_shortfalls": shortfalls,
    }


def main() -> None:
    ensure_wrk()
    database()
    site.manage(site_environment(free_port()), "collectstatic", "--no-input", "-v0")
    small, large = (run_scale(articles) for articles in SCALES)
    print(report(small, large))


if __name__ == "__main__":
    main()
