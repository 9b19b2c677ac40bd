"""Title, date, year, speaker and venue of a speech, read from its first and last lines.

Pure functions over stripped, non-empty lines; no I/O. Rules, in the order they are tried:

* Debris (`is_debris`): web-page furniture only - navigation tokens (下载 打印 关闭窗口 …), font-size
  and share widgets, breadcrumbs, editor stamps, photo credits, 上一篇/下一篇 links, and lines made
  only of labelled publication fields (来源：… 时间：…). A sentence that merely mentions 下载 is kept.
* Date: a valid full date, ranked by how surely it is the speech's own: decorated header line
  (——/－－/（…） date, or date + 在…上) > date-only line in the header or the last lines >
  publication stamp > news dateline (…电/讯/消息) with no year, which takes the year known from
  file name, title or an event name in the same line (“2009第四届…年会”). ASCII, full-width,
  space-padded and Chinese-numeral digits are read; of 21日和22日 the first day is taken.
* Year: the date's year, else file name, else title, else that event-name year.
* Speaker: a header line that is [org][office] + name or a name alone; else a name in the title
  (主任缪承潮致辞, 习近平在…上的讲话, 缪承潮：…); else a `NAME：` line; else an office + name line in
  the last lines; else the file name's `_NAME` part. A name is 2-4 Han characters opening with a
  known surname, free of function characters, and not a word jieba's dictionary tags as anything
  but a person (jieba is imported lazily; without it the other checks still apply).
* Title: the first line that is not debris, date, publication or speaker line, minus a 图文：-style
  prefix; if that line reads like body text (ends with 。 or is long) the speech has no title.
* Venue: what follows 在 in the date line (…第二次会议上 -> …第二次会议), else 在…上的讲话 in the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..debris import is_debris
from ..textpatterns import FULL_DATE as _FULL_DATE
from ..textpatterns import nfkc
from .dates import (_DATELINE_RANK, _PLAIN, _PUB, _SPEECH, _EVENT_YEAR, _date_text, _full_date, _iso,
                    _parse_date, _year_in, is_date_line)
from .names import _CLOSING, _norm, is_name, warm_up
from .speaker import _from_file_name, _name_colon, _speaker_in_title, _venue_from, parse_speaker_line

__all__ = ["HEAD_LINES", "SpeechMeta", "extract_metadata", "is_date_line", "is_debris", "is_name",
           "parse_speaker_line", "warm_up"]

HEAD_LINES = 40
TAIL_LINES = 5


@dataclass(frozen=True)
class SpeechMeta:
    title: str | None
    date: str | None  # ISO YYYY-MM-DD, only when year, month and day are all known
    year: int | None
    speaker: str | None
    venue: str | None


# --- assembly -----------------------------------------------------------------------------

_TITLE_PREFIX = re.compile(r"^(图文|组图|图片|高清组图|视频|全文|实录|专稿|独家)[:：]")
_PUB_LINE = re.compile(r"^(来源|出处|稿源|作者|原标题|字号|浏览|点击|阅读)[:：]")


def _is_meta_line(line: str) -> bool:
    return (is_debris(line) or is_date_line(line) or bool(_PUB_LINE.match(_norm(line)))
            or parse_speaker_line(line, allow_bare_name=False) is not None)


def _is_body_line(line: str) -> bool:
    s = _norm(line)
    return len(s) > 40 or s.endswith(tuple(_CLOSING))


def extract_metadata(lines: list[str], file_name: str = "", date_known: bool = False) -> SpeechMeta:
    """Metadata from a speech's lines (stripped, non-empty) and its file's base name. With
    ``date_known`` (stated by the source) the date lines are not looked for: that search is the
    costliest rule, and a news feed states every story's date."""
    head, tail = lines[:HEAD_LINES], lines[-TAIL_LINES:]
    file_year, file_speaker = _from_file_name(file_name)
    title, title_index = _find_title(head)
    # The header runs until the first line that reads like body text (salutation or paragraph).
    header_end = next((i for i, line in enumerate(head) if i != title_index and _is_body_line(line)
                       and not is_date_line(line) and not is_debris(line)), len(head))
    header = [line for i, line in enumerate(head[:header_end]) if i != title_index]

    best = None  # (rank, line, parsed): the surest date seen
    venue = None
    for line, in_tail in [] if date_known else [(line, False) for line in head] + [(line, True) for line in tail]:
        parsed = _parse_date(line)
        if not parsed or in_tail and parsed[0] > _PLAIN:
            continue  # a publication stamp at the foot of a page says nothing about the speech
        if best is None or parsed[0] < best[0]:
            best = (parsed[0], line, parsed)
        if venue is None and parsed[0] == _SPEECH:
            venue = _venue_from(_norm(_date_text(line)))
    if title:
        venue = venue or _venue_from(_norm(title))
        lead = _FULL_DATE.match(_date_text(title).lstrip())  # 2014年3月5日李克强作政府工作报告
        if best is None and lead and _iso(*_full_date(lead)):
            best = (_PUB, title, (_PUB, _iso(*_full_date(lead)), _full_date(lead)[0], None))

    year = file_year or (_year_in(title) if title else None)
    date = None
    if best:
        _, line, (_, iso, date_year, month_day) = best
        if iso:
            date, year = iso, date_year
        else:
            year = year or _event_year(line) or (_event_year(title) if title else None)
            date = _iso(year, *month_day) if year and month_day else None
    if year is None:
        year = next((y for y in map(_event_year, head[:10]) if y), None)

    speaker = _find_speaker(header, head, tail, title) or file_speaker
    return SpeechMeta(title=title, date=date, year=year, speaker=speaker, venue=venue)


def _find_title(head: list[str]) -> tuple[str | None, int | None]:
    for i, line in enumerate(head):
        if _is_meta_line(line) or parse_speaker_line(line):
            continue
        compact = _norm(line)
        # A first line that reads like prose means the text starts without a title.
        if not _is_body_line(line) or compact[-1] in "！？!?" and len(compact) <= 40:
            return _TITLE_PREFIX.sub("", line.strip()).strip() or None, i
        return None, None
    return None, None


def _event_year(text: str) -> int | None:
    years = {int(y) for y in _EVENT_YEAR.findall(nfkc(text))}
    return years.pop() if len(years) == 1 else None


def _find_speaker(header: list[str], head: list[str], tail: list[str], title: str | None) -> str | None:
    def first(candidates):
        return next((name for name in candidates if name), None)

    return (
        first(parse_speaker_line(line, allow_bare_name=not _is_body_line(line)) for line in header)
        or (_speaker_in_title(title) if title else None)
        or first(_name_colon(line) for line in head)
        or first(_speaker_in_title(line) for line in header)
        # A signature may put the office and the name on separate lines.
        or first(parse_speaker_line(line, allow_bare_name=False) for line in reversed(tail))
        or first(parse_speaker_line(a + b, allow_bare_name=False) for a, b in zip(tail, tail[1:]))
    )
