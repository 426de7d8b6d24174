"""The hreflang links and the language switcher's items, drawn by clinic_site/templatetags/languages.py, are the
markup base.html's and language_switcher.html's loops drew, with awkward text escaped the same way."""

from tests.markup import assert_drawn_as_the_loops_drew

# The loops the templates had, kept here to compare against.
TEMPLATE_LOOPS = {
    "hreflang": (
        '{% for alternate in alternates %}<link rel="alternate" hreflang="{{ alternate.code }}" '
        'href="{{ site_url }}{{ alternate.path }}">\n  {% endfor %}{% if alternates %}<link rel="alternate" '
        'hreflang="x-default" href="{{ site_url }}{{ alternates.0.path }}">{% endif %}'
    ),
    "switcher": (
        "{% for alternate in alternates %}{% if alternate.code != current %}\n"
        '    <li><a href="{{ alternate.path }}" hreflang="{{ alternate.code }}" lang="{{ alternate.code }}">'
        "{{ alternate.name|capfirst }}</a></li>\n"
        "    {% endif %}{% endfor %}"
    ),
}
FILTERS = {
    "hreflang": "{% load languages %}{% if alternates %}{{ alternates|hreflang_links:site_url }}{% endif %}",
    "switcher": "{% load languages %}{{ alternates|switcher_items:current }}",
}


def test_the_links_are_drawn_as_the_template_loops_drew_them():
    alternates = [
        {"code": "en", "name": "English", "path": "/learn/a-page/?a=1&b=<2>"},
        {"code": "es", "name": "español", "path": '/es/learn/"quoted"/'},
    ]
    for site_url in ("https://clinic.example.org", 'https://odd.example/"&<'):
        for current in ("en", "es", "fr"):
            for pages in ([], alternates[:1], alternates):
                context = {"alternates": pages, "site_url": site_url, "current": current}
                assert_drawn_as_the_loops_drew(FILTERS, TEMPLATE_LOOPS, context)
