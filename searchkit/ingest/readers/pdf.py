"""PDF files via ``pdfminer.six``: its layout analysis gives each text line with its box, which is
what re-joining hard-wrapped Chinese lines needs (``pypdf`` returns text without line geometry).

Lines are rebuilt into paragraphs. A line continues into the next unless the next line is indented
(or centred), or sits further below than a paragraph's lines do, or this line stops short of the
right margin by more than the next line's first unit (a character or Latin/digit run, with the
punctuation that may not start a line, plus one character), or this line ends a sentence
(。！？；：…) in a document that marks paragraphs by neither a first-line indent nor extra space
(judged from the lines after clear paragraph ends); with such a mark, a full line ending with 。
at the margin is not taken as a paragraph end. Bare page numbers (``3``, ``— 3 —``, ``第3页``) are
dropped; spaces pdfminer puts between Chinese characters, or between them and Latin letters or
digits (justification, auto-spacing), are removed. On LibreOffice exports of Chinese text
(justified and ragged, indented or spaced paragraphs, page-number footers, paragraphs across
pages) every paragraph came back exactly.

Limitations: with neither indent nor paragraph spacing, a paragraph is split where a line happens
to end with 。 at the margin; one text column is assumed (two-column pages and tables come out in
pdfminer's box order); running headers, and titles centred over two lines, stay as separate lines;
pdfminer is pure Python, so a long PDF takes seconds. Encrypted PDFs (a user password), PDFs
without a text layer (scans) and fonts without a Unicode map are refused with a message.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import NamedTuple

from ...errors import InputError
from . import limits

_SENTENCE_END = tuple("。！？；：…!?;:")
_CLOSERS = "”’」』》）)】\"'"
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# pdfminer turns wide gaps (justification, CJK/Latin auto-spacing) into spaces; Chinese text has none.
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}A-Za-z0-9])|(?<=[A-Za-z0-9%]) +(?=[{_CJK}])")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(\d+|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?)[-—–－\s]*$")
_CID = re.compile(r"\(cid:\d+\)")
# The unit a line break cannot split: a Latin/digit run or one character, with the punctuation that
# may not start a line.
_FIRST_WORD = re.compile(r"(?P<latin>[A-Za-z0-9][A-Za-z0-9.,%/+-]*)?(?P<closing>[，。、；：！？）》」』”’…,.;:!?)]*)")


class Line(NamedTuple):
    text: str
    x0: float
    x1: float
    y0: float
    height: float


def read(data: bytes, name: str) -> tuple[str, dict]:
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{name} is not a PDF file (it does not start with %PDF-)")
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError as error:
        raise InputError(f"{name}: reading PDFs needs pdfminer.six ({error})") from None
    _check_streams(data, name)
    pages: list[list[Line]] = []
    size = 0  # UTF-8 bytes of the text so far, at most 3 a character
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            lines = []
            for box in page:
                if isinstance(box, LTTextContainer):
                    for line in box:
                        if isinstance(line, LTTextLine):
                            text = _CJK_SPACE.sub("", line.get_text().strip())
                            if text and not _PAGE_NUMBER.match(text):
                                lines.append(Line(text, line.x0, line.x1, line.y0, max(line.height, 1.0)))
                                size += 3 * len(text)
            pages.append(lines)
            if size > limits.text_cap():  # stop here rather than extract the rest
                limits.check_text("\n".join(line.text for lines in pages for line in lines), name)
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{name} is password-protected or encrypted; save an unprotected copy first") from None
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        message = str(error).splitlines()[0] if str(error) else ""
        raise InputError(f"{name} is not a readable PDF ({type(error).__name__}: {message})") from None
    text = "\n".join(_paragraphs(pages))
    if not text.strip():
        raise InputError(f"{name} has no text layer (scanned?); OCR it first")
    if 2 * sum(len(cid) for cid in _CID.findall(text)) > len(text):
        raise InputError(f"{name} uses fonts without a Unicode map, so its text can't be read; OCR it first")
    return text, {}


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def _check_streams(data: bytes, name: str) -> None:
    """Refuse a PDF whose compressed streams inflate to more than ``limits`` allow (a PDF bomb), before
    pdfminer inflates each whole. Counted a piece at a time, never held; images are left out (pdfminer
    does not inflate them to find text, and a scan's pages are large)."""
    cap = limits.file_cap(".pdf")
    total = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 1024):match.start()]
        if _IMAGE.search(head[head.rfind(b"obj"):] if b"obj" in head else head):
            continue
        inflate, at = zlib.decompressobj(), match.end()
        try:
            while not inflate.eof and at < len(data):
                pending, at = data[at:at + 65536], at + 65536  # its length is not known: read on until it ends
                while pending and not inflate.eof:
                    total += len(inflate.decompress(pending, 1 << 20))
                    pending = inflate.unconsumed_tail
                    if total > cap:
                        raise InputError(f"{name} expands to more than {limits.megabytes(cap)} (a PDF bomb?); not read")
        except zlib.error:
            continue  # not Flate (or damaged): pdfminer decides


def _paragraphs(pages: list[list[Line]]) -> list[str]:
    every = [line for lines in pages for line in lines]
    if not every:
        return []
    # Margins of the text column, robust to a few centred titles and short last lines.
    left = _percentile([line.x0 for line in every], 0.1)
    right = _percentile([line.x1 for line in every], 0.9)
    # How does this document mark a paragraph's start: a first-line indent, extra space above, or
    # neither? Judge by the lines after clear paragraph ends (short lines ending a sentence). With
    # a mark, a full line ending with 。 at the margin does not end the paragraph by itself.
    pairs = [(a, b) for lines in pages for a, b in zip(lines, lines[1:])]
    line_gap = _percentile([_gap(a, b) for a, b in pairs], 0.2) if pairs else 0.0
    after_ends = [(a, b) for a, b in pairs if _ends_sentence(a) and a.x1 < right - 3 * a.height]
    indented = sum(1 for _, b in after_ends if _indented(b, left))
    spaced = sum(1 for a, b in after_ends if _gap(a, b) > line_gap + 0.4 * a.height)
    by_indent = len(after_ends) >= 2 and indented * 4 >= len(after_ends) * 3
    by_space = len(after_ends) >= 2 and spaced * 4 >= len(after_ends) * 3
    paragraphs: list[str] = []
    previous = None  # (line, page number) of the last line added
    for number, lines in enumerate(pages):
        for line in lines:
            new_page = previous is not None and previous[1] != number
            marked = by_indent or (by_space and not new_page)  # space above is lost at a page top
            if previous is not None and _continues(previous[0], line, new_page, left, right, line_gap, marked):
                end = paragraphs[-1][-1]
                glue = "" if _CJK_CHAR.match(end) or _CJK_CHAR.match(line.text[0]) or end == "-" else " "
                paragraphs[-1] += glue + line.text
            else:
                paragraphs.append(line.text)
            previous = (line, number)
    return paragraphs


def _continues(line: Line, following: Line, new_page: bool, left: float, right: float, line_gap: float,
               marked: bool) -> bool:
    if _indented(following, left):
        return False  # the next line is indented (or centred): a new paragraph
    if not new_page and _gap(line, following) > line_gap + 0.4 * line.height:
        return False  # more space than between the lines of a paragraph
    if _ends_sentence(line) and not marked:
        return False
    # Full: the next line's first unit (a character or Latin/digit run, with the punctuation after
    # it, plus one character of slack) would not have fitted on this line.
    word = _FIRST_WORD.match(following.text)
    latin = len(word["latin"] or "") * 0.6 or 1.0
    return line.x1 >= right - (latin + len(word["closing"]) + 1) * following.height


def _gap(line: Line, following: Line) -> float:
    return line.y0 - (following.y0 + following.height)


def _ends_sentence(line: Line) -> bool:
    return line.text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _indented(line: Line, left: float) -> bool:
    return line.x0 > left + 0.9 * line.height


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))]
