"""{% sitewide %}: a part that many pages show alike (the stylesheet and feed links, the crisis bar, the header, the
footer; on an article page the first links of its breadcrumbs, the disclosure, the crisis panel and the call to action)
rendered once per language and per set of clinic details, then reused by this worker process.

    {% sitewide section %} … {% per_page %}{% include "includes/language_switcher.html" %}{% endper_page %} …
    {% endsitewide %}

What is kept depends only on what its key holds: the active language, the script prefix (URLs are reversed with it),
every value of the clinic's details (so an edit, however made, shows on the next render), and the values named after
the tag (such as the page's section, for aria-current). Anything else that differs from one request to the next (this
page's address, a CSRF token, a CSP nonce, who is signed in) must stay out of it or inside a {% per_page %} part,
which is rendered for every request. The copies are kept on the template's node, so a template reloaded in
development starts afresh, and forgotten when a setting or a translation file changes (clinic_site.template_memory).
"""

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from clinic_site import template_memory

register = template.Library()

# Enough for every section in every language, and a few edits of the clinic's details; then it starts again.
COPIES_KEPT = 100


class SitewideNode(template.Node):
    def __init__(self, vary_on, shared_parts, per_page_parts):
        self.vary_on = vary_on
        self.shared_parts = shared_parts  # one more than the per-page parts, which go between them
        self.per_page_parts = per_page_parts
        self.copies = {}

    def _key(self, context) -> tuple:
        clinic = context.get("clinic")
        return (
            template_memory.generation(),
            get_language(),
            get_script_prefix(),
            clinic and clinic.field_values,
            *(value.resolve(context) for value in self.vary_on),
        )

    def render(self, context):
        key = self._key(context)
        shared = self.copies.get(key)
        if shared is None:
            shared = [part.render(context) for part in self.shared_parts]
            if len(self.copies) >= COPIES_KEPT:
                self.copies.clear()
            self.copies[key] = shared
        pieces = [shared[0]]
        for per_page, after in zip(self.per_page_parts, shared[1:], strict=True):
            pieces += (per_page.render(context), after)
        return SafeString("".join(pieces))


@register.tag
def sitewide(parser, token):
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    shared_parts, per_page_parts = [parser.parse(("per_page", "endsitewide"))], []
    while parser.next_token().contents == "per_page":
        per_page_parts.append(parser.parse(("endper_page",)))
        parser.delete_first_token()
        shared_parts.append(parser.parse(("per_page", "endsitewide")))
    return SitewideNode(vary_on, shared_parts, per_page_parts)
