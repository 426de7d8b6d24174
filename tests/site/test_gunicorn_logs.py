"""gunicorn's own log lines (a request it failed on, the access line) are JSON and scrubbed like the app's."""

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.site.test_settings import ROOT

SECRETS = ("resume-token-abc", "secret-search-words", "jordan@example.com", "referer-page", "cookie-value-123")


def crashing_app(environ, start_response):
    """A WSGI app that fails the way an unexpected bug would, naming the URL it was asked for."""
    raise RuntimeError(f"could not serve {environ['RAW_URI']}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


# The link as sent, and as a mail program or a person may pass it on: %-escaped (the app reads each the same) or
# recased. gunicorn's access line is the request line as it came, escapes and all.
LINKS = [
    ("/eligibility/resume/resume-token-abc/", "/eligibility/resume/[redacted]/"),
    ("/es/eligibility/resum%65/resume-token-abc/", "/es/eligibility/resume/[redacted]/"),
    ("/es/eligibility%2Fresume%2Fresume-token-abc/", "/es/eligibility/resume/[redacted]/"),
    ("/ES/Eligibility/Resume/resume-token-abc/", "/ES/Eligibility/Resume/[redacted]/"),
]


@pytest.mark.parametrize(("link", "logged_as"), LINKS)
def test_a_request_gunicorn_fails_on_is_logged_as_json_without_its_token_query_string_or_headers(
    tmp_path, link, logged_as
):
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w+")
    server = subprocess.Popen(  # noqa: S603 (our gunicorn, fixed arguments)
        [ROOT / ".venv" / "bin" / "gunicorn", "--config", "gunicorn.conf.py", f"{__name__}:crashing_app"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "1"},
        stdout=log,
        stderr=log,
    )
    try:
        wait_until_listening(port, server)
        url = f"http://127.0.0.1:{port}{link}?q=secret-search-words&e=jordan@example.com"
        headers = {"Referer": "https://elsewhere.example/referer-page", "Cookie": "sessionid=cookie-value-123"}
        with pytest.raises(urllib.error.HTTPError, match="500"):
            urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5)
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.strip()]
    errors = [line for line in lines if line["name"] == "gunicorn.error"]
    assert any("RuntimeError" in line.get("exc_info", "") for line in errors), lines
    access = [line["message"] for line in lines if line["name"] == "gunicorn.access"]
    assert access[0].startswith(f'"GET {logged_as}?[redacted] HTTP/1.1" 500 ')
    logged = json.dumps(lines)
    for secret in SECRETS:
        assert secret not in logged
