"""The day a report's lead gives the event it reports: the first paragraph's (or the second's, after a
quotation), and a bracketed day of the week (周一（22日）); each checked against the page's date."""

from __future__ import annotations

import datetime
import re

from .dates import _DATELINE, _date_text, _iso, _year_in, dateline_day, lead_day
from .names import _CLOSING, _norm

_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# a byline's end (付坤）“…), also of a byline split over two lines before the lead's day (王海琦）9月10日，…)
# 南开新闻网讯（通讯员 景苑 摄影 韦承金）5月21日，…: a site's byline of its reporters opens the lead
_BYLINE = re.compile(r"^[^，,。（(]{0,12}讯\s*[（(](?:记者|通讯员|实习生|学生记者|实习记者|摄影)[^（）()]{0,40}[)）]\s*")
_BYLINE_END = re.compile(r"^[^（）()“”「」，。]{1,8}[)）](?=[“「\"]|\d{1,2}月|[一二三四五六七八九十]{1,3}月)")


def is_body_line(line: str) -> bool:
    s = _norm(line)
    return len(s) > 40 or s.endswith(tuple(_CLOSING))


_ORIGINAL_TITLE = re.compile(r"^\s*原标题\s*[:：]")


def lead_event_day(lead: list[str], published: str | None, title: str | None, file_year: int | None,
              dateline: bool = True) -> str | None:
    """The day the first lead paragraph gives the event it reports (or the second, when the first
    is a quotation: “70几年前…” / 4月8日，…), with the year of the page's stamp (no more than ten days
    later) or else of the title or file name."""
    # (a video's shortcode, {{< video src=… >}}, is no paragraph; nor a byline's end, 付坤）“…)
    # (nor a repost's note of the headline it had, 原标题：…)
    paras = [_BYLINE_END.sub("", _BYLINE.sub("", line)) for line in lead
             if is_body_line(line) and _HAN_RE.search(line[:20]) and not _ORIGINAL_TITLE.match(line)]
    month_day = lead_day(paras[0]) if paras else None
    if not month_day and len(paras) > 1 and _norm(paras[0])[:1] in "“「\"":
        month_day = lead_day(paras[1])
    if not month_day and published and dateline:  # against a page's stamp: the wire's dateline in the lead
        month_day = next((d for line in [ln for ln in lead if is_body_line(ln)][:2] if (d := dateline_day(line))),
                         None)
    if not month_day:
        return None
    if published:
        for year in (int(published[:4]), int(published[:4]) - 1):  # 12月31日 on a page of 1月1日
            iso = _iso(year, *month_day)
            if iso and 0 <= (datetime.date.fromisoformat(published) - datetime.date.fromisoformat(iso)).days <= 10:
                return iso
        return None
    year = (_year_in(title) if title else None) or file_year
    return _iso(year, *month_day) if year else None


_BRACKETED_DAY = re.compile(r"(?<![上前])(?:今日|今天|昨日|昨天|周[一二三四五六日]|星期[一二三四五六日天])"
                            r"[(（](\d{1,2})日[)）]")
_SPOKE = re.compile(r"致辞|致词|讲话|发言|演讲|演说|演辞|讲辞|陈词|贺词|谈话|发表"
                    r"|致辭|致詞|講話|發言|演講|演說|演辭|講辭|陳詞|賀詞|談話|發表")
_SPEECH_NOUN = re.compile(r"致辞|致词|讲话|发言|演讲|演说|演辞|讲辞|陈词|贺词|谈话"
                          r"|致辭|致詞|講話|發言|演講|演說|演辭|講辭|陳詞|賀詞|談話")
_EVENT_HELD = re.compile(r"举办|举行|舉辦|舉行|召开|召開|集会|集會|论坛|論壇|典礼|典禮")
# 周四发表…: a weekday (not 上周三, 每周五, 周五前 a deadline) in the first clause
_WEEKDAY = re.compile(r"(?<![上下本前这這每])(?:[周週]|星期)([一二三四五六日天])(?![前后後之])")


def bracketed_day(lead: list[str], page: str, title: str | None = None) -> str | None:
    """The day the lead's first sentence gives in brackets when it tells of a speech (周一（22日）…致辞;
    今日（1月8日） is a full date elsewhere; 上周三（23日） is an earlier event), in the week up to the page's date;
    or a bare weekday in its first clause (彭斯周四发表…演说 on a page of Friday: that Thursday)."""
    para = next((line for line in lead if is_body_line(line)), "")
    sentence = re.split(r"[。！？!?]", _norm(para), maxsplit=1)[0]
    m = _BRACKETED_DAY.search(sentence)
    # a rally, forum or ceremony the title's speech was given at (…集会 / 梁继平…以短片讲话)
    speech_title = bool(title and _SPEECH_NOUN.search(_norm(title)))
    if m and not (_SPOKE.search(sentence) or speech_title and _EVENT_HELD.search(sentence)) or not (m or speech_title):
        return None
    page_day = datetime.date.fromisoformat(page)
    if not m:  # a bare weekday only under a title that names the speech (彭斯演说中文翻译全文)
        clause = re.split(r"[，,；;：:]", sentence, maxsplit=1)[0]
        w = _WEEKDAY.search(clause)
        if not w or not (_SPOKE.search(clause) or _EVENT_HELD.search(clause) or re.search("宣布|宣佈", clause)):
            return None
        weekday = "一二三四五六日天".index(w.group(1)) % 7
        return (page_day - datetime.timedelta(days=(page_day.weekday() - weekday) % 7)).isoformat()
    day = int(m.group(1))
    for back in range(8):
        d = page_day - datetime.timedelta(days=back)
        if d.day == day:
            return d.isoformat()
    return None


# the day a wire's lead gives its event after the dateline: 李明18日上午在… / 中央政治局2月25日下午…
_WIRE_DAY = re.compile(r"(?<![\d年月日])(?:(\d{1,2})月)?(\d{1,2})日(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午)?(?![电讯])")


def wire_event_day(lines: list[str], crawled: str) -> str | None:
    """A wire's report reposted and crawled later (新华社北京1月18日电 opening the lead, or alone on a line
    above it): the day the lead's first sentence gives the event, in the week up to the dateline, else the
    dateline's day; with the year that puts it up to six weeks before the crawl. A school site's copy of
    a dispatch is crawled weeks after it was filed, and the dispatch names its own day."""
    at = next((i for i, line in enumerate(lines) if dateline_day(line)), None)
    if at is None or any(re.search(r"[。！？!?]", line) for line in lines[:at]):
        return None  # a dispatch quoted below the lead is another's
    month, day = dateline_day(lines[at])
    text = re.sub(r"\s+", "", _date_text(lines[at]))
    rest = text[_DATELINE.match(text).end():]
    if len(rest) < 10 and at + 1 < len(lines):
        rest = re.sub(r"\s+", "", _date_text(lines[at + 1]))  # the dateline on its own line
    crawl = datetime.date.fromisoformat(crawled)
    for year in (crawl.year, crawl.year - 1):
        filed = _iso(year, month, day)
        if filed and 0 <= (crawl - datetime.date.fromisoformat(filed)).days <= 42:
            break
    else:
        return None
    filed_day = datetime.date.fromisoformat(filed)
    m = _WIRE_DAY.search(re.split(r"[。！？!?]", rest, maxsplit=1)[0])
    if m:
        event = _iso(year, int(m[1]) if m[1] else month, int(m[2]))
        if event and 0 <= (filed_day - datetime.date.fromisoformat(event)).days <= 7:
            return event
    return filed


# 2012年11月01日，…辞世 / 2013年1月6日是…纪念日。上午十时，…: a news item's lead that opens with the full day,
# year included, of what it reports; it dates an item nothing else on the page dates.
_FULL_LEAD = re.compile(r"^(?P<y>1[89]\d\d|20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"
                        r"(?:上午|下午|晚上|晚间|晚|早上|凌晨)?(?:[，,是]|\s)")
# A salutation makes the text a speech, whose opening recital of a day (1921年7月23日，…) dates history.
_SALUTE = re.compile(r"^(?:各位|同志们|朋友们|女士们|尊敬的|亲爱的)")


def lead_full_day(lead: list[str], head: list[str]) -> str | None:
    """The full day the first lead paragraph opens with, on a text that greets no audience."""
    if any(_SALUTE.match(_norm(line)) for line in head):
        return None
    paras = [line for line in lead if is_body_line(line)]
    m = _FULL_LEAD.match(_date_text(paras[0]).strip()) if paras else None
    return _iso(int(m["y"]), int(m["m"]), int(m["d"])) if m else None
