"""Speakers the text states outside its heading block: a note naming the text by its title, an
introduction's "this meeting", a signature at the foot, the collection a source line cites."""

from __future__ import annotations

import re

from ...text.patterns import FULL_DATE as _FULL_DATE
from .dates import _date_text, is_date_line
from .names import _word_tags
from .names import NAME, _norm, is_name
from ...text.patterns import nfkc
from .speaker import (_ENDS_IN_SPEECH, _OFFICE_BEFORE, _OFFICE_RE, SPEECH_WORDS, _text, _word_ends, parse_speaker_line,
                      recurs)

# 《毛泽东选集》第五卷 / 《邓小平文选》: the collection names its author.
_COLLECTION = re.compile(rf"^[(（]?《(?P<name>{NAME}?)(?:选集|文选|文集|著作选读|文稿)》")  # a source line


def author_of_title(line: str, title: str) -> str | None:
    """The name a note gives as the owner of the text by its own title: 毛泽东的《实践论》，是为着…而写的
    (anywhere in the note, not only its first sentence: the title in 《》 says which text is meant)."""
    s, t = _norm(line), _norm(title)
    if len(t) < 2:
        return None
    for m in re.finditer(rf"(?:同志)?的《{re.escape(t)}》", s):
        name = _name_ending_at(s, m.start())
        if name:
            return name
    return None


# 毛泽东在这次会议上所作的报告，提出了…: an introduction says who gave the text at "this" meeting.
_THIS_MEETING = re.compile(r"(?:同志|先生|女士)?在(?:这次|此次|本次|这个|该次)(?:会议|大会|全会|会|典礼|仪式)上"
                           rf"(?:所作|作|发表)的?(?:重要)?(?:{SPEECH_WORDS}|结论|总结)")
_BEFORE_NAME = re.compile(r"(?:^|[，,。；;：:、“”\"」』）)\s])$")


def speaker_in_intro(line: str) -> str | None:
    """The name an introduction gives the maker of the text at "this" meeting, which the title names:
    毛泽东在这次会议上所作的报告. Only with 这次/此次/本次: a report at another meeting is another text."""
    s = _norm(line)
    for m in _THIS_MEETING.finditer(s):
        name = _name_ending_at(s, m.start())
        if name:
            return name
    return None


def _name_ending_at(s: str, end: int) -> str | None:
    """The name of 3, 2 or 4 characters that ends at ``end``: after an office (then a looser name test),
    or at the start of a clause."""
    for size in (3, 2, 4):
        start = end - size
        cand = s[start:end] if start >= 0 else ""
        office = bool(_OFFICE_BEFORE.search(s[:start]))
        if cand and (office or _BEFORE_NAME.search(s[:start])) and is_name(cand, strict=not office):
            return cand
    return None


_NAME_OFFICE = re.compile(rf"^(?P<name>{NAME}?)\s*(?:{_OFFICE_RE})$")
# 作者：… at a page's foot: a label before the signature, not part of the name
AUTHOR_LABEL = re.compile(r"^(?:作者|撰文|文)\s*[:：]\s*")


def speaker_in_signature(tail: list[str]) -> str | None:
    """A signature at the end: a name (or office + name) beside its date, on one line (蔡英文　2018/11/28,
    二〇二四年一月一日 李四) or on the line above or below (李四 / 2024年1月1日); a bare name needs that date."""
    for i in range(len(tail) - 1, -1, -1):
        text = _date_text(tail[i]).strip()
        m = _FULL_DATE.search(text)
        if m:
            # (作者：南京军区副政治委员王永明同志 1991年8月26日: a page's author label before the signature)
            # (2011年3月8日于北京: the place it was written follows the date, no name)
            rest = AUTHOR_LABEL.sub("", (text[:m.start()] + " " + _WRITTEN_AT.sub("", text[m.end():])).strip())
            name = parse_speaker_line(rest) if rest and len(rest) <= 30 else None
        elif any(0 <= j < len(tail) and is_date_line(tail[j]) and len(_norm(tail[j])) <= 30 for j in (i - 1, i + 1)):
            name = parse_speaker_line(_ALIAS.sub("", AUTHOR_LABEL.sub("", tail[i].strip())))
        else:
            continue
        if not name and (m := _NAME_OFFICE.match(_norm(AUTHOR_LABEL.sub("", tail[i].strip())))) and is_name(m["name"]):
            # 陳嘉文校長 over its date: a letter signed with the name before the office
            name = m["name"] if any(0 <= j < len(tail) and is_date_line(tail[j]) for j in (i - 1, i + 1)) else None
        if name:
            return name
    return None


# 作者：何晓鲁 / （摘自《文汇报》2011年5月11日）: a reprinted article's author line at the foot, with nothing below
# it but the reprint's note or its date; an alias may follow the name (作者：陈珊珊（丛军）).
_REPRINT_NOTE = re.compile(r"^[(（\[【]?\s*(?:摘自|选自|转自|转载自|摘编自|原载|原刊|刊于|载于)")
_ALIAS = re.compile(r"\s*[(（][^()（）]{1,8}[)）]\s*$")
_WRITTEN_AT = re.compile(r"^\s*(?:写|书|草|作)?于\s*[\u4e00-\u9fff]{2,8}\s*$")


def author_above_reprint(tail: list[str]) -> str | None:
    """The name of the author line that ends a reprinted article (作者：何晓鲁 above （摘自《文汇报》…）)."""
    for line in reversed(tail[-4:]):
        text = _norm(line)
        if _REPRINT_NOTE.match(text) or len(text) <= 30 and is_date_line(line):
            continue
        m = AUTHOR_LABEL.match(text)
        name = _ALIAS.sub("", text[m.end():]) if m else ""
        return name if name and is_name(name, strict=True) else None
    return None


# 毛泽东于上杭古田 / 王五写于北京: a letter signed with its name and where it was written, on a line of its own.
_SIGNED_AT = re.compile(rf"^(?P<name>{NAME}?)(?:同志)?\s*(?:写|书|草)?于\s*[\u4e00-\u9fff]{{2,8}}$")


def speaker_signing_at(tail: list[str]) -> str | None:
    """The name that signs a letter with the place it was written (毛泽东于上杭古田): a whole short line."""
    for line in reversed(tail):
        m = _SIGNED_AT.match(_norm(line)) if len(line) <= 20 else None
        if m and is_name(m.group("name"), strict=True):
            return m.group("name")
    return None


def speaker_in_collection(line: str) -> str | None:
    m = _COLLECTION.match(_norm(line)) if len(line) <= 80 else None
    return m.group("name") if m and is_name(m.group("name"), strict=True) else None


# 录入者注：本文刊载于《解放》…，后收入《毛选》: a note saying "this" text went into an author's collection,
# named in full (《刘少奇选集》) or by the short name everyone uses for it.
_COLLECTED = re.compile(r"(?:本文|此文|该文|这篇文章|本篇)[^。；;]{0,40}?(?:收入|收录|选入|编入|收进)(?:了|于|进|到)?"
                        r"《(?P<book>[^《》]{2,12})》")
_SHORT_NAMES = {"毛选": "毛泽东", "邓选": "邓小平"}


_COLLECTION_IN = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?:选集|文选|文集)|(?P<short>毛选|邓选)")


def author_in_site_title(stated: str | None, title: str | None) -> str | None:
    """The author a reading site's title names by the collection it files the text under, after the
    text's own title (…的演说全文在线阅读 - 毛泽东选集第三卷, 实践论全文 - … | 毛选第一卷在线阅读)."""
    if not stated or not title or not _norm(stated).startswith(_norm(title)):
        return None
    m = _COLLECTION_IN.search(_norm(stated)[len(_norm(title)):])
    if not m:
        return None
    return _SHORT_NAMES[m["short"]] if m["short"] else speaker_in_collection(f"《{m['name']}选集》")


def author_by_collection(line: str) -> str | None:
    """The author whose collection a note says the text was put into (本文…后收入《毛选》)."""
    for m in _COLLECTED.finditer(_norm(line)):
        book = m.group("book")
        if book in _SHORT_NAMES:
            return _SHORT_NAMES[book]
        name = speaker_in_collection(f"《{book}》")
        if name:
            return name
    return None


# 这个文件是毛泽东…而写的 / 这篇哲学论文，是毛泽东继…而写的 / 这两个电报是毛泽东为…写的: the note names the text
# first, then its maker; 毛泽东起草的这两个文件，… names the maker first.
_THIS_TEXT = re.compile(r"^(?:这|本|此)(?:个|两个|几个|篇|部|份|件|些)?[^，,。；]{0,4}?(?:文件|布告|命令|电报|文章|论文|决定|"
                        r"指示|通知|声明|讲话|报告|讲演|演说|著作|书|信|评论|提纲)[，,]?(?:是|系|为|都是)")
_MADE_IT = re.compile(r"(?:写|起草|拟|撰写|所作|作|修改|讲)的|讲演|讲话|报告")
_MAKER_FIRST = re.compile(rf"^(?P<name>{NAME}?)(?:同志)?(?:起草|写|撰写|所写|主持起草)的(?:这|此)")
# 毛泽东批驳了这种观点，同时写了这篇文章: the subject of the sentence that says it wrote "this" text.
_WROTE_THIS = re.compile(r"(?:写了|作了|发表了|起草了)(?:这篇|这个|这次|本篇)(?:文章|论文|讲话|报告|演说|讲演|文件|评论)")


def author_in_note(line: str) -> str | None:
    """The maker a note names in other words than 这是…: 这个文件是毛泽东…而写的, 毛泽东起草的这两个文件,
    毛泽东批驳了这种观点，同时写了这篇文章."""
    s = _norm(line)
    m = _MAKER_FIRST.match(s)
    if m and is_name(m.group("name"), strict=True):
        return m.group("name")
    m = _THIS_TEXT.match(s)
    if m and _MADE_IT.search(re.split(r"[。；;]", s[m.end():], maxsplit=1)[0]):
        name = _name_opening(s[m.end():])
        if name:
            return name
    for sentence in re.split(r"(?<=[。；;])", s)[:4]:
        if _WROTE_THIS.search(sentence):
            name = _name_opening(sentence)
            if name:
                return name
    return None


def _name_opening(text: str) -> str | None:
    """A known name (a surname, then jieba's name tag or no word of its own) opening `text`."""
    tags = _word_tags()
    for size in (3, 2, 4):
        cand = text[:size]
        if len(cand) == size and is_name(cand, strict=True) and tags.get(text[:size + 1], "nr")[:2] == "nr":
            return cand
    return None


# 【總統大選】賴清德登記黨內初選：台灣不做第二個香港與西藏: a headline opening with a name, an action, then
# after the colon what was said; the text must have the name saying it (賴清德表示, 賴清德說).
_TAG = re.compile(r"^(?:【[^】]{1,20}】|\[[^\]]{1,20}\])")
_SAYS = "表示|说|称|指出|强调|直言|坦言|认为|回应"
_SPEECH_NOUN = re.compile(r"讲话|致辞|致词|发言|演讲|演说")


def speaker_of_quote(title: str, body) -> str | None:
    """The name opening a headline whose words after the colon are the name's, when the text has the
    name saying something (…說, …表示): the text says who speaks. Else None (news of what someone did).
    The name may also open the headline's last phrase before the colon when that phrase names a speech
    (71衝擊立法會後流亡海外　梁繼平首度露面以短片講話：「…」)."""
    spaced = _TAG.sub("", re.sub(r"\s+", " ", nfkc(title)).strip())
    s = spaced.replace(" ", "")
    colon = re.search("[:：]", s)
    if not colon or colon.end() >= len(s):
        return None
    starts = [0] if colon.start() <= 25 else []
    before = re.split("[:：]", spaced, maxsplit=1)[0]
    if " " in before and _SPEECH_NOUN.search(last := before.rsplit(" ", 1)[1]) and len(last) <= 25:
        starts.append(len(before.replace(" ", "")) - len(last))
    text = None
    for start in starts:
        for size in (3, 4, 2):
            cand = s[start:start + size]
            if colon.start() > start + size and is_name(cand, strict=True) and not re.match(_SAYS, s[start + size:]):
                text = text if text is not None else (body() if callable(body) else body).replace(_norm(title), "")
                if re.search(rf"{re.escape(cand)}(?:{_SAYS})", text):
                    return cand
    return None


# 我校李爽教授受邀在…上作专题辅导讲座 / 我校校友、诗人屈金星为师生作…讲座 / 党委副书记张强做“…”专题讲座:
# a role (an office, 我校…教授, 校友、诗人), a name, then a lecture the phrase names; the text names the person again.
# (…a field before the role: 中国社区生态保护专家彭奎博士受邀来校开展学术讲座)
_LECTURE_ROLE = re.compile(rf"^(?:我校|本校|学校|校)?(?P<role>(?:[\u4e00-\u9fff]{{0,10}}?(?:{_OFFICE_RE})"
                           r"|(?:[^\s为作做在给向与和及、，,：:]{0,10}?(?:校友|诗人|作家|专家|学者|艺术家)"
                           r"|知名[\u4e00-\u9fff]{1,4})[、，,]?)*)")
_LECTURE_HONORIFIC = re.compile(r"^(?:教授|老师|博士|研究员|院士|先生|女士|校友)")
_LECTURE_NEXT = re.compile(r"^(?:教授|老师|博士|研究员|院士|先生|女士|校友)?(?:受邀|应邀)?(?:来校|来我校|到校|莅校)?"
                           r"(?:在|为|作|做|开展|主讲|讲授|开讲)")
_LECTURE_NOUN = re.compile(r"讲座|专题报告|党课|宣讲|辅导报告")


def speaker_of_lecture(title: str, body) -> str | None:
    """The lecturer a lecture's title names after a role (or with an academic honorific)."""
    s = _norm(title)
    if not _LECTURE_NOUN.search(s):
        return None
    role = _LECTURE_ROLE.match(s)
    start = role.end()
    for size in (3, 2, 4):
        cand, after = s[start:start + size], s[start + size:]
        phrase = re.split(r"[，,：:|｜]", after, maxsplit=1)[0]
        if not _LECTURE_NEXT.match(after) or not _LECTURE_NOUN.search(phrase):
            continue
        if not (role.group("role") or _LECTURE_HONORIFIC.match(after)):
            continue  # a bare name before 为…作讲座 is too weak without a role
        if is_name(cand, strict=not role.group("role")) and recurs(cand, body, title):
            return cand
    return None


# 雅安市烈士陵园管理所所长为生科学子讲授…专题讲座: a lecture's title names only the lecturer's office; the lead
# gives that office with the name (…管理所所长袁永涛，为大学生志愿者讲授…).
_OFFICE_LECTURES = re.compile(rf"(?P<office>{_OFFICE_RE})(?:受邀|应邀)?(?:来校|来我校|到校|莅校)?(?:为|作|做|讲授|开讲|主讲)")


def lecturer_by_office(title: str, lead: list[str], body) -> str | None:
    """The name the lead gives after the office a lecture's title names without one."""
    s = _norm(title)
    m = _OFFICE_LECTURES.search(s) if _LECTURE_NOUN.search(s) else None
    if not m:
        return None
    text = "".join(_norm(line) for line in lead[:2])
    for at in re.finditer(re.escape(m.group("office")), text):
        for size in (3, 2, 4):
            cand = text[at.end():at.end() + size]
            if len(cand) == size and is_name(cand) and recurs(cand, body, title):
                return cand
    return None


def speaker_of_full_text(title: str, body) -> str | None:
    """The name opening a full text's title of only the name, the occasion and the speech noun, when the
    text speaks in the first person and never names its speaker again (戴耀廷結案陳詞全文: 我站在這裏…)."""
    s = _norm(title)
    if not (_ENDS_IN_SPEECH.search(s) and re.search(r"全文[)）]?$", s) and "我" in _text(body)[:800]):
        return None
    ends = _word_ends(s[:6])
    return next((s[:size] for size in (4, 3, 2)
                 if size in ends and len(s) - size <= 14 and is_name(s[:size], strict=True)), None)


# 中文马克思主义文库 -> 毛泽东　　　　相关链接：…: an archive's path that files the text under its author
_CRUMB_AUTHOR = re.compile(rf"^[^\s>]{{2,20}}\s*(?:->|>|›)\s*(?P<name>{NAME}?)(?:\s|$)")


def author_in_breadcrumb(line: str) -> str | None:
    m = _CRUMB_AUTHOR.match(nfkc(line).strip()) if "->" in line or "›" in line else None
    return m.group("name") if m and is_name(m.group("name"), strict=True) else None
