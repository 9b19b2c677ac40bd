"""Word documents (``.docx``) via ``python-docx``, the maintained standard library for the format.

One line per non-empty paragraph, in document order: body paragraphs, paragraphs inside table
cells (nested tables too, merged cells once), content controls and text boxes. A manual line break
inside a paragraph (``<w:br/>``) also starts a new line. Headers, footers, footnotes and comments
are left out. The title is the core-properties title (File > Properties), when one is set.

Limitations: text inside tracked insertions (``<w:ins>``) that have not been accepted is skipped,
as python-docx's ``Paragraph.text`` skips it; old binary ``.doc`` files must be converted first.
"""

from __future__ import annotations

import io
import zipfile

from ...errors import InputError
from . import limits

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: a binary .doc, or an encrypted .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read(data: bytes, name: str) -> tuple[str, dict]:
    if data.startswith(_OLE):
        raise InputError(
            f"{name} is an old binary .doc or a password-protected .docx; save it as an unprotected .docx"
        )
    _check_expansion(data, name)
    try:
        import docx
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        lines = []
        for p in body.iter(f"{_W}p"):
            # Text boxes are stored twice (DrawingML and a VML fallback): read the first copy only.
            if any(ancestor.tag == _FALLBACK for ancestor in p.iterancestors()):
                continue
            for line in Paragraph(p, document).text.split("\n"):
                line = line.strip()
                if line:
                    lines.append(line)
        title = (document.core_properties.title or "").strip()
    except Exception as error:  # noqa: BLE001 - corrupt zip, missing parts, bad XML: a bad input file
        why = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        raise InputError(f"{name} is not a readable .docx ({why}); re-save it from Word or LibreOffice") from None
    if not lines:
        raise InputError(f"{name} has no text")
    return "\n".join(lines), ({"title": title} if title else {})


def _check_expansion(data: bytes, name: str) -> None:
    """Refuse a .docx whose parts expand to more than ``limits`` allow (a zip bomb: 9 MB that unzip to
    3 GB), before python-docx unzips and parses them all. The sizes are those the zip states; Python's
    zipfile never inflates a part beyond its stated size (a lie fails its CRC check instead)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip: python-docx says so below
    cap = limits.file_cap(".docx")
    if expanded > cap:
        raise InputError(f"{name} expands to more than {limits.megabytes(cap)} ({expanded / limits.MB:,.0f} MB "
                         "unzipped: a zip bomb?); not read")
