"""Plain text: decode bytes in the encodings Chinese speeches come in."""

from __future__ import annotations

import codecs

from ..errors import InputError


def decode(data: bytes, name: str) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK or Big5."""
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
    if b"\x00" in data:
        raise InputError(f"{name} looks binary (it contains NUL bytes)")
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
        break
    raise InputError(f"{name} is not UTF-8, GB18030, Big5 or UTF-16 with a BOM; convert it to UTF-8")


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f\v\x1a")
    return controls <= len(text) // 100


def read(data: bytes, name: str) -> tuple[str, dict]:
    return decode(data, name), {}
