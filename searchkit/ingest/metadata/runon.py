"""A header run together with its text on one line (a saved page that lost its line breaks)."""

from __future__ import annotations

import re

from ...text.patterns import nfkc
from .dates import _DATELINE

# …新华社北京3月14日电政府工作报告——2014年3月5日在第十二届全国人民代表大会第二次会议上国务院总理 李克强各位代表：…
_DATE_VENUE = re.compile(r"(?:——|--|－－|―)\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年[^。；！？]{1,60}?上")
_SALUTATION = re.compile(r"各位代表|同志们|各位委员|女士们|尊敬的|亲爱的|各位")
_PIECES = re.compile(r"(?<=[。！？])|\s+")


def split_run_on(line: str, is_speaker) -> list[str]:
    """`line` cut into the header lines it holds and the body after them, when a date/venue line
    (——YYYY年…在…上) runs on into an office + name and a salutation in its first 400 characters:
    [dateline, title, date/venue, office + name, body]; what comes before the title piece (a photo's
    caption and credit: 3月5日，李克强…作《政府工作报告》。 新华社记者…摄) is left out. Else [line]."""
    m = _DATE_VENUE.search(line[:400])
    if not m:
        return [line]
    after = line[m.end():]
    greet = _SALUTATION.search(after[:30])
    if not greet or not is_speaker(after[:greet.start()].strip()):
        return [line]
    pieces = [p.strip() for p in _PIECES.split(line[:m.start()]) if p and p.strip()][-1:]
    if pieces:  # 新华社北京3月14日电政府工作报告: the dateline, then the title
        last = pieces.pop()
        dl = _DATELINE.match(nfkc(last))
        pieces = [last[:dl.end()], last[dl.end():]] if dl and dl.end() < len(last) else [last]
    return [*pieces, line[m.start():m.end()], after[:greet.start()].strip(), after[greet.start():]]
