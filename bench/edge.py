"""`make bench`, the nginx layer: public pages through the shipped nginx configuration (deploy/nginx, in a temporary
prefix, as `make faults` starts it) against the same nginx serving the same bytes as a static file.

Both are measured the same way as the pages against the Django baseline (bench.load.against_baseline): the static
copy and the page alternately, the median round. The page is a copy nginx keeps (X-Cache-Status: HIT), so this
measures what nginx adds to a static file: the cache key, the look-up and the app's headers.
"""

import tempfile
from pathlib import Path

from bench.load import TARGETS, Result, against_baseline, fetch, say
from local_production.nginx import Nginx
from local_production.processes import free_port

PAGES = ("article", "topic page 1", "home")  # about 35 s each; a search with words is never kept by nginx
TARGET = 0.5  # of the static file's requests per second
STATIC_COPY = "/bench/static-copy.html"


def measure(app_port: int, env: dict) -> dict[str, tuple[Result, Result, str]]:
    """For each page: (the static copy, the page through nginx, nginx's X-Cache-Status once measured)."""
    prefix = Path(tempfile.mkdtemp(prefix="bench-nginx-")) / "nginx"
    copy = prefix.parent / "static-copy.html"
    location = f"location = {STATIC_COPY} {{ alias {copy}; default_type text/html; }}"
    nginx = Nginx(prefix, port=free_port(), app_ports=[app_port], env=env, extra=location)
    nginx.start()
    base, results = f"http://127.0.0.1:{nginx.port}", {}
    try:
        for name in PAGES:
            say(f"  {name}, behind nginx")
            copy.write_bytes(fetch(base + TARGETS[name])[0])
            static, page = against_baseline(base + STATIC_COPY, base + TARGETS[name])
            results[name] = (static, page, fetch(base + TARGETS[name])[1].get("X-Cache-Status", ""))
    finally:
        nginx.stop()
    return results


def _ratio(static: Result, page: Result) -> float:
    return page.requests_per_second / static.requests_per_second


def report_lines(results: dict) -> list[str]:
    lines = [
        "| Page | × static file | req/s behind nginx | req/s, static | p50 ms | p99 ms | errors | X-Cache-Status |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, (static, page, cache) in results.items():
        throughput = f"{_ratio(static, page):.2f} | {page.requests_per_second:.0f} | {static.requests_per_second:.0f}"
        lines.append(f"| {name} | {throughput} | {page.p50_ms:.1f} | {page.p99_ms:.1f} | {page.errors} | {cache} |")
    return lines


def checks(results: dict) -> list[tuple[bool, str]]:
    """Each page at least TARGET of the static file, answered from nginx's copy, without errors."""
    found = []
    for name, (static, page, cache) in results.items():
        ratio = _ratio(static, page)
        text = f"behind nginx, {name} at {ratio:.2f} of nginx serving the same bytes as a static file (target {TARGET})"
        found.append((ratio >= TARGET and cache == "HIT" and not page.errors, f"{text}; {cache}, {page.errors} errors"))
    return found
