"""The nginx configuration in deploy/ agrees with the app: the headers it trusts, what is retried, the crisis line."""

import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import resolve
from django.utils import translation

from clinic_site.languages import language_of
from tests.site.test_public_models import SAMPLES

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


HTTP = (NGINX / "clinic-http.conf").read_text()


def directive(name: str) -> str:
    return re.search(rf"^\s*{name} ([^;]+);", PROXY, flags=re.MULTILINE).group(1)


def nginx_map(variable: str) -> list[tuple[str, str]]:
    """The entries of the map that sets `variable`, in order: (pattern, value), quotes removed."""
    body = re.search(rf"^map .+ \${variable} \{{\n(.*?)^\}}", HTTP, flags=re.MULTILINE | re.DOTALL).group(1)
    return [tuple(part.rstrip(";").strip('"') for part in line.split()) for line in body.splitlines()]


def looked_up(variable: str, subject: str) -> str:
    """What nginx's map gives for `subject`: an exact entry first, then the first regular expression that matches."""
    entries = nginx_map(variable)
    exact = {pattern: value for pattern, value in entries if not pattern.startswith("~")}
    if subject in exact:
        return exact[subject]
    found = (value for pattern, value in entries if pattern.startswith("~") and re.search(pattern[1:], subject))
    return next(found, exact["default"])


def test_nginx_keeps_only_what_the_app_marks_public_and_never_for_or_from_someone_with_a_session():
    assert directive("proxy_cache") == "clinic_pages"
    # An answer without Cache-Control is not kept, but for a page the app no longer has, which replaces the copy.
    assert re.findall(r"^\s*proxy_cache_valid (.+);", PROXY, flags=re.MULTILINE) == ["404 410 10s"]
    assert "proxy_ignore_headers" not in PROXY  # Cache-Control (private, no-store), Set-Cookie and Vary are obeyed
    no_cache, bypass = directive("proxy_no_cache").split(), directive("proxy_cache_bypass").split()
    assert "$upstream_http_set_cookie" in no_cache
    assert "$clinic_has_session" in no_cache
    assert "$clinic_has_session" in bypass
    cookie = f"csrftoken=abc; {settings.SESSION_COOKIE_NAME}=x"
    assert looked_up("clinic_has_session", cookie) == "1"
    assert looked_up("clinic_has_session", f"{settings.SESSION_COOKIE_NAME}=x") == "1"
    assert looked_up("clinic_has_session", f"csrftoken=abc; not{settings.SESSION_COOKIE_NAME}=x") == "0"


def test_pages_read_in_the_last_day_are_served_stale_while_the_app_cannot_answer():
    assert directive("proxy_cache_use_stale").split() == [
        "error", "timeout", "updating", "http_500", "http_502", "http_503", "http_504"
    ]  # fmt: skip
    assert directive("proxy_cache_background_update") == "on"
    assert directive("proxy_cache_revalidate") == "on"  # an old copy is checked with the app's ETag
    assert "inactive=1d" in re.search(r"^proxy_cache_path [^;]+keys_zone=clinic_pages[^;]+;", HTTP, re.M).group(0)
    assert directive("add_header X-Cache-Status") == "$upstream_cache_status always"


def reads_of(view) -> tuple[str, ...]:
    """The query parameters a cached_public_page view reads (its `reads`, which the page cache keys on)."""
    return view.page_cache_reads


def test_nginx_keys_each_cached_page_on_the_query_parameters_its_view_reads():
    assert directive("proxy_cache_key") == '"$scheme://$server_name$uri?$clinic_page_query"'
    queries = {value: pattern for pattern, value in nginx_map("clinic_page_query")}
    for name, addresses in SAMPLES.items():
        for address in addresses:
            path = address.split("?")[0]
            kind = looked_up("clinic_page_reads", path)
            query_pattern = next(p for p, _ in nginx_map("clinic_page_query") if p.startswith(f"~^{kind}:"))
            in_key = set(re.findall(r"([a-z]+)=", query_pattern))
            with translation.override(language_of(path)):
                reads = set(reads_of(resolve(path).func))
            if kind == "search":  # a search with words is never kept by nginx: nothing it reads is in the key
                assert query_pattern == "~^search:$", name
            else:
                assert in_key == reads, name
    assert queries["!"] == "default"  # any other query string is not kept (proxy_cache_bypass, proxy_no_cache)
    assert "$clinic_odd_query" in directive("proxy_no_cache").split()
