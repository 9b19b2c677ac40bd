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

import datetime as _dt
import functools
import re
from dataclasses import dataclass

from .debris import is_debris, is_field_stamp
from .textpatterns import CN_NUMERALS as _CN
from .textpatterns import FULL_DATE as _FULL_DATE
from .textpatterns import nfkc
from .textpatterns import HAN as _HAN
from .textpatterns import SENT_PUNCT as _SENT_PUNCT
from .textpatterns import WS as _WS

HEAD_LINES = 40
TAIL_LINES = 5


@dataclass(frozen=True)
class SpeechMeta:
    title: str | None
    date: str | None  # ISO YYYY-MM-DD, only when year, month and day are all known
    year: int | None
    speaker: str | None
    venue: str | None


# --- shared character classes -------------------------------------------------------------

_CLOSING = "。！？；：，、…!?;:,"
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚"
    "权帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭"
    "况宿鲜印逯隆茹诸战慕危玉银亢嵇哈湛宾戎勾茅利於呼居揭干尉斯束檀衣信展阴昝智幸奉植衡富尧习玄"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                      "长孙", "宇文", "司徒", "司空", "夏侯", "端木", "独孤", "南宫", "西门", "轩辕")
# Characters that occur in words far more than in given names: a candidate holding one is a phrase.
_NOT_IN_NAMES = set("的了是在和与及等们这那我你他她它其把被对从以而就都也还又要为个不上下年日第各位讲话说议报告部间"
                    "词辞省市县区局厅委院办社司处村州府届")
# Surnames that also start everyday words (安全, 方面, 文化): trusted only with an office cue or 3 chars.
_AMBIGUOUS_SURNAMES = set("安于成文明关向常高方万金石白龙江和全应信展利宁平计初宣云容敬普伏鹿银玉危战印隆富衡植"
                          "幸智阴束斯干居呼宾湛亢单车项连简费卜冷席米柏宗桂商沙荣海南国强都元公来由")
_NOT_NAMES = {"谢谢", "谢谢大家", "后记", "全文", "原文", "摘要", "目录", "前言", "序言", "结语", "结束语", "各位",
              "简介", "同志们", "朋友们", "女士们", "先生们", "万岁", "关于", "方针", "高度", "主持人", "记者", "编者按",
              # province names that begin with a surname character
              "吉林", "甘肃", "江苏", "江西", "安徽", "云南", "宁夏", "海南", "湖南", "贵州", "广西", "山西"}

_OFFICES = sorted(
    "总理 副总理 代总理 国务委员 委员长 副委员长 主席 副主席 总书记 书记 副书记 省长 副省长 代省长 市长 "
    "副市长 代市长 区长 副区长 县长 副县长 州长 主任 副主任 部长 副部长 局长 副局长 厅长 副厅长 院长 副院长 "
    "司长 副司长 秘书长 副秘书长 署长 行长 副行长 会长 副会长 理事长 董事长 总经理 总裁 校长 社长 处长 "
    "主任委员 检察长 大使 总统 首相 议长 政委 司令员 参谋长 发言人 党组书记 组长 镇长 乡长 主委 顾问".split(),
    key=len, reverse=True,
)
_OFFICE_RE = "|".join(_OFFICES)


def _norm(line: str) -> str:
    """NFKC (full-width digits/punctuation to ASCII) without whitespace; the form all rules match."""
    return _WS.sub("", nfkc(line))


@functools.lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's part-of-speech dictionary (loaded once, ~0.7 s); empty when jieba is unavailable."""
    try:
        import jieba.posseg
    except ImportError:
        return {}
    return jieba.posseg.dt.word_tag_tab


def warm_up() -> None:
    """Load the word tags now, before forking workers that would each load them."""
    _word_tags()


def is_name(cand: str, strict: bool = False) -> bool:
    """2-4 Han characters that plausibly form a person's name; `strict` for lines with no office cue."""
    if not re.fullmatch(f"[{_HAN}]{{2,4}}", cand) or cand in _NOT_NAMES:
        return False
    if any(ch in _NOT_IN_NAMES for ch in cand[1:]) or any(o in cand for o in _OFFICES):
        return False
    if cand[:2] not in _COMPOUND_SURNAMES and cand[0] not in _SURNAMES or cand in _COMPOUND_SURNAMES:
        return False
    # jieba knows common words (官邸/n, 伊朗/ns, 欧盟/j); it tags most names nr* and a few oddly
    # (周恩来/t), and knows nothing of most local officials, so only a word tag is evidence.
    tag = _word_tags().get(cand)
    if tag is not None and not tag.startswith("nr") and tag != "t":
        return False
    long_single = len(cand) == 4 and cand[:2] not in _COMPOUND_SURNAMES
    if long_single or strict and len(cand) == 2 and cand[0] in _AMBIGUOUS_SURNAMES:
        return bool(tag and tag.startswith("nr"))  # mostly words (官邸企图, 安全) unless jieba knows the name
    return True


# --- dates --------------------------------------------------------------------------------

_CN_DIGIT = {**dict.fromkeys("○零OＯ", 0), **{ch: i for i, ch in enumerate("〇一二三四五六七八九")}}
_MONTH_DAY = re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})[日号]"
                        rf"|(?<![{_CN}年])(?P<m3>[{_CN}]{{1,3}})月(?P<d3>[{_CN}]{{1,3}})[日号]")
_YEAR = re.compile(r"(?<![0-9A-Za-z])(1[89]\d\d|20\d\d)(?![0-9A-Za-z])")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
_HAN_RE = re.compile(f"[{_HAN}]")
_DECOR = re.compile(r"^[—\-－―~～–_(\[【\s]+")
_DATELINE = re.compile(  # 新华社北京10月25日电 / 新浪科技讯 北京时间11月20日消息
    rf"^[^，,。:：]{{0,24}}?(?:北京时间)?(\d{{1,2}}|[{_CN}]{{1,3}})月(\d{{1,2}}|[{_CN}]{{1,3}})[日号](电|讯|消息|报道)"
)
_EVENT_YEAR = re.compile(
    r"(?<![0-9])(1[89]\d\d|20\d\d)(?:年)?(?=第[一二三四五六七八九十\d]+届"
    r"|[^，。、“”\"]{0,15}(?:年会|大会|论坛|峰会|博览会|交易会|展览会|运动会|研讨会|洽谈会))"
)

# Rank of a date by its source: the lower, the surer it is the speech's own date.
_SPEECH, _PLAIN, _PUB, _DATELINE_RANK = 0, 1, 2, 3


def _to_int(text: str) -> int:
    """'2026', '二〇二六' (digit by digit) or '二十七' (with 十) as an int."""
    if text.isdigit():
        return int(text)
    if all(ch in _CN_DIGIT for ch in text):
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def _date_text(line: str) -> str:
    """NFKC, and the spaces inside `1 9 9 8 年3 月5 日` removed, so one regex reads all forms."""
    s = nfkc(line).replace("\u3000", " ")
    s = re.sub(r"(?<=\d) (?=\d(?:\s|[年月日]))", "", s)
    return re.sub(r"(?<=\d)\s+(?=[年月日号])|(?<=[年月])\s+(?=[\d" + _CN + "])", "", s)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat() if 1800 <= y <= 2100 else None
    except ValueError:
        return None


def _full_date(match: re.Match) -> tuple[int, int, int]:
    g = match.groupdict()
    for y, m, d in (("y", "m", "d"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
        if g[y]:
            return _to_int(g[y]), _to_int(g[m]), _to_int(g[d])
    raise AssertionError("unreachable")


def _classify_date(line: str) -> tuple[int, re.Match | None, str] | None:
    """(rank, full-date match or None, normalized text) when `line` is a date/publication line."""
    if len(line) > 150:  # a paragraph: only its opening can be a dateline; skip normalizing the rest
        compact = _WS.sub("", _date_text(line[:60]))
        dl = _DATELINE.match(compact)
        return (_DATELINE_RANK, _FULL_DATE.search(compact[: dl.end()]), compact) if dl else None
    s = _date_text(line).strip()
    compact = _WS.sub("", s)
    bare = _DECOR.sub("", s)  # spaces kept: `2025-11-01 12:01:08` must not fuse into one number
    full = _FULL_DATE.search(bare)
    if full and full.start() == 0:
        rest = bare[full.end():].lstrip()
        decorated = bare != s or rest.startswith(("在", "于")) or compact.endswith((")", "）"))
        if _SENT_PUNCT.search(compact):
            return None  # 2008年5月12日在汶川发生地震。 is prose that happens to start with a date
        if decorated and len(compact) <= 120:
            return _SPEECH, full, bare
        # A date-only line may carry a weekday, a time or a source, not a headline.
        if len(compact) <= 40 and (len(_HAN_RE.findall(rest)) <= 8 or is_field_stamp(s)):
            return _PLAIN, full, bare
    if full and re.search(r"[(（]\s*$", bare[: full.start()]) and len(compact) <= 80:
        return _SPEECH, full, bare  # 在…上的讲话（2014年3月5日）
    if full and is_field_stamp(s):
        return _PUB, full, bare
    dl = _DATELINE.match(compact)
    if dl:
        full = _FULL_DATE.search(compact[: dl.end()])
        return _DATELINE_RANK, full, compact
    return None


def _parse_date(line: str) -> tuple[int, str | None, int | None, tuple[int, int] | None] | None:
    """(rank, iso date, year, (month, day) when the year is missing)."""
    found = _classify_date(line)
    if not found:
        return None
    rank, full, text = found
    if full:
        y, m, d = _full_date(full)
        iso = _iso(y, m, d)
        return (rank, iso, y, None) if iso else None
    md = _MONTH_DAY.search(text)
    if not md:
        return None
    m = _to_int(md.group("m") or md.group("m3"))
    d = _to_int(md.group("d") or md.group("d3"))
    return (rank, None, None, (m, d)) if _iso(2000, m, d) else None


def is_date_line(line: str) -> bool:
    """A line that carries a date rather than prose: header date/venue line, stamp or dateline."""
    found = _classify_date(line)
    return bool(found) and (found[0] != _DATELINE_RANK or len(_WS.sub("", line)) <= 30)


def _year_in(text: str) -> int | None:
    m = _YEAR.search(nfkc(text))
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    return _to_int(m.group(1)) if m else None


# --- speakers and venues ------------------------------------------------------------------

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
