"""Search text folded to plain lower-case ASCII letters, so that "chu ky so" finds "Chữ ký số"."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, without Vietnamese tone and vowel marks (đ becomes d), single spaces."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_terms(query: str) -> list[str]:
    """The folded words of a query, at most ten, each at most 50 characters."""
    return [word[:50] for word in fold(query).split(" ") if word][:10]
