"""Plain text: decode bytes in the encodings Chinese speeches come in."""

from __future__ import annotations

import codecs
import re

from ...errors import InputError
from . import encodings, frontmatter


def decode(data: bytes, name: str) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 (with or without BOM), GB18030/GBK or Big5.

    Without a BOM, UTF-8 is taken when the bytes are valid UTF-8 and hold no NUL (UTF-16 of ASCII
    is valid UTF-8); otherwise the most plausible of the other encodings (see ``encodings``). A file
    whose encoding cannot be told with confidence raises ``InputError`` rather than being indexed
    as garbage.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name} starts with a {encoding} BOM but is not valid {encoding}") from None
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    encoding, text = encodings.guess(data)
    if encoding is None:
        if b"\x00" in data:
            raise InputError(f"{name} looks binary (it contains NUL bytes and is not UTF-16 text)")
        raise InputError(f"{name}: {text}; convert it to UTF-8")
    return text


# R on a non-UTF-8 locale writes characters it cannot encode as `<U+00A0>`: scraped texts are full of them.
_R_ESCAPE = re.compile(r"<U\+([0-9A-F]{4,5})>")


def _unescape(match: re.Match) -> str:
    code = int(match.group(1), 16)
    return chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd"


def read(data: bytes, name: str) -> tuple[str, dict]:
    """The text (R's `<U+00A0>` escapes read as the characters they stand for), and under
    ``front_matter`` what a YAML front matter block states (the block itself is not part of the text)."""
    body, stated = frontmatter.split(_R_ESCAPE.sub(_unescape, decode(data, name)))
    return body, ({"front_matter": stated} if stated else {})
