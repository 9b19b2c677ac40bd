"""Speakers and venues: office + name lines, names in titles, `NAME：` lines, signatures, file names."""

from __future__ import annotations

import re

from ...text.patterns import CN_NUMERALS as _CN
from ...text.patterns import HAN as _HAN
from ...text.patterns import nfkc
from .dates import _DATELINE, _YEAR
from .names import _DOTS, _NOT_IN_NAMES, _NOT_NAMES, _OFFICE_RE, NAME, TIME_WORD, _norm, _word_tags, is_name

_HONORIFIC = "同志|先生|女士|教授|博士|议员|阁下|院士|资深大律师|大律师"
_OFFICE_DASH = re.compile(rf"({_OFFICE_RE})(?:--|——|－－|—|\?)(?={NAME}$)")  # ?: a GBK copy's lost space
_SPEAKER_LINE = re.compile(rf"^[{_HAN}、，,·]*?(?:{_OFFICE_RE})(?P<name>{NAME})(?:{_HONORIFIC})?$")
# What follows a speaker's name in a title or an editor's note: a speech verb or the start of the
# occasion (X在…上的讲话, X会见…时的讲话, X抵达…发表书面讲话, X同…共见记者, X致辞, X：…).
_DIRECT = "致辞|致词|讲话|发言|演讲|演说|演辞|讲辞|祝酒|答记者问|陈词|陈辞|陈情|自辩|求情|答辩|:|："
_VERBS = (_DIRECT + "|发表|在|于|作|出席|答|表示|指出|强调|宣布|会见|会晤|抵达|同|与|就|向|给|致|接受|主持|谈|从|"
          "应邀|受邀|今日|今天|昨日|昨天|日前|的讲话|的致辞|的报告")
_DIRECT_AFTER = re.compile(rf"^(?:同志|先生|女士)?(?:{_DIRECT})")
# After an office these verbs alone make the speaker (市长王浩在…, 主任缪承潮表示…); the other scene
# verbs need the speech named later (塞尔维亚总理武契奇宣布当选 is news, …宣布参选记者会全文 a speech).
_OFFICE_AFTER = re.compile(rf"^(?:同志|先生|女士)?(?:{_DIRECT}|在|作|发表|出席|答|表示|指出|强调|应邀|受邀)")
# An office after the name (蔡英文总统就职演说, 林郑月娥特首…) counts as a scene word: the speech must be named.
# The words a title or note uses for the text itself; a name before one of them is its speaker.
SPEECH_WORDS = ("讲话|致辞|致词|祝酒辞|祝酒词|报告|发言|演讲|演说|演辞|讲辞|演讲辞|开幕词|闭幕词|贺词|献词|"
                "谈话|书面讲话|答记者问|记者会|声明|一封信|公开信|贺信|讲稿|致信|实录|陈词|陈辞|陈情|自辩|求情|答辩|"
                "悼辞|悼词|贺辞|寄语")  # 寄语: words addressed to an audience (院士寄语南开学子)
_SPEECH_WORD = re.compile(SPEECH_WORDS)
_VERB_NEXT = re.compile(rf"^(?:同志|先生|女士|院士|教授)?(?:{_VERBS}|{_OFFICE_RE})")
# …or a speech noun (蔡英文公开信致教宗, 王五声明全文, 钟南山院士寄语…).
_NAME_THEN_VERB = re.compile(rf"(?=(?P<name>{NAME}?)(?:同志|先生|女士|院士|教授)?(?:{_VERBS}|{_OFFICE_RE}|{SPEECH_WORDS}))")
_ENDS_IN_SPEECH = re.compile(rf"^[^\s　，,：:|｜]+(?:{SPEECH_WORDS})(?:全文|稿|实录)?(?:[(（]全文[)）])?$")
_OFFICE_BEFORE = re.compile(rf"(?:{_OFFICE_RE})$")
# 讲者汤家骅演说全记录, kin (陈潭秋之子陈志远寄语…), a congress's delegate (二十大代表骆婷…): as after an office
_LABEL_BEFORE = re.compile(r"(?:主讲人|主讲嘉宾|讲者|演讲者|演讲嘉宾|讲演人|之子|之女|之孙|之孙女|之妻|遗孀|的儿子|的女儿"
                           r"|(?:[一二三四五六七八九十]{1,3}大|党代会|人大)代表)$")
# …部长陈仲元主持报告会: the host of the talk, not its speaker (…主持会议并讲话 hosts and speaks)
_HOSTS = re.compile(r"^(?:同志|先生|女士)?主持(?!.{0,12}并(?:发表|作)?(?:重要)?(?:讲话|致辞|讲|作))")
_OFFICE_NEXT = re.compile(rf"^(?:同志|先生|女士)?(?:{_OFFICE_RE})")
_ORG_BEFORE = re.compile(r"(?:中央|国务院|政府|委员会|人大|政协|党委|[省市县区]委|大学|学院|[司局厅处署]|改革委)$")
# Where a name may begin in a headline: its start, or after a break (】, space, ——, ：, ！, 〉).
_TITLE_BREAKS = "】]》〉)）—-:：,，、 ─！!？?"
# 这是毛泽东在…上的演说 / 以下为省委书记黄坤明在大会上的讲话实录 / 以下是马道立演辞全文. A note may be
# marked as one (〔注〕, 编者按：, 【题注】, 说明：, *这是…) and date the text first (这是一九三四年一月毛泽东在…).
_NOTE = re.compile(r"^[*＊]?(?P<mark>[(（〔【\[]?(?:(?:编者按|编者注|编注|题注|题解|注释|注|说明|按)[〕】\]:：)）]?)?)"
                   r"(?:这是|这就是|以下是|以下为|下面是|此为|此系|本文是|本文为|本文系|此文是|这篇是|本篇是|本篇为|这篇文章是)")
_NOTE_DATE = re.compile(rf"^[\d{_CN}]{{4}}年(?:[\d{_CN}]{{1,3}}月(?:[\d{_CN}]{{1,3}}[日号])?)?(?:[上中下]旬|间|底|初)?[，,]?")
# What an editor's note calls the text, ending a clause of its first sentence: a speech (SPEECH_WORDS) or another
# thing someone said or wrote, or a part of one. 这是习近平同志对我们的殷切希望 in a speech is no note.
_NOTE_END = re.compile(
    "(?:" + SPEECH_WORDS + "|结论|总结|插话|批语|批示|指示|按语|答问|讲演|讲义|提纲|电报|通电|评论|社论|文章|序言|发刊词|"
    "祝词|悼词|题词|命令|训令|训词|通知|通报|决定|决议|文告|宣言|著作|信|电)"
    "(?:《[^》]{1,30}》)?"  # 的政治报告《论新阶段》的一部分
    # …的第一部分, …的第一章, …谈话的主要部分, …谈话纪要: one part of the text named (its main part, its minutes)
    "(?:翻译|译文|中译|译本)?(?:的?(?:第[一二三四五六七八九十\\d]{1,3}(?:部分|章|节|篇)|一部分|(?:主要|重要|基本)?部分|主要内容|节录|摘录|要点|摘要|纪要|全文|"
    "节选|原稿|稿|草案|初稿)|实录|全文|稿|草案|初稿)?$")  # 起草的决定草案: a draft of the document
# (这是毛泽东一九三八年五月二十六日至六月三日在…的讲演: the date may come between the name and the verb.)
_NOTE_WHEN = rf"(?:[\d{_CN}]{{4}}年(?:[\d{_CN}]{{1,3}}月)?(?:[\d{_CN}]{{1,3}}[日号])?(?:[上中下]旬|间|底|初)?" \
             rf"(?:[至到、和](?:[\d{_CN}]{{1,3}}月)?(?:[\d{_CN}]{{1,3}}[日号])?)?)?"
_NOTE_VERB = re.compile(r"(?:同志|先生|女士)?" + _NOTE_WHEN + r"(?:在|于|为|给|对|同|与|就|向|以|起草|写|所作|所写|所|作|"
                        r"发表|的|致|接见|会见|答|主持|代表|关于|从|到|视察|看|读|审阅|修改|批)")
_DOTTED_AT = re.compile(rf"[{_HAN}]{{1,6}}·[{_HAN}]{{1,8}}(?:·[{_HAN}]{{1,8}})?")

_LEADING_DATE = re.compile(rf"^[\d{_CN}]{{4}}年[\d{_CN}]{{1,3}}月[\d{_CN}]{{1,3}}[日号]")
_LEADING_TAG = re.compile(r"^(?:【[^】]{1,20}】|\[[^\]]{1,20}\]|\d{4}年?)")
_NAME_COLON = re.compile(rf"^(?P<name>{NAME})[:：](?=.)")
_DELEGATE_COLON = re.compile(rf"^[{_HAN}]{{1,8}}?代表(?P<name>{NAME})[:：](?=.)")
_TAKES_OFFICE = re.compile(rf"^(?P<name>[{_HAN}]{{2,4}}?)(?:宣誓)?(?:就职|卸任|离任|连任)[{_HAN}]{{0,4}}?(?:{_OFFICE_RE})"
                           rf"(?:的)?(?:告别|就职|卸任|离任|连任)?(?:{SPEECH_WORDS})")
_FULL_TEXT_TAG = re.compile(r"全文|译|实录|讲辞|演辞|讲稿")
_VENUE_TAIL = re.compile(r"上?(的|所作的|作的)?(讲话|致辞|致词|报告|发言|演讲|主旨演讲|工作报告)?$")


_BRACKETS = re.compile(r"^[(（【\[]|[)）】\]]$")
# 党网 · 时政, 经济 · 科技: a menu item; a name's dot has no spaces around it (艾尔肯·吐尼亚孜).
_MENU_DOT = re.compile(r"[\u4e00-\u9fff]\s+[·•・‧]\s+[\u4e00-\u9fff]")
# A line that labels the speaker (lecture notices, transcripts of talks, press briefings).
_LABEL = re.compile(r"^(?:主讲人|主讲嘉宾|主讲老师|主讲|讲者|讲员|演讲者|演讲人|演讲嘉宾|讲演人|发言人|报告人|致辞人|"
                    r"致辞嘉宾|讲话人|分享人|分享嘉宾|嘉宾|讲师)[:：]")
# What may follow the name on such a line: (the office) or an honorific.
_LABEL_TAIL = re.compile(rf"(?:[(（][^()（）]{{1,30}}[)）]?)?(?:{_HONORIFIC}|老师|校长|主任|院长)?$")


def parse_speaker_line(line: str, allow_bare_name: bool = True) -> str | None:
    """The name on a line that is only `[org][office] NAME` (or, if allowed, only a name), or a
    speaker label and one (主讲人：王五, 講者：香港大學校長張翔教授, 发言人：王五（市政府副秘书长）)."""
    if len(line) > 80 or _MENU_DOT.search(line):
        return None
    s = _OFFICE_DASH.sub(r"\1", _BRACKETS.sub("", _norm(line)))  # 研究会会长--陈昊苏: a dash sets the name apart
    if not s or len(s) > 40:
        return None
    label = _LABEL.match(s)
    if label:  # the label is the evidence: a name of any length after it
        rest = _LABEL_TAIL.sub("", s[label.end():])
        m = _SPEAKER_LINE.match(rest)
        if m and is_name(m.group("name")):
            return m.group("name")
        return rest if is_name(rest, strict=len(rest) > 3) else None
    m = _SPEAKER_LINE.match(s)
    # The office, then the name set apart (自治区人民政府主席 包钢): the layout is the evidence, whatever
    # word jieba also knows the name as (包钢, a steel works).
    if m and is_name(m.group("name"), honorific=nfkc(line).rstrip().endswith(" " + m.group("name"))):
        return m.group("name")
    bare = s[:-2] if s.endswith("同志") else s
    if allow_bare_name and is_name(bare, strict=True):
        return bare
    return None


def names_before_verbs(text: str) -> list[str]:
    """Names followed by a speech verb in `text` (normalized), in order. After an office any name
    and verb; elsewhere a strict name, and a verb of speaking (林郑致辞) or a scene verb with the
    speech named later (习近平会见…时的讲话, but not the news headline 习近平会见…主席)."""
    found = []
    for m in _NAME_THEN_VERB.finditer(text):
        name, start = m.group("name"), m.start()
        if "·" in name and name.endswith(("同志", "先生", "女士")) or len(name) > 3 and name.endswith(("应邀", "受邀")):
            name = name[:-2]  # the pattern runs on into the honorific (艾尔肯·吐尼亚孜同志在) or the invitation (骆婷应邀在)
        office = bool(_OFFICE_BEFORE.search(text[:start]) or _LABEL_BEFORE.search(text[:start]))
        after = text[start + len(name):]
        if _HOSTS.match(after) or office and not _OFFICE_AFTER.match(after) and not _SPEECH_WORD.search(after):
            continue
        if not office:
            # Without an office the name must open the text or follow a break (】, space, ——, ：).
            # …or sit between its organisation and its office (中共中央毛泽东主席关于时局的声明).
            if start > 0 and text[start - 1] not in _TITLE_BREAKS and not (
                    _OFFICE_NEXT.match(after) and _ORG_BEFORE.search(text[:start])):
                continue
            if not _DIRECT_AFTER.match(after) and not _SPEECH_WORD.search(after):
                continue
        if not _VERB_NEXT.match(after) and start + len(name) not in _word_ends(text[start:start + len(name) + 4], start):
            continue  # 施政报告: a word that runs on into the speech noun is no name before it
        # an academic honorific after the name is a person's (钟南山院士寄语…: jieba knows 钟南山 as a place)
        honorific = not office and after.startswith(("院士", "教授"))
        if is_name(name, strict=not office and not honorific, honorific=honorific) and name not in found:
            found.append(name)
    return found


def speaker_in_title(title: str, body: str = "") -> str | None:
    """The speaker a title names: 习近平在…上的讲话, 主任缪承潮致辞, 香港律师会会长苏绍聰致辞全文,
    缪承潮：…, or a short form (林郑致辞) completed from the text (行政长官林郑月娥)."""
    # Spaces kept as one: in a headline a space separates phrases (…进场　林郑致辞…).
    s = _DOTS.sub("·", re.sub(r"\s+", " ", nfkc(title))).strip()
    s = _LEADING_TAG.sub("", _LEADING_DATE.sub("", s)).strip()
    names = names_before_verbs(s)
    if names:
        return expand(names[0], body)
    m = _NAME_COLON.match(s)
    if m and is_name(m.group("name"), strict=True):
        return m.group("name")
    # 校友代表孟祥飞：… / 学生代表王五：…: a representative speaking for a group, named in the text too.
    m = _DELEGATE_COLON.match(s)
    if m and is_name(m.group("name"), strict=True) and recurs(m.group("name"), body, title):
        return m.group("name")
    # 特朗普卸任美国总统告别演说, 拜登就职美国总统演说全文: taking or leaving an office, then the speech.
    m = _TAKES_OFFICE.match(s)
    if m and not any(ch in _NOT_IN_NAMES for ch in m.group("name")):
        return m.group("name")
    # 【中译全文】索罗斯达沃斯世界经济论坛发言：…: a tag saying the text is given in full, then a phrase of only
    # the name, the occasion and the speech noun: the first phrase is read as a whole title.
    tag = _LEADING_TAG.match(_LEADING_DATE.sub("", _DOTS.sub("·", nfkc(title)).strip()))
    if tag and _FULL_TEXT_TAG.search(tag.group()):
        phrase = re.split(r"[ :：]", s, maxsplit=1)[0]
        if phrase != s and _ENDS_IN_SPEECH.search(phrase):
            return speaker_in_title(phrase, body)
    if _SPEECH_WORD.search(s):  # 马道立法律年度开启典礼演辞: a name at the start, confirmed in the text
        ends = _word_ends(s[:6])
        for size in (4, 3, 2):
            head = s[:size]
            # A name ends where a word does: not 李长春看 in 李长春看望…, though 常委李长春看望 confirms it.
            if size in ends and confirmed(head, body) and is_name(head):
                return expand(head, body)  # 李家超首署任特首致辞: 李家 (a word end) is 政务司司长李家超
        # …or, in a title that is only the name, the occasion and the speech (蔡英文国际记者会致词全文),
        # by the text naming them again (候选人蔡英文今日召开…); 刘霞首度公开发言　分享… is news.
        for size in (4, 3, 2) if _ENDS_IN_SPEECH.search(s) else ():
            head = s[:size]
            if size in ends and recurs(head, body, title) and is_name(head, strict=True):
                return head
    return _confirmed_in_text(s, body)


def _confirmed_in_text(title: str, body) -> str | None:
    """A name no surname or word list knows (a transliterated foreign name: …──蓬佩奥美国对华政策演说全文),
    opening the title or a phrase of it before the speech noun, that the text gives after an office
    (美国国务卿蓬佩奥周四…): as long as title and text agree, at most six characters."""
    text = _text(body)
    if not text:
        return None
    for start in [0] + [i + 1 for i, ch in enumerate(title) if ch in _TITLE_BREAKS]:
        head = title[start:start + 2]
        if len(head) < 2 or not re.fullmatch(f"[{_HAN}]{{2}}", head) or not _SPEECH_WORD.search(title, start + 2):
            continue
        for m in re.finditer(rf"(?:{_OFFICE_RE})(?={re.escape(head)})", text):
            size = 2
            while size < 6 and title[start + size:start + size + 1] == text[m.end() + size:m.end() + size + 1] != "":
                size += 1
            cand = _before_a_word(title[start:start + size])
            cand = cand[:3] if len(cand) == 4 and cand[3] in "发致作向为与说称" and is_name(cand[:3], True) else cand
            # the speech noun in the same phrase: not 曾荫权眼红 辩方陈词 (another's)
            phrase = re.split(f"[{re.escape(_TITLE_BREAKS)}]", title[start + len(cand):], maxsplit=1)[0]
            if re.fullmatch(f"[{_HAN}]{{2,6}}", cand) and not any(ch in _NOT_IN_NAMES for ch in cand) \
                    and cand not in _NOT_NAMES \
                    and _SPEECH_WORD.search(phrase):
                return cand
    return None


def _before_a_word(cand: str) -> str:
    """`cand` up to the first dictionary word inside it that is no name (李长春看望 -> 李长春)."""
    from ...text import segment

    tags = _word_tags()
    for word, start, _ in segment(cand):
        if start > 0 and len(word) >= 2 and not tags.get(word, "nr").startswith("nr"):
            return cand[:start]
    return cand


def _foreign(name: str, body) -> bool:
    """A name no surname list knows (小布殊, 蓬佩奥) that the text gives after an office."""
    return not any(ch in _NOT_IN_NAMES for ch in name) and "·" not in name and confirmed(name, body)


def recurs(name: str, body, title: str) -> bool:
    """`name` occurs in the text outside its title (and the title's copies)."""
    body = _text(body)
    return bool(body) and name in body.replace(_norm(nfkc(title)), "")


def _word_ends(text: str, offset: int = 0) -> set[int]:
    """Where jieba's words of ``text`` end (a name's end is one of them), counted from ``offset``."""
    from ...text import normalize, segment

    return {offset + end for _, _, end in segment(normalize(text))} | {offset + len(text)}


def _text(body) -> str:
    return body() if callable(body) else body


def confirmed(name: str, body) -> bool:
    """`name` follows an office somewhere in the text (终审法院首席法官马道立)."""
    body = _text(body)
    return bool(body) and re.search(rf"(?:{_OFFICE_RE}){re.escape(name)}", body) is not None


def expand(name: str, body) -> str:
    """A short form completed to the full name the text gives after an office: 林郑 -> 林郑月娥.
    `body` is the normalized text, or a function that makes it (only a few speeches need it)."""
    if not body or len(name) > 2:
        return name
    body = _text(body)
    counts: dict[str, int] = {name: 0}
    # The text's lines are joined by newlines: a name is never completed with the next line's words
    # (副委员长王晨 / 请加入成为…订户 is 王晨, not 王晨请加).
    for m in re.finditer(rf"(?:{_OFFICE_RE}){re.escape(name)}([{_HAN}]{{0,2}})", body):
        if TIME_WORD.match(body, m.start(1)):  # 副总统彭斯周四发表…: a day, not the rest of the name
            counts[name] += 1
            continue
        for size in (2, 1, 0):
            full = name + m.group(1)[:size]
            # a verb given once after the name (刘鹏作交流发言, 张强参会), or a two-character one at all (蔡奇出席), is no part of it
            verb = _word_tags().get(m.group(1)[:size], "")[:1] == "v" and (size == 2 or body.count(full) < 2)
            if verb:  # …and the verb's first character does not either (张强参)
                counts[name] += 1
                break
            if len(m.group(1)) >= size and (size == 0 or is_name(full)):
                counts[full] = counts.get(full, 0) + 1
                break
    # The short form itself after an office (副委员长王晨在…) as often as a longer one: no completion.
    return max(counts, key=lambda k: (counts[k], k == name))


# 毛泽东此文是为…而写的: a note that opens with the author of "this text".
# 毛泽东的这部著作，是为着…而写的: …or with "this" work as the subject.
_AUTHOR_NOTE = re.compile(rf"^(?P<name>{NAME}?)(?:同志)?(?:此文|这篇文章|本文|此篇|这篇|"
                          r"的(?:这部|这篇|这本|此)(?:著作|文章|论文|报告|文件|书)[，,]?)(?:是|系|为)")
# 以下是中央社翻译的小布殊悼辞全文: the name right before the speech noun, after 的 or a comma.
# (…前港督彭定康录影讲话翻译全文: after an office, the way it was given may come between.)
_NAME_BEFORE_NOUN = re.compile(rf"(?:^|(?<=[的，,、])|(?<={_OFFICE_RE.replace('|', ')|(?<=')}))(?P<name>{NAME}?)"
                               rf"(?:同志|先生|女士)?(?:录影|录像|视频|书面|电视|网上|新春|新年)?(?:{SPEECH_WORDS})")


def speaker_in_note(line: str, body: str = "", marked_only: bool = False) -> str | None:
    """The speaker an editor's note or an introduction names (这是毛泽东同志在…上的开幕词, 这是毛泽东在…
    会议上所作结论的一部分, 这是毛泽东为中共中央起草的党内指示): the note must name what the text is.
    `marked_only`: only a note marked as one (〔注〕这是…, （这是…）), as at the end of a speech."""
    s = _norm(line)
    author = None if marked_only else _AUTHOR_NOTE.match(s)
    if author and is_name(author.group("name"), strict=True):
        return author.group("name")
    m = _NOTE.match(s)
    if not m or marked_only and not m.group("mark"):
        return None
    opener = s[m.start("mark") + len(m.group("mark")):m.end()]  # 这是这是毛泽东同…: a doubled opener, a typo
    rest = _NOTE_DATE.sub("", s[m.end() + len(opener):] if s[m.end():].startswith(opener) else s[m.end():])
    sentence = re.split(r"[。；;！!？?]", rest, maxsplit=1)[0]
    if re.search("我|咱", sentence):
        return None  # an editor writes in the third person: 这是习近平同志对我们的重要指示 is the speech
    sentence = sentence.rstrip("—-─:： ")  # 以下为…的讲话实录—— introduces the text below it
    if not any(_NOTE_END.search(clause.rstrip(")）】〕]")) for clause in re.split(r"[，,：:]", sentence)):
        return None
    rest = rest[:60]
    names = names_before_verbs(rest) or [n["name"] for n in _NAME_BEFORE_NOUN.finditer(sentence[:60])
                                         if is_name(n["name"], strict=True) or _foreign(n["name"], body)]
    if names:
        return expand(names[0], body)
    # A note opens with its author: [office] NAME + how the text came to be (在…所作, 为…起草, 给…的信).
    office = re.match(rf"[{_HAN}]{{0,20}}?(?:{_OFFICE_RE})", rest)
    start = office.end() if office and is_name_at(rest, office.end()) else 0
    name = is_name_at(rest, start)
    return expand(name, body) if name else None


def is_name_at(text: str, start: int) -> str | None:
    """The name at `start` of `text` that a note's verb follows (毛泽东在…, 毛泽东同志为…), if any."""
    dotted = _DOTTED_AT.match(text, start)
    # A dotted name ends where the first verb begins (艾尔肯·吐尼亚孜同志在…): try each from the shortest.
    sizes = range(dotted.group().find("·") + 2, dotted.end() - start + 1) if dotted else (4, 3, 2)
    for size in sizes:
        cand = text[start:start + size]
        if not _NOTE_VERB.match(text, start + size) or not is_name(cand, strict=start == 0):
            continue
        tags = _word_tags()  # 关于工(作): a candidate that opens with a common word is no name
        if size > 2 and tags.get(cand[:2], "nr")[:2] != "nr" and tags.get(cand, "")[:2] != "nr":
            continue
        return cand
    return None


# A speech's lead paragraph (news copy of a speech): [office] NAME [when] 在…上 / 发表 / 致 … speech word.
_LEAD_WHEN = (rf"(?:今日|今天|昨日|昨天|日前|近日|当天|当日|[\d{_CN}]{{1,3}}日)?(?:[(（][^()（）]{{1,12}}[)）])?"
              r"(?:上午|下午|晚上|晚间|晚|早上)?")  # 今日（四月十八日）上午
_LEAD_AFTER = re.compile(rf"(?:同志|先生|女士|阁下)?(?:{_OFFICE_RE})?{_LEAD_WHEN}"
                         r"(?:在|于|出席|通过|以|向|为|发表|作|致|进行|应邀|今|昨)")
_LEAD_SPEECH = re.compile(r"讲话|致辞|致词|演讲|演说|演辞|讲辞|发言|贺词|献词|祝酒|开幕词|闭幕词|报告|谈话")
_OFFICE_ANY = re.compile(_OFFICE_RE)


def names_speech(title: str) -> bool:
    """The title says the text is a speech (…新年致辞, 在…上的讲话, 施政报告)."""
    # …演讲比赛, …演讲大赛: a contest of speeches is news about it, not a speech
    return _LEAD_SPEECH.search(_CONTEST.sub("", _norm(title))) is not None


def is_contest(title: str) -> bool:
    """The title reports a contest of speeches (…新生演讲比赛, …演讲大赛一等奖)."""
    return _CONTEST.search(_norm(title)) is not None


_CONTEST = re.compile(r"(?:演讲|讲演|讲话|发言|朗诵|辩论)(?:比赛|大赛|竞赛|赛|选拔赛?|风采展示|展示活动|决赛|初赛|复赛)")


def speaker_in_lead(line: str) -> str | None:
    """The speaker a speech's lead paragraph names in its first sentence: 终审法院首席法官马道立今日在
    …典礼上致辞, 新华社北京3月5日电 国务院总理李强5日在…发表讲话, 李强在…上作报告. Only for a text whose
    title says it is a speech: a news story's lead names people doing all kinds of things."""
    s = _norm(line)
    s = s[dl.end():] if (dl := _DATELINE.match(s[:40])) else s
    sentence = re.split(r"[。;；!！?？]", s[:200], maxsplit=1)[0]
    starts = [(0, True)] + [(m.end(), False) for m in _OFFICE_ANY.finditer(sentence)]
    for start, bare in starts:
        dotted = _DOTTED_AT.match(sentence, start)
        sizes = range(dotted.group().find("·") + 2, dotted.end() - start + 1) if dotted else (4, 3, 2)
        for size in sizes:
            cand, after = sentence[start:start + size], sentence[start + size:]
            if not _LEAD_AFTER.match(after) or not _LEAD_SPEECH.search(after):
                continue
            if any(_LEAD_AFTER.match(cand[k:] + after) for k in range(2, size)):
                continue  # 王五今天在: the name ends where the time or the verb begins
            if is_name(cand, strict=bare):
                return cand
    return None



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
