"""Text folded for accent-insensitive search: lower case, no accents ("Depresión" and "depresion" fold alike).

PostgreSQL folds the same way in its 'spanish_unaccent' search configuration (migration 0008); SQLite matches the
folded copies stored on each translation. `fold_spans` finds folded words in the original text, so the words can be
marked as they are written, accents and all.
"""

import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


_fold_char = lru_cache(maxsize=4096)(fold)  # a page's snippets fold the same few letters over and over


def folded_words(query: str) -> list[str]:
    """The query's words as folded; a word of accents alone folds to nothing and is left out."""
    return fold(query).split()


def fold_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the (folded) `words` occur in `text`, as (start, end) positions in the original text."""
    folded, origin = [], []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        folded.append(piece)
        origin.extend([index] * len(piece))
    folded_text = "".join(folded)
    spans = []
    for word in words:
        start = folded_text.find(word)
        while word and start != -1:
            spans.append((origin[start], origin[start + len(word) - 1] + 1))
            start = folded_text.find(word, start + 1)
    return sorted(spans)
