"""The page's language comes from its address alone: English at the site's addresses, Spanish under /es/.

Django's LocaleMiddleware, as i18n_patterns(prefix_default_language=False) uses it, already ignores the browser's
Accept-Language for an address without a prefix (it is English) and with one (it is that language). It still marks
unprefixed pages `Vary: Accept-Language`, which would make nginx, a CDN or a browser keep a copy of every English page
per Accept-Language value for nothing. Nothing here varies on that header, so the mark goes.
"""

import functools

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
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
    """The language an address is in, as LocaleMiddleware decides it, without its general parsing: the page cache
    asks this for every stored page it answers, before that middleware runs (tests/site/test_languages.py)."""
    for prefix, code in _PREFIXES:
        if path.startswith(prefix) or path == prefix[:-1]:
            return code
    return settings.LANGUAGE_CODE


def alternates(request) -> list[dict]:
    """The same page in each language: code, name in that language, and its path.

    As django.urls.translate_url(request.path, code) finds them, from the match the request was routed by rather than
    resolving its path again: the page's own name and arguments reversed in each language; an address no route
    answers (or one that cannot be reversed) keeps its path in every language."""
    match = request.resolver_match
    if match is None:
        return [{"code": code, "name": name, "path": request.path} for code, name in _NAMES]
    route = (match.namespace, match.url_name, match.args, tuple(match.kwargs.items()))
    paths = _paths(get_urlconf(), get_script_prefix(), *route)
    return [
        {"code": code, "name": name, "path": path or request.path}
        for (code, name), path in zip(_NAMES, paths, strict=True)
    ]


def path_in(request, language: str) -> str:
    """This page's address in `language` (as in `alternates`)."""
    return next(page["path"] for page in alternates(request) if page["code"] == language)


_NAMES = tuple((code, get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES)


# The same route with the same arguments has the same addresses: kept per route and arguments, not per request (a
# bounded number, whatever addresses are asked for). Paths only, the same in every language: no page text.
@functools.lru_cache(maxsize=1024)
def _paths(urlconf, script_prefix, namespace, url_name, args, kwargs) -> tuple[str | None, ...]:
    name = f"{namespace}:{url_name}" if namespace else url_name
    paths = []
    for code, _ in settings.LANGUAGES:
        with override(code):
            try:
                paths.append(reverse(name, urlconf, args=args, kwargs=dict(kwargs)))
            except NoReverseMatch:
                paths.append(None)
    return tuple(paths)
