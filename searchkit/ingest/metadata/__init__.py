"""Title, date, year, speaker and venue of a speech, read from its lines; pure functions, no I/O.

Rules for classes of input, each in its module (docs/commands.md "Metadata rules" lists them all):

* before the rules: Markdown markup read through, a line holding title + date/venue + office/name split
  in three (also a date/venue line ending in office + name, a heading ending in its bracketed date; a
  header run on into the text on one line, `runon`, cut into its lines),
  running headers (lines repeated 3+ times per copy of the text) kept out of titles, traditional
  script folded to simplified (answers are returned as written);
* `labels`: labelled header lines (标题： 讲话人： 发布日期：…（讲话发生日 …）) state fields outright;
* `title`: a front-matter or labelled title, else the best-scored candidate line (evidence: a
  date/speaker line below it, title words, length, position; site names, page-title suffixes and
  web addresses count against); a text that opens with its salutation has none;
* `dates`: a labelled speech date > date/venue lines > month-only header dates (no day) > front matter
  or labelled date (below the lead's day of the event, `leads`, when that date is a crawl stamp or the
  title names a speech) > date-only and signature dates > the day the lead gives the event > publication
  stamps > datelines, with the year from elsewhere when missing; below a stated date's header, and in
  footnotes, dates belong to other texts;
* `speaker`: front matter, labelled and office + name lines, names in titles and editors' notes and
  introductions, `NAME：`, signatures, cited collections, front-matter author, file name; transcripts
  of many speakers have none;
* `names`: what can be a name (surnames, offices, dotted and four-character names).

``stated`` values (a front matter) are evidence weighed with the rest, not overrides.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from ...text import has_traditional, normalize
from ..debris import is_debris, is_field_stamp
from ...text.patterns import FULL_DATE as _FULL_DATE
from ...text.patterns import nfkc
from .dates import (_PLAIN, _PUB, _SPEECH, _EVENT_YEAR, EDITION, _date_text, _full_date, _iso,
                    _parse_date, _year_in, day_in_name, first_publication, is_clock_stamp, is_date_line,
                    is_month_only, reprint_date, year_of)
from .dates import stated_date as day_stated
from .labels import label_of
from .leads import bracketed_day, is_body_line, lead_event_day, lead_full_day, wire_event_day
from .labels import read as read_labels
from .names import _norm, is_name, is_transcript, warm_up
from .runon import split_run_on
from .authors import (AUTHOR_LABEL, author_above_reprint,
                      author_in_note, author_of_title, speaker_in_collection, speaker_in_intro, speaker_in_signature,
                      speaker_signing_at, author_by_collection, lecturer_by_office, speaker_of_full_text,
                      author_in_breadcrumb, author_in_site_title,
                      speaker_of_quote, speaker_of_lecture)
from .speaker import (_from_file_name, _name_colon, _venue_from, parse_speaker_line,
                      is_contest, names_speech, speaker_in_lead, speaker_in_note, speaker_in_title)
from .title import WINDOW as TITLE_WINDOW
from .title import choose as choose_title
from .title import clean as clean_title
from .title import stated_title

__all__ = ["HEAD_LINES", "SpeechMeta", "extract_metadata", "is_date_line", "is_debris", "is_name",
           "names_speech", "parse_speaker_line", "warm_up"]

HEAD_LINES = 40
TAIL_LINES = 8


@dataclass(frozen=True)
class SpeechMeta:
    title: str | None
    date: str | None  # ISO YYYY-MM-DD, only when year, month and day are all known
    year: int | None
    speaker: str | None
    venue: str | None


# --- assembly -----------------------------------------------------------------------------

_PUB_LINE = re.compile(r"^(来源|出处|稿源|作者|原标题|字号|浏览|点击|阅读)[:：]")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BLOCK_MARK = re.compile(r"^\s{0,3}(?:#{1,6}|>+)\s*")
# `> * 这是…的指示`: a list item's marker (a bullet and its space) is no part of the note it holds
_LIST_MARK = re.compile(r"^[*+\-]\s+(?=\S)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_RULE_OR_TAG = re.compile(r"^(?:(?:[-*_=]\s*){3,}|</?[A-Za-z][^>]*>.*)$")
# 政府工作报告——2018年3月5日在第十三届全国人民代表大会第一次会议上国务院总理 李克强: three lines in one.
_COMPOUND = re.compile(r"^(?P<title>[^—－\-]{2,60}?)\s*(?P<rest>(?:——|--|－－|―)\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年.+)$")
# 中共发言人…的谈话（一九四九年一月二十八日）: a heading and its date in one.
_TITLE_DATE = re.compile(r"^(?P<title>[^（(]{2,60}?)\s*(?P<rest>[（(]\s*(?:\d{4}|[〇○零OＯ一二三四五六七八九]{4})\s*年"
                         r"[^（）()]{1,20}[）)])$")
_SENT_END = re.compile(r"[。！？；!?;]")
# ——2015年3月5日在第十二届全国人民代表大会第三次会议上国务院总理 李克强: date/venue and speaker in one.
_DATE_SPEAKER = re.compile(r"^(?P<rest>(?:——|--|－－|―)\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年.+)$")


# A text dump that kept its paragraph tags: <p style="…">新华社北京12月2日电 …</p> is the paragraph.
_TEXT_TAG = re.compile(r"</?(?:p|span|div|font|strong|b|em|br)\b[^>]*>", re.I)


def _markup(line: str) -> str:
    """A line without Markdown/HTML markup: `# 标题` -> 标题, `> 这是…` -> 这是…, `---` -> ''."""
    if _TEXT_TAG.match(line):
        line = _TEXT_TAG.sub("", line).strip()
    if _RULE_OR_TAG.match(line):
        return ""
    s = _LINK.sub(r"\1", _IMAGE.sub("", line))
    return _EMPHASIS.sub(r"\2", _LIST_MARK.sub("", _BLOCK_MARK.sub("", s))).strip()


def _split_compound(line: str) -> list[str]:
    if len(line) > 150:
        run_on = split_run_on(line, lambda s: parse_speaker_line(s, allow_bare_name=False))
        if len(run_on) > 1:
            return run_on
    dated = _TITLE_DATE.match(line)
    if dated and not _SENT_END.search(dated["title"]) and not is_date_line(dated["title"]) and not _FOOTNOTE.match(line):
        return [dated["title"], dated["rest"]]
    # （一九五O年十二月――一九五一年九月）: a bracketed span of months is one date line, not a title and a date
    m = None if line.startswith(("（", "(")) else _COMPOUND.match(line) or _DATE_SPEAKER.match(line)
    if not m or len(line) > 150:
        return [line]
    title = [m.group("title")] if m.groupdict().get("title") else []
    rest = m.group("rest")
    cut = rest.rfind("上")
    if cut > 0 and parse_speaker_line(rest[cut + 1:], allow_bare_name=False):
        return [*title, rest[:cut + 1], rest[cut + 1:].strip()]
    return [*title, rest]


def _is_meta_line(line: str) -> bool:
    return (is_debris(line) or is_date_line(line) or bool(_PUB_LINE.match(_norm(line)))
            or label_of(line) is not None or parse_speaker_line(line) is not None)


def _heading_cue(line: str) -> int:
    """How surely a line below a candidate marks it the title: a date/venue or speaker line (3), a
    page's stamp or a dateline (1: a page's headline may be a repost's, above the speech's heading)."""
    if is_field_stamp(line) or is_clock_stamp(line):
        return 1  # a posting time under a portal's headline (发表时间： / 2026-02-09 09:45:30) is a stamp
    parsed = _parse_date(line)
    if parsed and parsed[0] == _SPEECH or is_month_only(line):
        return 4  # a date/venue line (——…在…上, （一九四九年…）): the heading block's own
    if parsed and parsed[0] <= _PLAIN or parse_speaker_line(line, allow_bare_name=False):
        return 3
    return 1 if is_date_line(line) else 0


def extract_metadata(lines: list[str], file_name: str = "", date_known: bool = False,
                     stated: dict | None = None) -> SpeechMeta:
    """Metadata from a speech's lines (stripped, non-empty) and its file's base name. ``stated`` holds
    what a front matter says (title, date, speaker, author): evidence, weighed with the rest. With
    ``date_known`` (stated by the source) the date lines are not looked for: that search is the
    costliest rule, and a news feed states every story's date. Traditional-script texts are read
    in simplified script (the rules know offices and surnames in it) and answered in their own."""
    cleaned = [c for c in map(_markup, lines[:TITLE_WINDOW]) if c]
    cleaned = [part for line in cleaned for part in _split_compound(line)] + lines[TITLE_WINDOW:]
    original = folded = cleaned
    stated = stated or {}
    # A crawled repost (a front-matter date with its time of day) is the page of the day its link to
    # the first publication gives, when that is earlier: the crawl came later.
    first = first_publication(lines[-12:]) if _TIME_OF_DAY.search(stated.get("date", "")) else None
    if first and first < (day_stated(stated["date"]) or first):
        stated = {**stated, "date": f"{first} 00:00"}
    if has_traditional("".join(cleaned[:8]) + stated.get("title", "")):
        folded = [normalize(line) for line in cleaned]
    folded_stated = {key: normalize(value) for key, value in stated.items()} if folded is not original else stated
    meta = _extract(folded, normalize(file_name) if folded is not original else file_name, date_known, folded_stated)
    if folded is original:
        return meta
    folded_text = "\n".join([*folded, folded_stated.get("title", "")])
    original_text = "\n".join([*original, stated.get("title", "")])

    def unfold(value: str | None) -> str | None:
        at = folded_text.find(value) if value else -1
        return original_text[at:at + len(value)] if at >= 0 else value

    title = stated_title(stated["title"], original) if stated.get("title") else unfold(meta.title)
    return replace(meta, title=title, speaker=unfold(meta.speaker), venue=unfold(meta.venue))


def _extract(lines: list[str], file_name: str, date_known: bool, stated: dict) -> SpeechMeta:
    # (a page's 作者： line at the foot is page furniture, but may sign the speech: 作者：…王永明同志 1991年8月26日)
    head, tail = lines[:TITLE_WINDOW], [line for line in lines[-TAIL_LINES:] if not is_debris(line) or AUTHOR_LABEL.match(line.lstrip())]
    file_year, file_speaker = _from_file_name(file_name)
    counts = Counter(lines)
    # A page saved several times over repeats every line, its paragraphs too: count per copy.
    copies = max([1] + [counts[line] for line in lines[:HEAD_LINES] if len(line) > 60][:1])
    # running headers of a printed record
    repeated = {line for line, n in counts.items() if len(line) <= 40 and n >= 3 * copies}
    labelled = read_labels(head[:HEAD_LINES])
    if stated.get("title"):
        title, title_index = stated_title(stated["title"], head) or None, None
        if title and title != clean_title(stated["title"]) and title in head:
            title_index = head.index(title)  # the text's own heading, found from the stated title: its block follows
    elif labelled.title:  # 标题：… says what the title is
        title, title_index = clean_title(labelled.title) or None, min(labelled.lines)
    else:
        title, title_index = choose_title(head, _is_meta_line, _heading_cue, repeated)
    top = title_index or 0
    # The header runs from the title until the first line that reads like body text.
    first = 0 if title_index is None else title_index + 1
    header_end = next((i for i, line in enumerate(head) if i >= first and is_body_line(line)
                       and not is_date_line(line) and not is_debris(line)), len(head))
    # …and the short lines just above it (an office + name line may precede the title).
    above = [line for line in head[max(0, top - 3):top] if not is_body_line(line)]
    header = above + head[first if title_index is not None else 0:header_end]
    date_lines = head[:max(HEAD_LINES, top + 10)]

    best = None  # (rank, line, parsed): the surest date seen
    stated_date = day_stated(stated.get("date")) or labelled.date
    for rank, iso in ((_STATED_SPEECH, labelled.speech_date), (_STATED, stated_date), (_PUB, labelled.published)):
        if iso and (best is None or rank < best[0]):
            # 讲话日期：… outranks all; a front matter or labelled date: below a date/venue line,
            # above a bare date or a stamp
            best = (rank, "", (rank, iso, int(iso[:4]), None))
    # A letter signed with its date (陈小雅 2019年1月27日) is dated by its author, not by the page.
    signed = _signed_date(tail)
    if signed and (best is None or _SIGNED < best[0]):
        best = (_SIGNED, "", (_SIGNED, signed, int(signed[:4]), None))
    # The lead dates the event the page reports (2月18日，…召开…大会), the stamp the page.
    day_lines = [line for line in head[first:first + 8] if not _is_meta_line(line)][:4]
    lead_lines = day_lines[:3]
    # 周一（22日）晚上: a report's lead names the day of the event, the front matter that of the page.
    bracketed = bracketed_day(lead_lines, stated_date, title) if stated_date and not labelled.speech_date else None
    # A front matter's date is the page's (a publication or crawl time): the day the lead gives the event,
    # up to ten days before it, outranks it (《众新闻》4月3日举办…论坛 on a page of 4月8日).
    # …when that date is a stamp (with its time: 2022-05-12 01:22:02) or the title names a speech.
    if stated_date and not labelled.speech_date and not bracketed and (
            _TIME_OF_DAY.search(stated.get("date", "")) or title and names_speech(title)):
        # (a headline set on many short lines pushes the lead below the first four lines)
        crawl_lines = day_lines if any(map(is_body_line, day_lines)) else \
            [line for line in head[first:first + 12] if not _is_meta_line(line)][:8]
        bracketed = lead_event_day(crawl_lines, stated_date, title, file_year, dateline=False)
        # …a crawled repost of a wire's dispatch: the dispatch's own day (新华社北京1月18日电 李明18日…)
        if not bracketed and _TIME_OF_DAY.search(stated.get("date", "")):
            bracketed = wire_event_day(head[first:first + 8], stated_date)
    if bracketed:
        best = (_SIGNED, "", (_SIGNED, bracketed, int(bracketed[:4]), None))
    stamp = None if labelled.published else _stamp_date(head[:first + 8])
    on_day = lead_event_day(day_lines, labelled.published or stamp, title, file_year)
    if not on_day:  # no year from a stamp, title or file name: a header's date line (the page's) within ten days
        page_day = next((p[1] for line in head[:first + 8] if (p := _parse_date(line)) and p[0] in (_PLAIN, _PUB)
                         and p[1]), None)
        on_day = lead_event_day(day_lines, page_day, title, file_year) if page_day else None
    # Against a page stamped to the minute (2023-01-28 17:30:48 来源: …) the lead's day outranks the stamp.
    lead_rank = _LEAD_OVER_STAMP if stamp and on_day else _LEAD
    if on_day and (best is None or lead_rank < best[0]):
        best = (lead_rank, lead_lines[0], (lead_rank, on_day, int(on_day[:4]), None))
    # An e-paper's edition line (-01版:要闻-2026年09月23日) dates the issue: that day on another header line
    # is the too (a stamp), below the lead's day of the event.
    edition = {_iso(*_full_date(m)) for line in date_lines[:12]
               if EDITION.search(_norm(line)) and (m := _FULL_DATE.search(_date_text(line)))}
    venue = None
    dated = [(line, i >= header_end, False) for i, line in enumerate(date_lines)] + [(line, True, True) for line in tail]
    for line, in_body, in_tail in [] if date_known else dated:
        if in_body and stated_date or _FOOTNOTE.match(line):
            continue  # below the header a date belongs to the text's matter (or a footnote's)
        parsed = _parse_date(line)
        if not parsed or in_tail and parsed[0] > _PLAIN:
            continue  # a publication stamp at the foot of a page says nothing about the speech
        if parsed[1] in edition and parsed[0] < _PUB:
            parsed = (_PUB, *parsed[1:])
        if best is None or parsed[0] < best[0]:
            best = (parsed[0], line, parsed)
        if venue is None and parsed[0] == _SPEECH:
            venue = _venue_from(_norm(_date_text(line)))
    if title:
        venue = venue or _venue_from(_norm(title))
        lead = _FULL_DATE.match(_date_text(title).lstrip())  # 2014年3月5日李克强作政府工作报告
        if best is None and lead and _iso(*_full_date(lead)):
            best = (_PUB, title, (_PUB, _iso(*_full_date(lead)), _full_date(lead)[0], None))
    # A reprint's note at the foot (（摘自《…报》2013年9月12日）) dates a text that gives no day of its own.
    reprint = None if date_known else reprint_date(tail)
    if best is None and reprint:
        best = (_REPRINT, "", (_REPRINT, reprint, int(reprint[:4]), None))
    if best is None and not date_known and (full := lead_full_day(day_lines, head)):  # 2012年11月01日，…辞世
        best = (_REPRINT, "", (_REPRINT, full, int(full[:4]), None))

    year = file_year or (_year_in(title) if title else None)
    date = None
    if best:
        _, line, (_, iso, date_year, month_day) = best
        if iso or date_year:  # a full date, or a month-only date line: the year is known
            date, year = iso, date_year
        else:
            # the title's year before a file name's (2024_贺信_… filing a letter of 2023年“读懂中国”…)
            year = (_year_in(title) if title else None) or year or _event_year(line) \
                or (_event_year(title) if title else None) or year_of(month_day, reprint or day_in_name(file_name))
            date = _iso(year, *month_day) if year and month_day else None
    if year is None:
        year = next((y for y in map(_event_year, head[:10]) if y), None)

    if is_transcript(lines):
        speaker = stated.get("speaker")  # proceedings of many speakers: none of them is the speaker
    else:
        # The lead: the first paragraphs below the title, where news copy of a speech names its speaker.
        labelled_lines = [head[i] for i in sorted(labelled.lines)]
        speaker = (_find_speaker(header, head[:HEAD_LINES], tail, title, lines, stated, lead_lines, labelled_lines)
                   or file_speaker)
    return SpeechMeta(title=title, date=date, year=year, speaker=speaker, venue=venue)


_STATED_SPEECH, _SIGNED, _STATED, _LEAD, _REPRINT = -1, 0.4, 0.5, 1.5, 4  # ranks beside those of dates.py
_LEAD_SENTENCE = re.compile(r"(?<=[。！？!?])")
_FULL_TEXT_FOLLOWS = re.compile(r"(?:全文|讲话|发言|致辞|演讲|原文|实录)(?:摘要)?如下[:：]\s*$")
_NOTE_OPEN = re.compile(r"^[*＊]?\s*这(?:是|个|篇)")
_INTRODUCES = re.compile(r"^\s*(?:以下|下面)")  # 以下为…的讲话实录 introduces the text; 这是… in a lead describes
_LEAD_OVER_STAMP = 0.9  # above a date-only line (the stamp), below a date/venue line or a stated date
_TIME_OF_DAY = re.compile(r"(?<!\d)[0-2]?\d[:：][0-5]\d(?!\d)")
# 註一：… / 〔1〕… / [2] … / ①…: a footnote cites another text, and its date
_FOOTNOTE = re.compile(r"^\s*(?:[註注]\s*[\d一二三四五六七八九十]+\s*[:：.、]|[〔\[［]\s*\d{1,3}\s*[〕\]］]|[①-⑳])")


def _signed_date(tail: list[str]) -> str | None:
    """The date at the foot that a name signs: on its line (陈小雅 2019年1月27日) or the line above
    (段崇智 / 二零一九年十月十八日)."""
    for i in range(len(tail) - 1, -1, -1):
        text = _date_text(tail[i]).strip()
        m = _FULL_DATE.search(text)
        if not m or len(text) > 40 or text[m.end():].strip(" 。."):
            continue
        rest = text[:m.start()].strip()
        if parse_speaker_line(rest) if rest else i > 0 and parse_speaker_line(tail[i - 1]):
            return _iso(*_full_date(m))
    return None


def _stamp_date(lines: list[str]) -> str | None:
    """The day of the page's own stamp above its lead, a date with its time of day (2023-01-28 17:30:48
    来源: 广东发布): a page is stamped to the minute, a speech dated to the day."""
    for line, below in zip(lines, lines[1:] + [""]):
        # …or a date-only line above the page's 来源： line (2025-01-01 / 来源：新华社)
        stamped = _TIME_OF_DAY.search(line) or _SOURCE_LINE.match(below)
        parsed = _parse_date(line) if len(line) <= 60 and stamped else None
        if parsed and parsed[0] in (_PLAIN, _PUB) and parsed[1]:
            return parsed[1]
    return None


_SOURCE_LINE = re.compile(r"^\s*(?:稿件)?来源\s*[:：]")


def _event_year(text: str) -> int | None:
    years = {int(y) for y in _EVENT_YEAR.findall(nfkc(text))}
    return years.pop() if len(years) == 1 else None


def _find_speaker(header: list[str], head: list[str], tail: list[str], title: str | None,
                  lines: list[str], stated: dict, lead: list[str], labelled: list[str]) -> str | None:
    def first(candidates):
        return next((name for name in candidates if name), None)

    @functools.lru_cache(maxsize=1)
    def body() -> str:  # the text, normalized, for the few rules that look a name up in it
        return "\n".join(_norm(line) for line in lines[:300])

    author = _norm(stated.get("author", ""))
    if title and is_contest(title):  # news of a speech contest: its captions name contestants, not a speaker
        return stated.get("speaker") or first(parse_speaker_line(line) for line in labelled)
    return (
        stated.get("speaker")
        or first(parse_speaker_line(line) for line in labelled)  # 讲话人：…
        or first(parse_speaker_line(line, allow_bare_name=not is_body_line(line)) for line in header)
        or (speaker_in_title(title, body) if title else None)
        or (speaker_of_full_text(title, body) if title else None)  # 戴耀廷結案陳詞全文 over a text of 我…
        or (speaker_of_lecture(title, body) if title else None)  # 我校李爽教授…作专题讲座
        or (lecturer_by_office(title, lead, body) if title else None)  # …所长为…讲授…讲座 / 所长袁永涛，为…
        or first(speaker_in_note(line, body) for line in head)
        # …broken over two lines where a PDF's page or column ended (*这是…起草的给…和中原 / 野战军…的电报。)
        or first(speaker_in_note(a + b, body) for a, b in zip(head, head[1:]) if _NOTE_OPEN.match(a) and a[-1:] not in "。！？")
        or (first(author_of_title(line, title) for line in head) if title else None)  # 毛泽东的《实践论》
        or first(author_in_note(line) for line in head[:6])  # 这个文件是毛泽东…而写的
        or first(author_by_collection(line) for line in head[:6])  # 本文…后收入《毛选》
        # …or a later sentence of the lead: …大会召开。以下为省委书记黄坤明在大会上的讲话实录——
        or first(speaker_in_note(sentence, body) for line in lead for sentence in _LEAD_SENTENCE.split(line)[1:3]
                 if _INTRODUCES.match(sentence))
        # An introduction: 毛泽东在这次会议上所作的报告，提出了… (the title names the report).
        or (first(speaker_in_intro(line) for line in lead) if title and names_speech(title) else None)
        or first(_name_colon(line) for line in head)
        or first(speaker_in_title(line, body) for line in header)
        # A title that names the speech but not the speaker (行政长官新年致辞): the lead names them.
        or (first(speaker_in_lead(line) for line in lead) if title and names_speech(title) else None)
        # …or the lead says the full text follows (…在…会上发言。全文如下：): whatever the heading says
        or first(speaker_in_lead(line) for line in lead[:2] if _FULL_TEXT_FOLLOWS.search(line))
        or (speaker_of_quote(title, body) if title else None)  # 賴清德登記初選：… / 賴清德說…
        # A signature may put the office and the name on separate lines.
        or first(parse_speaker_line(line, allow_bare_name=False) for line in reversed(tail))
        or first(parse_speaker_line(a + b, allow_bare_name=False) for a, b in zip(tail, tail[1:]))
        or speaker_in_signature(tail)
        or speaker_signing_at(tail)  # 毛泽东于上杭古田
        or author_above_reprint(tail)  # 作者：何晓鲁 / （摘自《文汇报》2011年5月11日）
        or first(speaker_in_note(line, body, marked_only=True) for line in tail)  # a note printed at the end
        or first(speaker_in_collection(line) for line in tail)
        or first(author_in_breadcrumb(line) for line in head[:2])  # 中文马克思主义文库 -> 毛泽东
        or author_in_site_title(stated.get("title"), title)  # …全文在线阅读 - 毛泽东选集第三卷
        or (author if is_name(author, strict=True) else None)
    )
