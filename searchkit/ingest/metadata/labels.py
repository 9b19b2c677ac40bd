"""Labelled header lines (`标题：…`, `讲话人：…`, `发布日期：…（讲话发生日 …）`): what a document states
about itself. Like a front matter they outrank what the rules infer; the label says what a date is.

* title: 标题 题目 题名 篇名 文章标题 讲话题目 报告题目 (原标题 is a repost's original headline: not read);
* the speech's own date: 讲话日期 讲话时间 讲话发生日 报告日期 会议日期 …, also in brackets after another
  date (`2024-02-19 11:06（讲话发生日 2024-02-18）`);
* a page's date: 发布日期 发布时间 发表时间 更新时间 …, and 日期/时间 with a time of day (`13:06:42`),
  beside other fields (`时间：2026-02-24 来源：…`) or under a headline (a page stamp);
* the document's date: 日期/时间 in a labelled header (one that labels its title or speaker too);
* speaker: 讲话人 报告人 发言人 演讲人 致辞人 主讲人 (office and honorific dropped by the speaker rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import _date_text, _full_date, _iso
from ...text.patterns import FULL_DATE as _FULL_DATE
from .names import _norm

_TITLE = "标题|题目|题名|篇名|文章标题|讲话题目|报告题目|讲题"
_SPEECH_DATE = ("讲话发生日期|讲话发生日|讲话日期|讲话时间|发言日期|发言时间|报告日期|报告时间|演讲日期|演讲时间|"
                "致辞日期|致辞时间|会议日期|会议时间|举行日期|举行时间|活动日期|活动时间")
_PUBLISHED = "发布日期|发布时间|发表日期|发表时间|发稿时间|发稿日期|更新时间|更新日期|刊发日期|刊发时间|上网时间|出版日期"
_DATE = "日期|时间"
_SPEAKER = "讲话人|报告人|发言人|演讲人|演讲者|讲者|致辞人|主讲人"
_LABEL = re.compile(rf"^(?P<label>{_TITLE}|{_SPEECH_DATE}|{_PUBLISHED}|{_DATE}|{_SPEAKER})[:：](?P<value>.+)$")
_INNER_SPEECH_DATE = re.compile(rf"[(（\[【]\s*(?:{_SPEECH_DATE})\s*[:：]?\s*(?P<date>[^)）\]】]+)[)）\]】]")
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_OTHER_FIELD = re.compile(r"[\u4e00-\u9fff]{2,4}[:：]")


@dataclass(frozen=True)
class Labels:
    title: str | None = None
    speech_date: str | None = None  # ISO: the label says it is the speech's date
    date: str | None = None  # the document's date, as a front matter states it
    published: str | None = None  # the page's date
    speaker: str | None = None
    lines: frozenset[int] = frozenset()  # indexes of the labelled lines (no title candidates)


def label_of(line: str) -> tuple[str, str] | None:
    """(label, value) of a labelled line; None for any other line."""
    if len(line) > 150:
        return None
    m = _LABEL.match(_norm(line))
    return (m["label"], re.split("[:：]", line, maxsplit=1)[1].strip()) if m else None


def _date_in(value: str) -> str | None:
    m = _FULL_DATE.search(_date_text(value))
    return _iso(*_full_date(m)) if m else None


def read(head: list[str]) -> Labels:
    """The labelled fields among `head` (the first is taken where a label repeats)."""
    found: dict[str, str] = {}
    indexes = set()
    for i, line in enumerate(head):
        labelled = label_of(line)
        if not labelled:
            continue
        label, value = labelled
        inner = _INNER_SPEECH_DATE.search(value)
        if inner and _date_in(inner["date"]):
            found.setdefault("speech_date", _date_in(inner["date"]))
            value = value[:inner.start()]
        if re.fullmatch(_TITLE, label):
            kind, parsed = "title", value.strip() or None
        elif re.fullmatch(_SPEAKER, label):
            kind, parsed = "speaker", value.strip() or None
        else:
            parsed = _date_in(value)
            if re.fullmatch(_SPEECH_DATE, label):
                kind = "speech_date"
            elif re.fullmatch(_PUBLISHED, label) or _TIME_OF_DAY.search(value) or _OTHER_FIELD.search(value):
                kind = "published"  # a page is stamped to the minute; a speech is dated to the day
            else:
                kind = "date?"  # the document's date in a labelled header, else a page stamp
        indexes.add(i)
        if parsed:
            found.setdefault(kind, parsed)
    if "date?" in found:
        found.setdefault("date" if "title" in found or "speaker" in found else "published", found.pop("date?"))
    return Labels(**found, lines=frozenset(indexes))
