"""What a Spanish page shows a reader, and what in it is still English: for tests/site/test_spanish_walk.py.

A page's text is every text node a reader sees or hears (the <title>, the body, and the aria-label, placeholder, title
and alt attributes), except:
- anything inside an element with another `lang` (the language switcher's "English", a name marked as English): it
  says it is English, so screen readers read it as English;
- article bodies, FAQ answers, glossary entries and reference lists: content, translated and reviewed as articles,
  which may quote English titles of the sources they cite.
"""

import ast
import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
# English words that are not Spanish words, and the English of common buttons and links.
ENGLISH_WORDS = {
    "the", "and", "your", "you", "with", "this", "that", "are", "our", "we", "of", "to", "for", "is", "not", "or",
    "what", "how", "if", "will", "be", "it", "please", "from", "have", "has", "was", "were", "about", "when", "who",
    "skip", "search", "next", "previous", "back", "continue", "step", "save", "send", "submit", "yes", "page", "help",
    "home", "start", "learn", "glossary", "questions", "request", "check", "answers", "change",
}  # fmt: skip


def _is_content(tag: str, attrs: dict) -> bool:
    classes = (attrs.get("class") or "").split()
    if tag == "div" and classes == ["prose"]:  # an article body or an FAQ answer
        return True
    return "references" in classes or "glossary" in classes


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, hidden): hidden when another language, content, script or style
        self.pieces = []
        self.in_title = False

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = (
            self._hidden()
            or tag in ("script", "style", "template")
            or attrs.get("lang", "es").split("-")[0] != "es"
            or _is_content(tag, attrs)
        )
        if tag == "html":
            hidden = False
        if not hidden:
            self.pieces += [attrs[name] for name in SPOKEN_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.pieces.append(attrs["value"])
        self.in_title = self.in_title or tag == "title"
        if tag not in VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        in_head = any(tag == "head" for tag, _ in self.stack)
        if data.strip() and not self._hidden() and (self.in_title or not in_head):
            self.pieces.append(data)


def visible_texts(page: str) -> list[str]:
    """The page's text pieces, each with its whitespace collapsed."""
    reader = _Reader()
    reader.feed(page)
    return [" ".join(piece.split()) for piece in reader.pieces if piece.strip()]


def catalogue() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every entry of the Spanish catalogue; msgstr is "" when missing or fuzzy (unused)."""
    entries = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
        parts, key = {}, None
        for line in block.splitlines():
            match = re.match(r"^(msgid|msgid_plural|msgstr(?:\[0\])?|msgstr\[\d\]) (\".*\")$", line)
            if match:
                key = match.group(1)
                parts[key] = _unquote(match.group(2))
            elif line.startswith('"') and key:
                parts[key] += _unquote(line)
        if parts.get("msgid"):
            translated = parts.get("msgstr", parts.get("msgstr[0]", ""))
            entries.append((parts["msgid"], "" if fuzzy else translated))
    return entries


def _unquote(quoted: str) -> str:
    return ast.literal_eval(quoted)  # a PO string's escapes (\\", \\n, \\\\) are Python's


def _fragments(msgid: str) -> list[str] | None:
    """The msgid's text as a reader would see it, tags stripped, in the pieces between its placeholders. None when
    too short to tell apart from other words (" am", a bare placeholder)."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", msgid)).split())
    fragments = [fragment.strip() for fragment in re.split(r"%\(\w+\)[sd]", text)]
    if not any(len(re.sub(r"\W", "", fragment)) >= 3 for fragment in fragments):
        return None
    if text.islower() and max(len(fragment.split()) for fragment in fragments) < 2:
        return None  # "today", "before %(time)s": English words, found as such by english_on, not as this string
    return [fragment for fragment in fragments if fragment]


def _pattern(fragments: list[str]) -> re.Pattern:
    """The fragments as whole words, in order, placeholders matching anything between them."""
    return re.compile(".*?".join(_whole(fragment) for fragment in fragments))


def _whole(fragment: str) -> str:
    """The fragment as whole words: "Page" does not match "Pages"."""
    before = r"(?<!\w)" if fragment[0].isalnum() else ""
    after = r"(?!\w)" if fragment[-1].isalnum() else ""
    return before + re.escape(fragment) + after


@functools.cache
def _catalogue_patterns() -> list[tuple[str, str, str, re.Pattern]]:
    """Each catalogue entry a reader could tell apart, with its first fragment and its pattern: read and compiled
    once per test process, not once a page (that took most of the walk's time)."""
    entries = [(msgid, msgstr, _fragments(msgid)) for msgid, msgstr in catalogue()]
    return [(msgid, msgstr, fragments[0], _pattern(fragments)) for msgid, msgstr, fragments in entries if fragments]


def english_on(page: str) -> list[str]:
    """Every piece of English a Spanish page shows: catalogue strings left untranslated, then other text with
    English words in it (text that was never marked for translation)."""
    texts = visible_texts(page)
    joined = "\n".join(texts)
    found, reported = [], set()
    for msgid, msgstr, first, pattern in _catalogue_patterns():
        # Most catalogue strings are not on a given page at all: their first words, looked for as plain text, say so.
        if msgstr != msgid and first in joined and pattern.search(joined):
            reported |= {text for text in texts if pattern.fullmatch(text)}
            found.append(
                f"catalogue string in English: {msgid!r}" + ("" if msgstr else " (no Spanish in the catalogue)")
            )
    for text in texts:
        if text in reported:
            continue  # already named as the catalogue string it is
        words = {word.lower() for word in re.findall(r"[A-Za-z']+", re.sub(r"\S*[@/.]\w\S*", " ", text))}
        if words & ENGLISH_WORDS:
            found.append(f"English text: {text[:160]!r}")
    return found
