"""Documents → speeches: paragraphs (text kept exactly as written) and metadata."""

from __future__ import annotations

import datetime
import hashlib
import json
import re

from ..text import HAN
from .debris import debris_mask, is_field_stamp
from .metadata import extract_metadata, names_speech, parse_speaker_line
from ..models import Speech
from .readers.document import Document
from .structure import heading_level

# Bump when paragraph or metadata rules change: every speech's hash changes, so an update re-reads all.
RULES_VERSION = "12"

_INDENT = (" ", "\t", "\u3000", "\xa0")
_SENTENCE_END = tuple("。！？；：!?;:…”’」』）)")
_HAN_CHAR = re.compile(f"[{HAN}]")
# A hard-wrapped line is long; shorter lines are titles, headings or one-line paragraphs.
_WRAP_MIN = 40
# 中文马克思主义文库 -> 毛泽东　…: a breadcrumb of the site's path is a line of its own, never a wrapped paragraph
_CRUMBS = re.compile(r"\s(?:->|>|›|»)\s")


# A text dump that kept its HTML (a feed item saved as Markdown): a line that opens or closes a block
# element is a paragraph of its own, and a style or script block holds no text.
_BLOCK_EDGE = re.compile(r"^</?(?:p|div|h[1-6]|li|section|blockquote|table|tr|br)\b|</(?:p|div|h[1-6]|li|section)>$"
                         r"|<br\s*/?>$", re.I)
_CODE_OPEN = re.compile(r"^<(style|script)\b[^>]*>", re.I)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: one per line, or per block when a text separated by blank lines
    hard-wraps its paragraphs. Each paragraph is trimmed of surrounding whitespace only.
    """
    lines = text.splitlines()
    has_blank_lines = any(not line.strip() for line in lines)
    paragraphs: list[str] = []
    previous = ""  # the last line added, or "" after a blank line
    code_end = None  # inside <style>/<script>: the closing tag that ends it
    for line in lines:
        stripped = line.strip()
        if code_end or (opened := _CODE_OPEN.match(stripped)):
            code_end = code_end or f"</{opened.group(1).lower()}>"
            if code_end in stripped.lower():
                code_end = None
            previous = ""
            continue
        if not stripped:
            previous = ""
            continue
        if (
            has_blank_lines
            and previous
            and not line.startswith(_INDENT)
            and len(previous) >= _WRAP_MIN
            and not previous.endswith(_SENTENCE_END)
            and not _BLOCK_EDGE.search(previous)
            and not _BLOCK_EDGE.match(stripped)
            and not _CRUMBS.search(previous)
        ):
            glue = "" if _HAN_CHAR.match(previous[-1]) or _HAN_CHAR.match(stripped[0]) else " "
            paragraphs[-1] += glue + stripped
        else:
            paragraphs.append(stripped)
        previous = stripped
    return paragraphs


def content_hash(document: Document) -> str:
    digest = hashlib.sha256()
    digest.update(RULES_VERSION.encode())
    digest.update(json.dumps(document.fields, sort_keys=True, ensure_ascii=False).encode())
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def sections(paragraphs: list[str], title: str | None) -> list[str | None]:
    """For each paragraph, the headings it sits under ("一、… › （一）…"); a heading sits under itself."""
    open_headings: list[tuple[int, str]] = []  # (level, text), outermost first
    result: list[str | None] = []
    for text in paragraphs:
        level = None if text == title else heading_level(text)
        if level is not None:
            open_headings = [h for h in open_headings if h[0] < level] + [(level, text)]
        result.append(" › ".join(h for _, h in open_headings) or None)
    return result


_EXPLICIT_DATE = re.compile(r"^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?)?")


def _explicit_date(value: str) -> tuple[str | None, int | None]:
    """(ISO date, year) of a stated date: 2026-03-05, 2026/3/5, 2026年3月5日, or a year alone.
    An impossible date (2026-02-30) states nothing."""
    match = _EXPLICIT_DATE.match(value)
    if not match:
        return None, None
    year, month, day = match.groups()
    if day is None:
        return None, int(year)
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat(), int(year)
    except ValueError:
        return None, None


_TITLE_BYLINE = re.compile(r"^(?P<title>.{4,}?)\s*(?:——|--|－－)\s*(?P<who>[^—\-－]{2,40})$")


def make_speech(document: Document) -> Speech:
    # Web-page furniture (下载, 打印, breadcrumbs, photo credits) is neither title nor paragraph.
    lines = split_paragraphs(document.text)
    mask = debris_mask(lines, keep=parse_speaker_line)
    paragraphs = [p for p, debris in zip(lines, mask) if not debris]
    # A page's `发布时间：…` stamp is no paragraph, but it is evidence for the rules: it dates the
    # page and marks the headline above it.
    header = [p for p, debris in zip(lines, mask) if not debris or is_field_stamp(p)]
    fields = document.fields
    # 某某高峰会欢迎词——某某分公司总经理 荆晓达: a page's <title> that signs the speech after a dash (an
    # explicit title of JSONL or a sidecar stays as given)
    page = (document.file_name or "").lower().endswith((".html", ".htm"))
    byline = _TITLE_BYLINE.match(fields.get("title") or "") if page else None
    if byline and parse_speaker_line(byline["who"], allow_bare_name=False):
        fields = {**fields, "title": byline["title"]}
        header = [byline["title"], byline["who"], *header]
    explicit_date, explicit_year = _explicit_date(fields.get("date", ""))
    # A page's title the reader took out of the text (an HTML <title>/<h1>) that names a speech goes
    # back above it: the rules read the speaker out of it (a site's name would only push the lead down).
    # (When the text opens with its heading, a part of that title, the heading is there already.)
    if fields.get("title") and names_speech(fields["title"]) and fields["title"] not in header[:3] \
            and not (header and len(header[0]) >= 6 and header[0] in fields["title"]):
        header = [fields["title"], *header]
    # An author the reader found outside the text (a breadcrumb's 陈毅作品) is evidence like a front matter's.
    stated = {**({"author": fields["author"]} if fields.get("author") else {}), **(fields.get("front_matter") or {})}
    meta = extract_metadata(header, document.file_name, date_known=explicit_date is not None, stated=stated or None)
    speaker = meta.speaker
    # A text with no heading (it opens with 各位代表：) has no title but its file's name.
    fallback = _stem(document.file_name) if document.file_name else (paragraphs[0] if paragraphs else None)
    title = fields.get("title") or meta.title or fallback
    date = explicit_date or meta.date
    return Speech(
        speech_id=document.speech_id,
        source=fields.get("source") or document.source,
        paragraphs=tuple(paragraphs),
        title=title,
        speaker=_squeeze(fields.get("speaker")) or speaker,
        date=date,
        venue=fields.get("venue") or meta.venue,
        year=int(date[:4]) if date else explicit_year or meta.year,
        sections=tuple(sections(paragraphs, title)),
        content_hash=content_hash(document),
        file=document.source,
    )


def _stem(file_name: str) -> str | None:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file_name).strip()
    return stem or None


def _squeeze(name: str | None) -> str | None:
    """龚 正 -> 龚正: names copied from web pages carry spacing inside."""
    if not name:
        return None
    return re.sub(r"(?<=[\u3400-\u9fff])[\s\u3000]+(?=[\u3400-\u9fff])", "", name.strip()) or None
