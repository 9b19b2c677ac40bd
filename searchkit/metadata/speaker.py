"""Speakers and venues: office + name lines, names in titles, `NAME：` lines, signatures, file names."""

from __future__ import annotations

import re

from ..textpatterns import CN_NUMERALS as _CN
from ..textpatterns import HAN as _HAN
from ..textpatterns import nfkc
from .dates import _YEAR
from .names import _OFFICE_RE, _norm, is_name

_SPEAKER_LINE = re.compile(rf"^[{_HAN}、，,·]*?(?:{_OFFICE_RE})(?P<name>[{_HAN}]{{2,4}})(同志)?$")
_TITLE_OFFICE_NAME = re.compile(
    rf"(?:{_OFFICE_RE})(?P<name>[{_HAN}]{{2,4}}?)(?=致辞|致词|讲话|发言|演讲|在|作|发表|出席|答|表示|指出|强调|:|：)"
)
_TITLE_NAME_AT = re.compile(rf"^(?P<name>[{_HAN}]{{2,4}}?)(在|作|发表|出席).*(讲话|致辞|致词|发言|报告|演讲)")
_TITLE_NAME_VERB = re.compile(rf"^(?P<name>[{_HAN}]{{2,4}}?)(致辞|致词|讲话|发表讲话|答记者问)")
_LEADING_DATE = re.compile(rf"^[\d{_CN}]{{4}}年[\d{_CN}]{{1,3}}月[\d{_CN}]{{1,3}}[日号]")
_NAME_COLON = re.compile(rf"^(?P<name>[{_HAN}]{{2,4}})[:：](?=.)")
_VENUE_TAIL = re.compile(r"上?(的|所作的|作的)?(讲话|致辞|致词|报告|发言|演讲|主旨演讲|工作报告)?$")


def parse_speaker_line(line: str, allow_bare_name: bool = True) -> str | None:
    """The name on a line that is only `[org][office] NAME` (or, if allowed, only a name)."""
    s = re.sub(r"^[(（【\[]|[)）】\]]$", "", _norm(line))
    if not s or len(s) > 40:
        return None
    m = _SPEAKER_LINE.match(s)
    if m and is_name(m.group("name")):
        return m.group("name")
    bare = s[:-2] if s.endswith("同志") else s
    if allow_bare_name and is_name(bare, strict=True):
        return bare
    return None


def _speaker_in_title(title: str) -> str | None:
    s = _LEADING_DATE.sub("", _norm(title))
    for pattern in (_TITLE_OFFICE_NAME, _TITLE_NAME_AT, _TITLE_NAME_VERB):
        for m in pattern.finditer(s):
            strict = pattern is not _TITLE_OFFICE_NAME
            if is_name(m.group("name"), strict=strict):
                return m.group("name")
    return _name_colon(s)


def _name_colon(line: str) -> str | None:
    m = _NAME_COLON.match(_norm(line))
    return m.group("name") if m and is_name(m.group("name"), strict=True) else None


def _venue_from(text: str) -> str | None:
    # 日在… after the date, skipping a second day or range (和22日, 至6日, 和12月1日).
    m = re.search(rf"(?:^|[日)）])(?:[和至到、-][\d{_CN}]{{1,3}}(?:月[\d{_CN}]{{1,3}})?[日号])*[在于](?P<v>.+)$", text)
    if not m:
        m = re.search(r"在(?P<v>.+?)上(的|所作的|作的|发表)?(重要)?(讲话|致辞|致词|报告|发言|演讲)", text)
    if not m:
        return None
    venue = _VENUE_TAIL.sub("", re.sub(r"[)）\]】]+$", "", m.group("v")))
    venue = re.sub(r"[(（][^()（）]*$", "", venue)
    return venue if 2 <= len(venue) <= 60 else None


# --- file names ---------------------------------------------------------------------------

def _from_file_name(file_name: str) -> tuple[int | None, str | None]:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file_name)
    year = int(m.group(1)) if (m := _YEAR.search(stem)) else None
    speaker = next((p for p in re.split(r"[_\-\s·]+", stem) if is_name(p, strict=len(p) < 3)), None)
    return year, speaker
