"""The page's language comes from its address alone: English at the site's addresses, Spanish under /es/.

Django's LocaleMiddleware, as i18n_patterns(prefix_default_language=False) uses it, already ignores the browser's
Accept-Language for an address without a prefix (it is English) and with one (it is that language). It still marks
unprefixed pages `Vary: Accept-Language`, which would make nginx, a CDN or a browser keep a copy of every English page
per Accept-Language value for nothing. Nothing here varies on that header, so the mark goes.
"""

from django.conf import settings
from django.core.handlers.wsgi import get_path_info
from django.middleware.locale import LocaleMiddleware
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils import translation
from django.utils.http import split_header_value
from django.utils.translation import get_language_info, override


class LanguageFromPathMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [name for name in split_header_value(response["Vary"]) if name.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


_PREFIXES = tuple((f"/{code}/", code) for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def language_of(path: str) -> str:
    """The language an address is in, as LocaleMiddleware decides it, without its general parsing: every request
    asks this when it starts, before that middleware runs (tests/site/test_languages.py)."""
    for prefix, code in _PREFIXES:
        if path.startswith(prefix) or path == prefix[:-1]:
            return code
    return settings.LANGUAGE_CODE


def start_in_the_addresss_language(sender, environ=None, **_signal_arguments) -> None:
    """Connected to request_started. A worker's thread keeps the language its last request activated (Django never
    resets it), and the middleware above the language middleware can answer on its own: the 400 page for a Host the
    site does not serve would be in the previous visitor's language. Each request starts in its address's."""
    translation.activate(language_of(get_path_info(environ)) if environ else settings.LANGUAGE_CODE)


def alternates(request) -> list[dict]:
    """The same page in each language: code, name in that language, and its path.

    As django.urls.translate_url(request.path, code) finds them, from the match the request was routed by rather than
    resolving its path again: the page's own name and arguments reversed in each language. An address no route
    answers (a page not found) is offered under each language's prefix, so its switcher leads to the same "not found"
    page in the other language, with that language's links onward."""
    match = request.resolver_match
    if match is None:
        paths = _prefixed(request.path)
    else:
        paths = _paths(get_urlconf(), match.namespace, match.url_name, match.args, match.kwargs)
    return [
        {"code": code, "name": name, "path": path or request.path}
        for (code, name), path in zip(_NAMES, paths, strict=True)
    ]


_NAMES = tuple((code, get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES)


def _prefixed(path: str) -> tuple[str, ...]:
    current = language_of(path)
    bare = path if current == settings.LANGUAGE_CODE else path[len(f"/{current}") :]
    return tuple(bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}" for code, _ in settings.LANGUAGES)


# Not kept between requests: a route's arguments can be a credential (a resume link's token).
def _paths(urlconf, namespace, url_name, args, kwargs) -> tuple[str | None, ...]:
    name = f"{namespace}:{url_name}" if namespace else url_name
    paths = []
    for code, _ in settings.LANGUAGES:
        with override(code):
            try:
                paths.append(reverse(name, urlconf, args=args, kwargs=dict(kwargs)))
            except NoReverseMatch:
                paths.append(None)
    return tuple(paths)
