"""nginx, with the shipped configuration, in front of a stand-in app server whose answers each test chooses: what it
keeps, for whom, under which address, and what readers get while no app server answers.

Runs the machine's nginx in a temporary folder (no root needed); skipped where nginx is not installed. The rules
are also checked in the configuration's text (tests/site/test_proxy_config.py), which needs no nginx.
"""

import http.client
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from local_production.nginx import Nginx
from local_production.processes import free_port

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")

PUBLIC = "public, max-age=300"
# nginx counts in whole seconds: a copy kept for 1 s is old only once the clock has passed the next second.
PAST_ONE_SECOND = 2.1


class StandIn(ThreadingHTTPServer):
    """Answers every path with a page naming the path and the query string, with the headers set in `headers`, and
    records each request it gets. /healthz answers 200, as the app's does."""

    daemon_threads = True

    def __init__(self, port: int):
        self.headers: dict[str, dict[str, str]] = {}
        self.seen: list[tuple[str, dict]] = []
        super().__init__(("127.0.0.1", port), Handler)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path = self.path.split("?")[0]
        if path != "/healthz":
            self.server.seen.append((self.path, dict(self.headers)))
        etag = '"v1"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", self.server.headers.get(path, {}).get("Cache-Control", PUBLIC))
            self.end_headers()
            return
        body = f"page {self.path}".encode()
        self.send_response(200)
        headers = {"Cache-Control": PUBLIC, "ETag": etag, "X-Request-ID": "from-the-first-request"}
        for name, value in (headers | self.server.headers.get(path, {})).items():
            if value:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(tmp_path):
    app_port = free_port()
    app = StandIn(app_port)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    nginx = Nginx(tmp_path / "nginx", port=free_port(), app_ports=[app_port], env={})
    nginx.start()
    app.seen.clear()
    yield app, nginx
    nginx.stop()
    app.shutdown()
    app.server_close()


def get(nginx: Nginx, path: str, headers: dict | None = None) -> tuple[int, dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.headers), response.read().decode()
    finally:
        conn.close()


def requests_for(app: StandIn, path: str) -> int:
    return sum(1 for seen, _ in app.seen if seen.split("?")[0] == path)


def test_a_public_page_is_answered_by_nginx_after_the_first_reader(proxy):
    app, nginx = proxy
    answers = [get(nginx, "/learn/what-is-ketamine/") for _ in range(3)]
    assert [headers["X-Cache-Status"] for _, headers, _ in answers] == ["MISS", "HIT", "HIT"]
    assert {body for _, _, body in answers} == {"page /learn/what-is-ketamine/"}
    assert requests_for(app, "/learn/what-is-ketamine/") == 1
    assert answers[-1][1]["Cache-Control"] == PUBLIC  # a CDN or browser in front reads the app's own rules


def test_each_answer_carries_its_own_request_id_not_the_kept_copys(proxy):
    _, nginx = proxy
    get(nginx, "/faq/", {"X-Request-ID": "first-reader-0001"})
    _, headers, _ = get(nginx, "/faq/", {"X-Request-ID": "second-reader-0002"})
    assert headers["X-Cache-Status"] == "HIT"
    assert headers["X-Request-ID"] == "second-reader-0002"


@pytest.mark.parametrize(
    "cache_control", ["private", "no-store", "no-cache, no-store, must-revalidate, private, max-age=0", ""]
)
def test_a_page_the_app_does_not_mark_public_is_never_kept(proxy, cache_control):
    app, nginx = proxy
    app.headers["/consultation/"] = {"Cache-Control": cache_control}
    for _ in range(3):
        get(nginx, "/consultation/")
    assert requests_for(app, "/consultation/") == 3


def test_an_answer_that_sets_a_cookie_is_never_kept(proxy):
    app, nginx = proxy
    app.headers["/learn/"] = {"Set-Cookie": "csrftoken=someone-elses; Path=/"}
    answers = [get(nginx, "/learn/") for _ in range(3)]
    assert requests_for(app, "/learn/") == 3
    assert all("csrftoken" in headers["Set-Cookie"] for _, headers, _ in answers)


def test_someone_with_a_session_gets_a_fresh_page_and_what_they_get_is_not_kept(proxy):
    app, nginx = proxy
    session = {"Cookie": f"csrftoken=abc; {settings.SESSION_COOKIE_NAME}=a-staff-member"}
    get(nginx, "/learn/ketamine-safety/")  # kept for readers without a session
    _, headers, _ = get(nginx, "/learn/ketamine-safety/", session)
    assert headers["X-Cache-Status"] == "BYPASS"
    assert requests_for(app, "/learn/ketamine-safety/") == 2
    assert settings.SESSION_COOKIE_NAME in app.seen[-1][1]["Cookie"]
    # What was sent to someone with a session is not kept: a page cached while they were looking stays as it was.
    app.headers["/glossary/"] = {"Cache-Control": PUBLIC}
    get(nginx, "/glossary/", session)
    _, headers, _ = get(nginx, "/glossary/")
    assert headers["X-Cache-Status"] == "MISS"
    _, headers, _ = get(nginx, "/glossary/", {"Cookie": "csrftoken=abc"})  # other cookies do not matter
    assert headers["X-Cache-Status"] == "HIT"


def test_query_parameters_a_page_does_not_read_get_the_same_copy(proxy):
    app, nginx = proxy
    for junk in ("", "?utm_source=a", "?utm_source=b", "?page=2", "?fbclid=123&x=1"):
        get(nginx, f"/learn/what-is-ketamine/{junk}")
    assert requests_for(app, "/learn/what-is-ketamine/") == 1


@pytest.mark.parametrize("search", ["/search/", "/es/search/"])
def test_what_someone_searched_for_is_never_kept_on_nginxs_disk(proxy, tmp_path, search):
    app, nginx = proxy
    for _ in range(2):
        _, headers, _ = get(nginx, f"{search}?q=hopeless+nights")
        assert headers["X-Cache-Status"] == "BYPASS"
    assert requests_for(app, search) == 2
    kept = b"".join(path.read_bytes() for path in (tmp_path / "nginx").rglob("*") if path.is_file())
    assert b"hopeless" not in kept  # neither in a key nor in a kept page


@pytest.mark.parametrize("language", ["", "/es"])
def test_a_page_number_gets_its_own_copy_and_junk_beside_it_never_does(proxy, language):
    app, nginx = proxy
    topic, search = f"{language}/learn/topics/understanding-depression/", f"{language}/search/"
    for address in (topic, f"{topic}?page=2", f"{topic}?page=2", search, search):
        get(nginx, address)
    assert requests_for(app, topic) == 2
    assert requests_for(app, search) == 1
    # Spellings the app reads as the same parameters, or with junk beside them: passed to the app, never kept.
    odd = [f"{topic}?page=2&utm=1", f"{topic}?page=02", f"{topic}?page=1&page=2", f"{topic}?pag%65=2"]
    odd += [f"{search}?q=side+effects&utm=1", f"{search}?page=2&q=x"]
    for address in odd * 2:
        _, headers, body = get(nginx, address)
        assert headers["X-Cache-Status"] == "BYPASS"
        assert body == f"page {address}"
    assert requests_for(app, topic) == 2 + 8
    assert requests_for(app, search) == 1 + 4


def test_a_path_spelled_otherwise_than_nginx_reads_it_is_never_kept(proxy):
    app, nginx = proxy
    for _ in range(2):
        get(nginx, "/learn/%77hat-is-ketamine/")
        get(nginx, "//learn/what-is-ketamine/")
    assert len(app.seen) == 4
    _, headers, _ = get(nginx, "/learn/what-is-ketamine/")
    assert headers["X-Cache-Status"] == "MISS"


def test_a_copy_older_than_the_apps_shared_cache_lifetime_is_checked_with_the_apps_etag(proxy):
    app, nginx = proxy
    app.headers["/crisis/"] = {"Cache-Control": "public, max-age=300, s-maxage=1"}  # s-maxage: for shared caches
    get(nginx, "/crisis/")
    assert get(nginx, "/crisis/")[1]["X-Cache-Status"] == "HIT"
    time.sleep(PAST_ONE_SECOND)
    _, headers, body = get(nginx, "/crisis/")  # the old copy at once; nginx asks the app in the background
    assert (headers["X-Cache-Status"], body) == ("STALE", "page /crisis/")
    deadline = time.monotonic() + 5
    while requests_for(app, "/crisis/") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert app.seen[-1][1].get("If-None-Match") == '"v1"'


def test_while_no_app_server_answers_pages_read_before_are_served_marked_stale_and_forms_get_the_unavailable_page(
    proxy,
):
    app, nginx = proxy
    pages = ["/learn/what-is-ketamine/", "/learn/topics/understanding-depression/", "/faq/", "/glossary/", "/crisis/"]
    for page in pages:
        app.headers[page] = {"Cache-Control": "public, max-age=1"}
        get(nginx, page)
    app.headers["/consultation/"] = {"Cache-Control": "no-store"}
    get(nginx, "/consultation/")
    app.shutdown()
    app.server_close()
    time.sleep(PAST_ONE_SECOND)  # every copy is now older than its max-age
    for page in pages:
        status, headers, body = get(nginx, page)
        assert (status, body) == (200, f"page {page}")
        assert headers["X-Cache-Status"] == "STALE"
    status, headers, body = get(nginx, "/consultation/")
    assert status == 502
    assert 'Call or text <a href="tel:988">988</a>' in body
    assert headers["Cache-Control"] == "no-store"
    status, _, body = get(nginx, "/learn/never-read-before/")
    assert status == 502
    assert 'href="tel:988"' in body


def test_when_the_app_answers_with_an_error_readers_get_the_last_good_copy(proxy):
    app, nginx = proxy
    app.headers["/faq/"] = {"Cache-Control": "public, max-age=1"}
    get(nginx, "/faq/")
    time.sleep(PAST_ONE_SECOND)
    app.RequestHandlerClass = BrokenHandler
    first = get(nginx, "/faq/")  # the old copy, while nginx asks the app in the background
    time.sleep(0.5)
    second = get(nginx, "/faq/")
    assert [(status, body) for status, _, body in (first, second)] == [(200, "page /faq/")] * 2
    assert second[1]["X-Cache-Status"] == "STALE"


def test_a_page_the_app_has_withdrawn_stops_being_served_once_nginx_hears_of_it(proxy):
    """An article unpublished for a clinical error: the app answers 404 (410 alike). nginx serves its copy until the
    copy's max-age, then at most once more while it asks the app; from then on readers get the app's answer."""
    app, nginx = proxy
    app.headers["/learn/withdrawn/"] = {"Cache-Control": "public, max-age=1"}
    get(nginx, "/learn/withdrawn/")
    time.sleep(PAST_ONE_SECOND)
    app.RequestHandlerClass = WithdrawnHandler
    get(nginx, "/learn/withdrawn/")  # the old copy, while nginx asks the app in the background
    deadline = time.monotonic() + 5
    while requests_for(app, "/learn/withdrawn/") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    answers = [get(nginx, "/learn/withdrawn/") for _ in range(3)]
    assert [(status, body) for status, _, body in answers] == [(404, "not found")] * 3
    # Even while no app server answers, the withdrawn page is not brought back.
    app.shutdown()
    app.server_close()
    status, _, body = get(nginx, "/learn/withdrawn/")
    assert (status, body) == (404, "not found")


# The link's language prefix as sent, and as it may arrive: typed by hand from another screen, or with its case or
# region changed. The app answers each of these (a page not found for all but the first two), and the token in it
# still works at its own address.
LINK_PREFIXES = ["", "/es", "/ES", "/Es", "/es-mx", "/en"]


@pytest.mark.parametrize("language", LINK_PREFIXES)
def test_nothing_answered_under_a_resume_link_is_kept_not_even_a_page_not_found(proxy, language):
    """A resume link is a credential: a kept copy's key, on nginx's disk for a day, would hold it."""
    app, nginx = proxy
    app.RequestHandlerClass = WithdrawnHandler
    mangled = f"{language}/eligibility/resume/a-valid-token/)/"  # the link with a bracket a mail program took into it
    for _ in range(2):
        assert get(nginx, mangled)[0] == 404
    assert requests_for(app, mangled) == 2


@pytest.mark.parametrize("language", LINK_PREFIXES)
def test_the_access_log_never_holds_a_resume_link_or_a_search(proxy, language):
    _, nginx = proxy
    get(nginx, f"{language}/eligibility/resume/a-valid-token/")
    get(nginx, f"{language}/search/?q=hopeless+nights")
    nginx.stop()  # flushes the log
    logged = nginx.access_log.read_text()
    assert f"{language}/eligibility/resume/[redacted]/" in logged
    assert "a-valid-token" not in logged
    assert "hopeless" not in logged


class WithdrawnHandler(Handler):
    """The app once an article is unpublished: its page is not found (Django's 404 page has no Cache-Control)."""

    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers)))
        body = b"not found"
        self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class BrokenHandler(Handler):
    """The app when its database is down: a 503 for every page."""

    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers)))
        body = b"database down"
        self.send_response(503)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
