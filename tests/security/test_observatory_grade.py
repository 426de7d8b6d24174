"""The site's response headers earn an A+ under the Mozilla HTTP Observatory's scoring.

The grading below is a port of the analyzers and grader of the official scanner, npm package
`@mdn/mdn-http-observatory` 1.4.8 (ALGORITHM_VERSION 4; src/analyzer/tests/*.js, src/grader/charts.js),
whose modifiers and grade chart are published at
https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring . The package itself is not run:
installing it needs the network beyond the npm registry (an install script of its dependency
`node_extra_ca_certs_mozilla_bundle` downloads a CA list, and its own postinstall downloads the HSTS
preload list), so `npm ci` would fail offline and take every other test down with it.

What a header check cannot see is taken as the live scanner would find it in production: the TLS
certificate is valid and the host is not on the HSTS preload list (no +5 bonus). Each page is graded as if
it were the page the scanner lands on. Only a single CSP header is graded, as the site sends; anything else
fails the test with a message rather than guessing the scanner's merge rules for several policies.
"""

import dataclasses
import re
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from education.models import Article

pytestmark = pytest.mark.django_db

SCANNER_ORIGIN = "https://http-observatory.security.mozilla.org"
MAX_REDIRECTS = 10

# src/grader/charts.js SCORE_TABLE: the modifier of every result.
MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    "csp-implemented-but-duplicate-directives": 0,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "redirection-invalid-cert": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "hsts-invalid-cert": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "corp-header-invalid": -5,
    "corp-implemented-with-cross-origin": 0,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-not-implemented": 0,
}
# The bonuses the site earns today; every other test must score at least 0. Losing one still leaves an A+,
# so without this floor dropping Referrer-Policy or frame-ancestors, or allowing inline styles, would go unnoticed.
BONUSES_EARNED = {"content-security-policy": 5, "referrer-policy": 5, "x-frame-options": 5}
# Bonuses count only when the score after penalties is at least this (an A).
MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
# The lowest score of each grade, best first.
GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C"), (45, "C-")]
GRADES += [(40, "D+"), (30, "D"), (25, "D-"), (0, "F")]


@dataclasses.dataclass
class ScannedPage:
    """What the scanner sees of one page: the https answer, the preflight answer and the http redirect chain."""

    url: str
    status: int
    headers: list[tuple[str, str]]  # as sent, Set-Cookie once per cookie
    body: str
    cors_headers: list[tuple[str, str]]
    http_route: list[tuple[str, int]]

    def header_values(self, name, headers=None):
        return [value for key, value in (self.headers if headers is None else headers) if key.lower() == name]

    def first_header(self, name, headers=None):
        return next(iter(self.header_values(name, headers)), None)


@dataclasses.dataclass
class Outcome:
    result: str
    passed: bool
    data: dict = dataclasses.field(default_factory=dict)  # the parsed policy, for the CSP test


def wire_headers(response):
    return [*response.items(), *(("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values())]


def follow(url):
    """Request url as the scanner does, following redirects by hand; the chain of (url, status) and the answer."""
    client = Client()
    route = []
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        response = client.get(parts.path, query_params=parts.query or None, secure=parts.scheme == "https")
        route.append((url, response.status_code))
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        url = urljoin(url, response["Location"])
    return route, response


def scan(path):
    route, response = follow(f"https://testserver{path}")
    preflight = Client().options(
        urlsplit(route[-1][0]).path, secure=True, HTTP_ORIGIN=SCANNER_ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    http_route, _ = follow(f"http://testserver{path}")
    return ScannedPage(
        url=route[-1][0],
        status=response.status_code,
        headers=wire_headers(response),
        body=response.content.decode(),
        cors_headers=wire_headers(preflight),
        http_route=http_route,
    )


class _PageParser(HTMLParser):
    """The <meta> policies (src/retriever/utils.js parseHttpEquivHeaders) and the <script> tags of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta_csp, self.meta_referrer, self.scripts = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "script":
            self.scripts.append(attributes)
        elif tag == "meta" and "http-equiv" in attributes and "content" in attributes:
            if attributes["http-equiv"].strip().lower() == "content-security-policy" and attributes["content"]:
                self.meta_csp.append(attributes["content"])
        elif tag == "meta" and attributes.get("name", "").strip().lower() == "referrer" and attributes.get("content"):
            self.meta_referrer = [attributes["content"]]


def is_html(page):
    return (page.first_header("content-type") or "").split(";")[0] in ("text/html", "application/xhtml+xml")


def parse_csp(policy):
    """src/analyzer/cspParser.js for one policy: directive -> set of sources; None if the policy is invalid."""
    policy = re.sub(r"[\r\n]", "", policy).strip()
    if len(policy) < len("img-src") - 1:
        return None
    csp, duplicates = {}, set()
    for entry in policy.split(";"):
        directive, *sources = entry.strip().split() or [""]
        directive = directive.lower()
        if not directive:
            continue
        if directive in csp:
            if directive not in ("report-uri", "report-to"):
                return None
            duplicates.add(directive)
            continue
        sources = {source.lower() for source in sources}
        csp[directive] = sources or {"'none'"}
    return csp, duplicates


DANGEROUSLY_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}


def has_nonce_or_hash(sources):
    return any(source.startswith(("'sha256-", "'sha384-", "'sha512-", "'nonce-")) for source in sources)


def content_security_policy(page, parsed_page):
    """src/analyzer/tests/csp.js: the first problem found decides the result."""
    policies = page.header_values("content-security-policy")
    if not policies and not parsed_page.meta_csp:
        reporting = page.first_header("content-security-policy-report-only")
        return Outcome("csp-not-implemented-but-reporting-enabled" if reporting else "csp-not-implemented", False)
    if len(policies) != 1 or parsed_page.meta_csp:
        sent = policies + parsed_page.meta_csp
        pytest.fail(f"This port grades one Content-Security-Policy header; the page sends {sent}")
    parsed = parse_csp(policies[0])
    if parsed is None:
        return Outcome("csp-header-invalid", False)
    csp, duplicates = parsed
    script_src = set(csp.get("script-src") or csp.get("default-src") or {"*"})
    style_src = set(csp.get("style-src") or csp.get("default-src") or {"*"})
    object_src = csp.get("object-src") or csp.get("default-src") or {"*"}
    for sources in (script_src, style_src):
        if has_nonce_or_hash(sources):
            sources.discard("'unsafe-inline'")
    problems = []
    if "'strict-dynamic'" in script_src:
        if has_nonce_or_hash(script_src):
            dropped = ("'self'", "'unsafe-inline'")
            script_src = {s for s in script_src if s not in dropped and not s.startswith(tuple(DANGEROUSLY_BROAD))}
        else:
            problems.append("csp-header-invalid")
    active = [s for d, sources in csp.items() if d not in ("img-src", "media-src", "script-src") for s in sources]
    active += script_src
    passive = [s for d in ("img-src", "media-src") for s in csp.get(d) or csp.get("default-src") or set()]
    insecure = ("http:", "ftp:")  # the page is https
    if script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD:
        problems.append("csp-implemented-with-unsafe-inline")
    if any(source.startswith(insecure) for source in active):
        problems.append("csp-implemented-with-insecure-scheme")
    if "'unsafe-eval'" in script_src | style_src:
        problems.append("csp-implemented-with-unsafe-eval")
    if any(source.startswith(insecure) for source in passive):
        problems.append("csp-implemented-with-insecure-scheme-in-passive-content-only")
    if style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE):
        problems.append("csp-implemented-with-unsafe-inline-in-style-src-only")
    default_none = csp.get("default-src") == {"'none'"}
    result = next(iter(problems), "csp-implemented-with-no-unsafe" + ("-default-src-none" if default_none else ""))
    passing = (
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    )
    if result in passing and duplicates:
        return Outcome("csp-implemented-but-duplicate-directives", True, csp)
    return Outcome(result, result in passing, csp)


def only_if_worse(new, old, order):
    return new if old is None or order.index(new) > order.index(old) else old


def strict_transport_security(page):
    """src/analyzer/tests/strict-transport-security.js (https page, valid certificate, host not preloaded).

    Stricter in one way: a max-age without digits is invalid, where the scanner's parseInt lets it pass.
    """
    header = page.first_header("strict-transport-security")
    if header is None:
        return Outcome("hsts-not-implemented", False)
    header = header[:1024]
    max_age = re.search(r"(?:^|;)\s*max-age=(\d+)", header.lower())
    if "," in header or not max_age:
        return Outcome("hsts-header-invalid", False)
    if int(max_age[1]) < 15_552_000:  # six months, near enough
        return Outcome("hsts-implemented-max-age-less-than-six-months", False)
    return Outcome("hsts-implemented-max-age-at-least-six-months", True)


def cookies(page):
    """src/analyzer/tests/cookies.js: the worst finding over every cookie set by the page."""
    order = [
        "cookies-without-secure-flag-but-protected-by-hsts",
        "cookies-without-secure-flag",
        "cookies-session-without-secure-flag-but-protected-by-hsts",
        "cookies-samesite-flag-invalid",
        "cookies-anticsrf-without-samesite-flag",
        "cookies-session-without-httponly-flag",
        "cookies-session-without-secure-flag",
    ]
    hsts = strict_transport_security(page).passed
    result = None
    jar = SimpleCookie()
    for raw in page.header_values("set-cookie"):
        for attribute in raw.split(";"):
            key, _, value = attribute.strip().partition("=")
            if key.strip().lower() == "samesite" and value.strip().lower() not in ("lax", "strict", "none"):
                result = only_if_worse("cookies-samesite-flag-invalid", result, order)
        jar.load(raw)
        assert raw.partition("=")[0].strip() in jar, f"Set-Cookie not understood: {raw}"
    found = {name: morsel for name, morsel in jar.items() if name != "heroku-session-affinity"}
    if not found:
        return Outcome("cookies-not-found", True)
    for name, morsel in found.items():
        session = "login" in name.lower() or "sess" in name.lower()
        secure, same_site = bool(morsel["secure"]), morsel["samesite"].lower()
        if not secure and same_site == "none":
            result = only_if_worse("cookies-samesite-flag-invalid", result, order)
        if not secure:
            result = only_if_worse(
                "cookies-without-secure-flag" + ("-but-protected-by-hsts" if hsts else ""), result, order
            )
        if "csrf" in name.lower() and not same_site:
            result = only_if_worse("cookies-anticsrf-without-samesite-flag", result, order)
        if session and not secure:
            result = only_if_worse(
                "cookies-session-without-secure-flag" + ("-but-protected-by-hsts" if hsts else ""), result, order
            )
        if session and not morsel["httponly"]:
            result = only_if_worse("cookies-session-without-httponly-flag", result, order)
    if result is None:
        missing_same_site = any(not morsel["samesite"] for morsel in found.values())
        result = "cookies-secure-with-httponly-sessions" + ("" if missing_same_site else "-and-samesite")
    passing = ("cookies-secure-with-httponly-sessions", "cookies-secure-with-httponly-sessions-and-samesite")
    return Outcome(result, result in passing)


def cross_origin_resource_sharing(page):
    """src/analyzer/tests/cors.js, on the answer to a preflight from the scanner's origin."""
    allowed = page.first_header("access-control-allow-origin", page.cors_headers)
    if not allowed:
        return Outcome("cross-origin-resource-sharing-not-implemented", True)
    credentials = (page.first_header("access-control-allow-credentials", page.cors_headers) or "").strip().lower()
    if allowed[:256].strip().lower() == "*":
        return Outcome("cross-origin-resource-sharing-implemented-with-public-access", True)
    if allowed == SCANNER_ORIGIN and credentials == "true":
        return Outcome("cross-origin-resource-sharing-implemented-with-universal-access", False)
    return Outcome("cross-origin-resource-sharing-implemented-with-restricted-access", True)


def redirection(page):
    """src/analyzer/tests/redirection.js, on the chain that starts at the http address (host not preloaded)."""
    route = [(urlsplit(url), status) for url, status in page.http_route]
    if len(route) == 1:
        result = "redirection-missing"
    elif route[-1][0].scheme != "https":
        result = "redirection-not-to-https"
    elif route[1][0].scheme == "http":
        result = "redirection-not-to-https-on-initial-redirection"
    elif route[0][0].hostname != route[1][0].hostname:
        result = "redirection-off-host-from-http"
    else:
        result = "redirection-to-https"
    return Outcome(result, result == "redirection-to-https")


def referrer_policy(page, parsed_page):
    """src/analyzer/tests/referrer-policy.js: the last valid policy named by the header or the <meta> tag."""
    private = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]
    unsafe = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"]
    stated = page.header_values("referrer-policy") + parsed_page.meta_referrer
    if not stated:
        return Outcome("referrer-policy-not-implemented", True)
    named = [value.strip().lower() for value in ", ".join(stated).split(",")]
    valid = [value for value in named if value in private + unsafe]
    policy = valid[-1] if valid else ""
    if policy in private:
        return Outcome("referrer-policy-private", True)
    return Outcome("referrer-policy-unsafe" if policy in unsafe else "referrer-policy-header-invalid", False)


def subresource_integrity(page, parsed_page):
    """src/analyzer/tests/subresource-integrity.js.

    Stricter in one way: an absolute script address counts as the site's own only on the page's exact host,
    where the scanner accepts any host under the same registrable domain.
    """
    if not is_html(page):
        return Outcome("sri-not-implemented-response-not-html", True)
    order = [
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        "sri-not-implemented-response-not-html",
    ]
    result, foreign = None, False
    host = urlsplit(page.url).hostname
    for script in parsed_page.scripts:
        src, integrity = script.get("src"), script.get("integrity")
        if not src:
            continue
        protocol_relative = bool(re.match(r"^//[^/]", src))
        absolute = bool(re.match(r"^https?://", src))
        same_origin = not protocol_relative and (not absolute or urlsplit(src).hostname == host)
        secure_scheme = src.startswith("https://") or not (absolute or protocol_relative)  # the page is https
        if same_origin:
            if integrity and secure_scheme and result is None:
                result = "sri-implemented-and-all-scripts-loaded-securely"
            continue
        foreign = True
        if integrity and not secure_scheme:
            result = only_if_worse("sri-implemented-but-external-scripts-not-loaded-securely", result, order)
        elif not integrity and secure_scheme:
            result = only_if_worse("sri-not-implemented-but-external-scripts-loaded-securely", result, order)
        elif not integrity:
            result = only_if_worse("sri-not-implemented-and-external-scripts-not-loaded-securely", result, order)
    if not parsed_page.scripts:
        result = "sri-not-implemented-but-no-scripts-loaded"
    elif result is None:
        result = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    passing = (
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        "sri-not-implemented-but-no-scripts-loaded",
    )
    return Outcome(result, result in passing)


def x_content_type_options(page):
    header = page.first_header("x-content-type-options")
    if header is None:
        return Outcome("x-content-type-options-not-implemented", False)
    nosniff = header[:256].strip().lower() == "nosniff"
    return Outcome("x-content-type-options-" + ("nosniff" if nosniff else "header-invalid"), nosniff)


def x_frame_options(page, csp):
    """src/analyzer/tests/x-frame-options.js: a CSP frame-ancestors directive replaces the header."""
    if "frame-ancestors" in csp.data:
        return Outcome("x-frame-options-implemented-via-csp", True)
    header = page.first_header("x-frame-options")
    if header is None:
        return Outcome("x-frame-options-not-implemented", False)
    value = header[:1024].strip().lower()
    if value in ("deny", "sameorigin"):
        return Outcome("x-frame-options-sameorigin-or-deny", True)
    if value.startswith("allow-from"):
        return Outcome("x-frame-options-allow-from-origin", True)
    return Outcome("x-frame-options-header-invalid", False)


def cross_origin_resource_policy(page):
    header = (page.first_header("cross-origin-resource-policy") or "")[:256].strip().lower()
    if not header:
        return Outcome("corp-not-implemented", True)
    known = {"same-site": "corp-implemented-with-same-site", "same-origin": "corp-implemented-with-same-origin"}
    known["cross-origin"] = "corp-implemented-with-cross-origin"
    return Outcome(known.get(header, "corp-header-invalid"), header in known)


def observatory_tests(page):
    parsed_page = _PageParser(page.body if is_html(page) else "")
    csp = content_security_policy(page, parsed_page)
    return {
        "content-security-policy": csp,
        "cookies": cookies(page),
        "cross-origin-resource-sharing": cross_origin_resource_sharing(page),
        "redirection": redirection(page),
        "referrer-policy": referrer_policy(page, parsed_page),
        "strict-transport-security": strict_transport_security(page),
        "subresource-integrity": subresource_integrity(page, parsed_page),
        "x-content-type-options": x_content_type_options(page),
        "x-frame-options": x_frame_options(page, csp),
        "cross-origin-resource-policy": cross_origin_resource_policy(page),
    }


def score_and_grade(tests):
    """src/scanner/index.js and src/grader/grader.js: penalties first, bonuses only on an A or better."""
    modifiers = [MODIFIERS[outcome.result] for outcome in tests.values()]
    uncurved = 100 + sum(m for m in modifiers if m < 0)
    score = max(100 + sum(modifiers) if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved, 0)
    return score, next(grade for lowest, grade in GRADES if score >= lowest)


def report(path, page, tests, score, grade):
    lines = [f"{path}: {page.status}, score {score}, grade {grade}", *(f"  {k}: {v}" for k, v in page.headers)]
    lines.append(f"  http redirect chain: {page.http_route}")
    for name, outcome in tests.items():
        verdict = "pass" if outcome.passed else "FAIL"
        lines.append(f"  {verdict} {MODIFIERS[outcome.result]:+4d} {name}: {outcome.result}")
    return "\n".join(lines)


def article_path():
    return reverse("education:article_detail", args=[Article.objects.published().first().slug])


PAGES = {
    "home": lambda: "/",
    "article": article_path,
    "consultation": lambda: reverse("eligibility:consultation_request"),
    "admin-login": lambda: reverse("admin:login"),
}


@pytest.mark.parametrize("page_name", PAGES)
def test_page_headers_earn_an_a_plus_from_the_mozilla_observatory(settings, page_name):
    # Production sets DJANGO_SECURE_SSL_REDIRECT=1; HSTS and Secure cookies are the settings' own production
    # values (debug off), so a change to them in settings.py fails here.
    settings.SECURE_SSL_REDIRECT = True
    path = PAGES[page_name]()
    page = scan(path)
    assert page.status == 200

    tests = observatory_tests(page)
    score, grade = score_and_grade(tests)
    breakdown = report(path, page, tests, score, grade)
    print(breakdown)

    assert [name for name, outcome in tests.items() if not outcome.passed] == [], breakdown
    assert grade == "A+", breakdown
    below = [name for name, outcome in tests.items() if MODIFIERS[outcome.result] < BONUSES_EARNED.get(name, 0)]
    assert below == [], breakdown
