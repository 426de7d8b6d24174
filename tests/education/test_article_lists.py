"""The article page's contents and references, drawn by education/templatetags/article_lists.py, are the markup the
template's loops drew, with awkward text escaped the same way."""

from education.models import Reference
from tests.markup import assert_drawn_as_the_loops_drew

AWKWARD = "<script>alert(\"x\")</script> & 'quotes' é"

# The loops the page's template had, kept here to compare against.
TEMPLATE_LOOPS = {
    "contents": (
        '{% for heading in sections %}<li><a href="#{{ heading.anchor }}">{{ heading.title }}</a></li>{% endfor %}'
    ),
    "references": (
        "\n        {% for ref in references %}\n"
        '        <li id="ref-{{ ref.number }}">{{ ref.citation }}'
        '{% if ref.url %} <a href="{{ ref.url }}" rel="noopener noreferrer">{{ ref.url }}</a>{% endif %}</li>\n'
        "        {% endfor %}\n"
    ),
}
FILTERS = {
    "contents": "{% load article_lists %}{{ sections|contents_items }}",
    "references": "{% load article_lists %}\n        {{ references|reference_items }}\n",
}


def test_the_lists_are_drawn_as_the_template_loops_drew_them():
    sections = [
        {"level": 2, "anchor": "why-it-matters", "title": "Why it matters"},
        {"level": 2, "anchor": 'odd-"anchor"', "title": AWKWARD},
    ]
    references = [
        Reference(number=1, citation="Plain citation. 2001;16(9):606-613.", url="https://doi.org/10.1046/x"),
        Reference(number=2, citation=AWKWARD, url=""),
        Reference(number=12, citation="A page", url='https://example.org/?a=1&b="2"<'),
    ]
    for context in ({"sections": [], "references": []}, {"sections": sections, "references": references}):
        assert_drawn_as_the_loops_drew(FILTERS, TEMPLATE_LOOPS, context)
