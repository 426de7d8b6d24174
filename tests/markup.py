"""For tests of markup drawn in Python in place of a template loop: both drawn with the same context must match."""

from django.template import engines


def rendered(source: str, context: dict) -> str:
    return engines["django"].from_string(source).render(context)


def assert_drawn_as_the_loops_drew(filters: dict[str, str], loops: dict[str, str], context: dict) -> None:
    """Each template in `filters` (using the Python-drawn markup) renders as its counterpart in `loops` did."""
    for name, loop in loops.items():
        assert rendered(filters[name], context) == rendered(loop, context), (name, context)
