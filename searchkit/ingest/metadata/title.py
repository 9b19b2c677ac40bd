"""The title of a speech: the best-supported candidate among its first lines, not the first survivor.

Candidates are the header lines before the speech starts (a salutation such as 各位代表： or three
paragraphs of prose in a row; a text that opens with its salutation has no title) that are not page
debris, date, publication, label or speaker lines, not running headers repeated through the document,
hold Han text and no web address. Each is scored by evidence:

* a date/venue or speaker line right below it (a speech's heading block)            +3
  (a page's stamp or a dateline: +1, a repost's headline sits above the speech's own)
* a subtitle right below it (——在…上的讲话; the subtitle itself is no candidate)         +3
* the words titles of speeches and reports use (报告 讲话 致辞 会议 …)                  +2
* short enough for a title (4-60 characters), not ending like a sentence            +1
* the first candidate                                                               +1
* a later line repeats it (a page title and the headline: the header is at the last)  +1
* looks like a site or account name (新华网, 深汕视点) or a page <title> with site suffixes  -2
* each earlier candidate (at most 20: a heading block below 100 lines of menus still wins)  -0.1

The best score wins; ties go to the earlier line. A page title's site parts (``…|网易订阅``,
``南开大学->…| nankai.info``) are cut off.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...text.patterns import HAN
from ..debris import is_field_stamp
from .names import _norm
from .speaker import SPEECH_WORDS

WINDOW = 150  # web copies put 100+ lines of navigation above the article
TITLE_WORDS = re.compile(
    # 信 alone is in 信访, 信息, 自信: a letter is 给…的信, 回信, 书信 (贺信, 公开信 are speech words).
    SPEECH_WORDS + "|会议|大会|典礼|仪式|论坛|工作|规划|纲要|决定|决议|意见|通知|公报|宣言|全文|文告|施政|致辞|的信|回信|书信"
)
_HAN = re.compile(f"[{HAN}]")
_SALUTATION = re.compile(rf"^[{HAN}、，,]{{2,30}}[:：]$")
# A page's own labels end in a colon too (搜索热词：, 当前位置：): no salutation.
_UI_LABEL = re.compile(r"搜索|热词|关键词|当前位置|您的位置|导航|分享到|字号|标签|热门|扫码|推荐阅读")
_SITE = re.compile(r"(网|日报|晚报|频道|客户端|公众号|视点|发布|新闻|在线|官网|之窗|\.com|\.cn|www)")
_SITE_SEPARATORS = re.compile(r"\s*(?:[|｜_]|->|>>|»|\s-\s)\s*")
_PREFIX = re.compile(r"^(图文|组图|图片|高清组图|视频|全文|实录|专稿|独家)[:：]")
_SENTENCE_END = tuple("。；，、：;,:")
_SUBTITLE = re.compile(r"^(?:——|--|－－|―|─)")
_URL = re.compile(r"https?://|www\.|\.(?:com|cn|net|org)\b", re.I)  # a download banner, a site stamp


# 习近平向…致贺信-新华网: a site's name after a bare hyphen (a dash inside a title is spaced or doubled)
_HYPHEN_SITE = re.compile(r"^(?P<title>.{4,}?)[-－](?P<site>[^-－\s]{2,12})$")


def strip_site(title: str) -> str:
    """`全文来了！2025年广东省政府工作报告|大力|重点领域_网易订阅` -> its longest part: page titles join
    the headline with site, channel and keyword parts."""
    parts = [p.strip() for p in _SITE_SEPARATORS.split(title) if p.strip()]
    title = max(parts, key=len) if len(parts) > 1 else title.strip()
    hyphen = _HYPHEN_SITE.match(title)
    return hyphen["title"].strip() if hyphen and _looks_like_site(_norm(hyphen["site"])) else title


# 关于辽沈战役⑴的作战方针 / …战役[1]的作战方针: a footnote's mark; 把军队变为工作队*: the heading's note mark
# 一 / （二） / 三、: the number of a part of the text (dated below it in a collection of several), no title
_PART_NUMBER = re.compile(r"^[(（]?[一二三四五六七八九十]{1,3}[)）、.．]?$")
_NOTE_MARK = re.compile(r"[\u2460-\u2487]|〔\d{1,2}〕|\[\d{1,2}\]|[*＊]+$")


def clean(line: str) -> str:
    text = _NOTE_MARK.sub("", _PREFIX.sub("", strip_site(line))).strip()
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1].strip()  # 《在全国科技大会上的讲话》
    return text


def stated_title(stated: str, head: list[str]) -> str:
    """A front matter's title, or the headline it stands for: a file-safe title puts `_` for the
    quotes and marks the headline has (拼谁能_咬住_ for 拼谁能“咬住”), which `_` as a site
    separator would cut off."""
    if "_" in stated:
        pattern = re.compile("".join("." if ch == "_" else re.escape(ch) for ch in stated.strip()))
        headline = next((line.strip() for line in head[:WINDOW] if pattern.fullmatch(line.strip())), None)
        if headline:
            return headline
    return published_work(clean(stated), head) or site_heading(stated, head) or clean(stated)


# 实践论全文 - 认识与实践辩证关系 | 毛选第一卷在线阅读: a reading site's title, the text's heading first
_READING_SITE = re.compile(r"^\s*(?:全文|原文|在线|阅读|[-|｜_])")


def site_heading(stated: str, head: list[str]) -> str | None:
    """The text's own heading (one of its first lines) when a stated title is that heading followed by a
    reading site's words (全文在线阅读, - 毛泽东选集第三卷)."""
    for line in head[:6]:
        heading = line.strip().lstrip("#").strip()
        if 2 <= len(heading) < len(stated.strip()) and stated.strip().startswith(heading) \
                and _READING_SITE.match(stated.strip()[len(heading):]):
            return heading
    return None


# 《求是》杂志发表…重要文章《在中央人大工作会议上的讲话》: a headline announcing the work it publishes
_PUBLISHES = re.compile(r"(?:发表|刊发|刊登|刊载|發表|刊發)[^《》]*《(?P<work>[^《》]{4,60})》\s*$")


def published_work(title: str, head: list[str]) -> str | None:
    """The work a headline announces when the text then opens it under its own heading, that line."""
    m = _PUBLISHES.search(title)
    work = _norm(m["work"]) if m else None
    return next((line.strip() for line in head[:WINDOW] if work and _norm(line) == work), None)


def choose(head: list[str], is_meta: Callable[[str], bool], heading_cue: Callable[[str], int],
           repeated: set[str]) -> tuple[str | None, int | None]:
    """(title, index in head) of the best candidate; (None, None) when the text opens with prose."""
    candidates = []  # (score, index, text)
    prose = 0
    for i, line in enumerate(head[:WINDOW]):
        compact = _norm(line)
        if _SALUTATION.match(compact) and not _UI_LABEL.search(compact) and not is_field_stamp(line):
            break  # 各位代表： - the speech has begun (a page's field label 发表时间： / 来源： has not)
        if is_meta(line) or line in repeated or not _HAN.search(compact) or _URL.search(compact) \
                or _PART_NUMBER.match(compact):
            continue
        if _is_prose(compact):
            prose += 1
            if prose >= 3 or not candidates and i == 0:
                break  # three paragraphs in a row: the speech has begun (or it opens with prose: no title)
            continue
        prose = 0
        text = clean(line)
        score = -0.1 * min(len(candidates), 20)
        if not candidates:
            score += 1
        if TITLE_WORDS.search(compact):
            score += 2
        if 4 <= len(compact) <= 60 and not compact.endswith(_SENTENCE_END):
            score += 1
        if _SUBTITLE.match(compact) and candidates and candidates[-1][1] == i - 1:
            # ——在…上的讲话 under a main title is its subtitle: evidence for the line above, not a title
            candidates[-1] = (candidates[-1][0] + 3, i - 1, candidates[-1][2])
            if len(candidates) == 2 and candidates[0][1] == i - 2 and _two_phrases(head[i - 2], head[i - 1]):
                # 决胜全面建成小康社会 / 夺取新时代…伟大胜利 / ——在…上的报告: a title set on two lines
                first_score, _, first_text = candidates.pop(0)
                candidates[0] = (candidates[0][0] + first_score, i - 2, f"{first_text} {candidates[0][2]}")
            continue
        below = [b for b in head[i + 1:i + 3] if b not in repeated]
        cues = [heading_cue(b) for b in below[:2]]
        if cues and cues[0] >= 4 and candidates and candidates[-1][1] == i - 1 \
                and TITLE_WORDS.search(_norm(head[i - 1])):
            # 1991年政府工作报告 / 关于…的报告 / ——1991年3月26日在…上: the second line is the subtitle
            candidates[-1] = (candidates[-1][0] + 3, i - 1, candidates[-1][2])
            continue
        score += min(3, max(cues + [0]))
        # (a site's name cut off counts against a line; a footnote's mark cut off does not)
        if text != _NOTE_MARK.sub("", line).strip() or _looks_like_site(compact):
            score -= 2
        if any(clean(later) == text for later in head[i + 1:WINDOW] if later is not line):
            score += 1
        candidates.append((score, i, text))
    if not candidates:
        return None, None
    score, index, text = max(candidates, key=lambda c: (c[0], -c[1]))
    # A page title repeated as the headline: the speech's header is under the headline.
    index = max(i for _, i, t in candidates if t == text)
    return text or None, index


def _two_phrases(a: str, b: str) -> bool:
    """Two short lines opening the text, each a phrase of a title (no title words, no punctuation,
    nothing of a site): the halves of one title over its subtitle."""
    a, b = _norm(a), _norm(b)
    return all(4 <= len(x) <= 20 and not TITLE_WORDS.search(x) and not _looks_like_site(x)
               and not re.search(r"[\W\d]", x) for x in (a, b))


def _looks_like_site(compact: str) -> bool:
    return len(compact) <= 12 and bool(_SITE.search(compact)) and not TITLE_WORDS.search(compact)


def _is_prose(compact: str) -> bool:
    if compact[-1] in "！？!?" and len(compact) <= 40:
        return False  # 中国人民站起来了！ is a title
    return len(compact) > 60 or compact.endswith(("。", "！", "？", "!", "?")) and len(compact) > 20
