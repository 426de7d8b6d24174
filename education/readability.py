"""Reading grades of an article's prose: Flesch-Kincaid, and SMOG (which US health agencies prefer); for Spanish
translations, the Fernández-Huerta reading ease.

Only running prose counts: paragraphs and list items. Headings, tables, code, the citation
markers like [3], evidence labels and placeholders like [[clinic fees]] are left out, because they are not
sentences a reader reads and would skew a sentence-length formula.
"""

import re
from html.parser import HTMLParser

import textstat
from textstat.textstat import textstatistics

from education.evidence import RENDERED_LABEL

_PROSE_BLOCKS = {"p", "li"}
_SKIPPED = {"table", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6"}
_CITATION = re.compile(r"\s*\[\d+(?:[,–-]\s*\d+)*\]")
_PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")
_SENTENCE_END = (".", "!", "?", ":")

# Spanish syllables and formulas from an instance of its own: set_lang() on the module-level `textstat` would switch
# every English grade in this process to Spanish rules.
_spanish = textstatistics()
_spanish.set_lang("es")


class _ProseCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in _PROSE_BLOCKS and not self._skip_depth:
            self._flush()
            self._current = []

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _PROSE_BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._current is not None and not self._skip_depth:
            self._current.append(data)

    def _flush(self):
        if self._current:
            text = " ".join("".join(self._current).split())
            if text:
                self.blocks.append(text)
        self._current = None

    def close(self):
        super().close()
        self._flush()


def prose_text(html: str) -> str:
    """The readable sentences of rendered article HTML, one block per sentence run."""
    collector = _ProseCollector()
    collector.feed(RENDERED_LABEL.sub("", html))
    collector.close()
    sentences = []
    for block in collector.blocks:
        block = _PLACEHOLDER.sub("", _CITATION.sub("", block)).strip()
        if block and not block.endswith(_SENTENCE_END):
            block += "."
        if block:
            sentences.append(block)
    return " ".join(sentences)


def reading_grade(html: str) -> float:
    """Flesch-Kincaid grade of the prose in rendered HTML (0 when there is none)."""
    text = prose_text(html)
    if not text:
        return 0.0
    return max(0.0, round(float(textstat.flesch_kincaid_grade(text)), 1))


def smog_grade(html: str) -> float:
    """SMOG grade of the prose in rendered HTML (0 when there is none): counts words of three or more syllables."""
    text = prose_text(html)
    if not text:
        return 0.0
    return max(0.0, round(float(textstat.smog_index(text)), 1))


def word_count(html: str) -> int:
    return len(prose_text(html).split())


def fernandez_huerta(html: str) -> float:
    """Fernández-Huerta reading ease of the Spanish prose in rendered HTML (0 when there is none): 100 is easiest,
    60 to 70 "normal", 70 to 80 "fairly easy"."""
    text = prose_text(html)
    if not text:
        return 0.0
    return round(float(_spanish.fernandez_huerta(text)), 1)
