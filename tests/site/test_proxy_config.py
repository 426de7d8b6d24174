"""The nginx configuration in deploy/ agrees with the app: the headers it trusts, what is retried, the crisis line."""

import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
PROXY = (NGINX / "clinic-proxy.conf").read_text()


def proxy_header(name: str) -> str:
    return re.search(rf"^\s*proxy_set_header {name} (\S+);", PROXY, flags=re.MULTILINE).group(1)


def test_the_page_shown_when_no_app_server_answers_gives_the_crisis_line():
    page = (NGINX / "errors" / "unavailable.html").read_text()
    assert 'Call or text <a href="tel:988">988</a>, or call <a href="tel:911">911</a> in an emergency.' in page
    assert render_to_string("includes/crisis_options.html").strip() in page  # the site's one list, word for word
    assert "send it again" in page
    assert re.search(r"error_page 502 503 504 /unavailable\.html;", PROXY)
    assert 'add_header Cache-Control "no-store" always;' in PROXY


def test_the_proxy_sets_the_headers_the_app_trusts_replacing_what_the_client_sent():
    env_example = (NGINX.parents[1] / ".env.example").read_text()
    assert "CLIENT_IP_HEADERS=HTTP_X_REAL_IP" in env_example
    assert proxy_header("X-Real-IP") == "$remote_addr"
    assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_header("X-Forwarded-Proto") == "$scheme"
    assert proxy_header("X-Request-ID") == "$clinic_request_id"


def test_a_post_that_may_have_reached_an_app_server_is_never_sent_to_another():
    retried = re.search(r"^\s*proxy_next_upstream (.+);", PROXY, flags=re.MULTILINE).group(1).split()
    assert retried == ["error", "timeout", "http_502"]  # no non_idempotent; a 503 means the database is down


def server_blocks(conf: str) -> list[str]:
    return [block.split("\n}\n")[0] for block in re.split(r"^server \{\n", conf, flags=re.MULTILINE)[1:]]


def test_a_request_naming_any_other_host_is_dropped_before_it_reaches_the_app():
    blocks = server_blocks((NGINX / "clinic.conf").read_text())
    (catch_all,) = [block for block in blocks if "default_server" in block]
    for listen in ("80", "[::]:80", "443 ssl", "[::]:443 ssl"):
        assert f"listen {listen} default_server;" in catch_all
    assert "ssl_reject_handshake on;" in catch_all  # no certificate shown for another name
    assert "return 444;" in catch_all
    assert "proxy_pass" not in catch_all
    assert "include" not in catch_all
    env_example = (NGINX.parents[1] / ".env.example").read_text()
    allowed = re.search(r"^DJANGO_ALLOWED_HOSTS=(.+)$", env_example, flags=re.MULTILINE).group(1).split(",")
    served = {re.search(r"server_name (.+);", block).group(1) for block in blocks if block != catch_all}
    assert served == set(allowed)
    assert all("$host" not in block for block in blocks)  # redirects name the site, not what the client sent
