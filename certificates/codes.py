"""Certificate codes: 160 random bits in RFC 4648 base32, in groups of four for reading aloud.

The base32 alphabet (A–Z, 2–7) has no 0/1/8/9, so O/0 and I/1 cannot be confused; a code typed
in lower case, with spaces or without dashes is read the same.
"""

import base64
import re
import secrets

CODE_BYTES = 20  # 160 bits ≥ the 128 the rules ask for; 32 base32 characters, no padding
GROUP = 4
CODE_LENGTH = CODE_BYTES * 8 // 5 + (CODE_BYTES * 8 // 5 - 1) // GROUP  # with dashes: 39
_ALPHABET = re.compile(r"^[A-Z2-7]{32}$")


def code_generate() -> str:
    raw = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")
    return _group(raw)


def _group(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def code_normalize(typed: str) -> str | None:
    """The canonical grouped code for what a person typed, or None if it cannot be one."""
    compact = re.sub(r"[\s\-.]", "", typed or "").upper()
    if not _ALPHABET.match(compact):
        return None
    return _group(compact)
