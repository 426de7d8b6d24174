from education.readability import prose_text, reading_grade
from education.rendering import render_markdown


def test_script_typed_into_markdown_never_reaches_the_page():
    html = render_markdown(
        "Hello <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n"
        '<a href="https://example.org" onclick="steal()">link</a>'
    ).html
    assert "<script" not in html
    assert "alert('x')" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "<img" not in html


def test_headings_get_anchors_and_make_the_table_of_contents():
    rendered = render_markdown("## What it is\n\nText.\n\n### A detail\n\nMore.\n\n## Side effects & risks\n\nEnd.")
    assert [(h.level, h.title) for h in rendered.headings] == [
        (2, "What it is"),
        (3, "A detail"),
        (2, "Side effects & risks"),
    ]
    for heading in rendered.headings:
        assert f'id="{heading.anchor}"' in rendered.html


def test_citation_numbers_link_to_the_reference_list():
    html = render_markdown("Ketamine was approved in 1970 [2]. Two sources [1, 3].").html
    assert '<a href="#ref-2"' in html
    assert '<a href="#ref-1"' in html
    assert '<a href="#ref-3"' in html


def test_tables_scroll_inside_a_focusable_box_on_small_screens():
    html = render_markdown("| Route | Approved |\n|---|---|\n| IV | No |\n").html
    assert 'class="table-scroll"' in html
    assert 'tabindex="0"' in html
    assert "<th>Route</th>" in html


def test_reading_grade_counts_prose_not_tables_headings_or_citations():
    simple = "## A very long heading with extraordinarily complicated terminology\n\nWe sit. We read. It is fine [1].\n"
    html = render_markdown(
        simple + "\n| Pharmacokinetic characteristics | Intramuscular bioavailability |\n|---|---|\n| x | y |\n"
    ).html
    assert prose_text(html) == "We sit. We read. It is fine."
    assert reading_grade(html) < 3


def test_hard_text_scores_a_higher_grade_than_plain_text():
    plain = render_markdown("Ketamine is a medicine. It can help some people. A doctor gives it.").html
    hard = render_markdown(
        "Ketamine is a non-competitive N-methyl-D-aspartate receptor antagonist whose antidepressant "
        "mechanism remains incompletely characterised, notwithstanding considerable translational investigation."
    ).html
    assert reading_grade(hard) > reading_grade(plain) + 8
