"""HTML pages (``.html``/``.htm``): the article's main text via ``readability-lxml``, title from the page.

Why readability-lxml rather than trafilatura: both were tried on mock Chinese government pages
(menus, breadcrumb, share links, byline, editor stamp, prev/next links, related-news sidebar,
comments, footer; ``<p>`` and ``<br>`` paragraphs; a 2000s table-layout page). readability gave
exactly the article's paragraphs, in order, on each; trafilatura kept byline and editor-stamp
lines, on short ``<br>`` pages fell back to the whole page, and on table layouts kept the menus and
footer, placed before the article. readability is also lighter (lxml, cssselect, chardet against
trafilatura's dateparser/htmldate/courlan/justext stack). Its cost: lists and tables inside the
article with under ~25 characters of text are pruned. ``selectolax`` is only a parser.

Each block (``<p>``, heading, list item, table cell, ``<div>`` text) becomes one line and so does
each ``<br>``-separated piece; line breaks in the HTML source are spaces (none between Chinese
characters). Bytes are decoded here: BOM, then valid UTF-8, then the page's ``<meta charset>``
(GB2312/GBK read as their superset GB18030), then ``text.decode``'s UTF-8/GB18030/Big5 fallback.

Title: the page's ``<h1>`` when it agrees with ``og:title``/``<title>`` (a logo ``<h1>`` does not),
else ``og:title``, else ``<title>``, minus site-name suffixes (``… - 新华网``, ``…_中国政府网``,
``…|人民网``). A ``<title>`` that is only the site's name (``中国共产党新闻网``, ``某某市人民政府门户网站``:
no speech or meeting word, and it ends like a site name or the page repeats it in a logo or footer)
gives way to the page's first heading outside menus, logos and footers (``<h1>``-``<h4>``, or a class
or id *title*); the short lines right under that heading (its date, speaker) are kept as text when
readability left them out. A first body line repeating the title is dropped.

Limitations: pages drawn by JavaScript have no text to find; on a short table-layout page
readability may keep a sidebar menu and the byline; paragraphs made mostly of links may be dropped.
"""

from __future__ import annotations

import codecs
import re

from ...errors import InputError
from .crumbs import crumb_author
from .text import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn"}
_BLOCKS = set(
    "p div h1 h2 h3 h4 h5 h6 li dt dd td th tr table ul ol dl blockquote pre section article header "
    "footer aside nav center form figure figcaption address hr body".split()
)
_BREAK = "\x1e"  # stands for a <br> while a block's text is gathered
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_SOURCE_BREAK = re.compile(f"(?<=[{_CJK}])[ \t\r\n]*\n[ \t\r\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_WS = re.compile(r"[\s\u3000\xa0]+")
# "标题_中国政府网", "标题 - 新华网", "标题|人民网": underscore and bars almost never occur inside a Chinese
# title, so a short last segment after one is a site or channel name; after a dash we also want a
# site-like word, since "——在…上的讲话" subtitles use dashes.
_SUFFIX = re.compile(r"^(?P<title>.+?)\s*(?P<sep>[_|｜]|\s[-–—]\s|--|——|－－)\s*(?P<site>[^_|｜]{1,16})$")
_SITE_WORD = re.compile(r"网|报|社|台|频道|新闻|门户|官网|在线|政府|之窗|\.(com|cn|org|net)\b|www\.", re.I)


def read(data: bytes, name: str) -> tuple[str, dict]:
    page = _decode(data, name)
    try:
        import lxml.html
        from readability import Document

        parser = lxml.html.HTMLParser(encoding="utf-8")
        tree = lxml.html.document_fromstring(page.encode("utf-8", "replace"), parser=parser)
        title = _title(tree)
        summary = Document(page).summary(html_partial=True)
        lines = _lines(lxml.html.document_fromstring(summary.encode("utf-8", "replace"), parser=parser))
        heading = None
        site_only = bool(title) and _site_only(title, tree)
        if site_only:
            heading = _heading_block(tree, title, lines)
        elif title and (own := _unrelated_heading(title, tree)) is not None:
            heading = _heading_block(tree, title, lines, [own])
    except Exception as error:  # noqa: BLE001 - any parser failure means a bad input file
        message = str(error).splitlines()[0] if str(error) else ""
        raise InputError(f"{name} could not be parsed as HTML ({type(error).__name__}: {message})") from None
    if heading:  # the <title> names only the site: the page's heading names the text
        title, below = heading
        lines = below + lines  # the date and speaker lines under it, when the main text left them out
    elif site_only:
        title = None  # only the site's name, and no heading element: the text's own lines say what it is
    lines = lines + _signature_after(tree, lines)
    if title and lines:
        title = _own_heading(title, lines) or title
    if len(lines) > 1 and title and _clean(lines[0]) == title:
        lines = lines[1:]  # the heading repeated as the first line
    if not lines:
        raise InputError(f"{name} has no article text (a page drawn by JavaScript, or only menus?)")
    title = _FOOTNOTE_MARK.sub("", title) if title else title  # 谒陈毅墓①: the mark of the heading's note
    fields = {"title": title} if title else {}
    if author := crumb_author(tree):  # 作品集 > 陈毅 > 陈毅作品 > …: the works' author, a candidate speaker
        fields["author"] = author
    return "\n".join(lines), fields


_FOOTNOTE_MARK = re.compile(r"(?<=\S)\s*(?:[①-⑳]|[〔\[［]\d{1,2}[〕\]］])$")


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        charset = declared.group(1).decode("ascii", "replace").lower()
        charset = "gb18030" if charset in _GB else charset
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: guess as for plain text
    return decode(data, name)


_SIGNATURE_MAX = 24  # 陳嘉文校長 / 二零一四年一月三日: a signature's lines are short
# …and hold no label, bracket or link text of the page (【我要纠错】 责任编辑：…, 上一篇：…, 分享到)
_NOT_SIGNATURE = re.compile(r"[:：【】\[\]|｜>»<«]|上一篇|下一篇|分享|打印|关闭|返回|纠错|版权|copyright", re.I)


def _signature_after(tree, lines: list[str]) -> list[str]:
    """The short lines right after the main text on the page (a letter's name and date, set in a
    small table of their own), which readability leaves out: up to three, until a longer one."""
    body = tree.find("body")
    if body is None or not lines:
        return []
    page = _lines(body)
    last = lines[-1]
    ends = [i for i, line in enumerate(page) if line == last]
    if len(ends) != 1:
        return []
    after = []
    for line in page[ends[0] + 1:ends[0] + 4]:
        if len(line) > _SIGNATURE_MAX or not re.search(f"[{_CJK}]", line) or line in lines or _NOT_SIGNATURE.search(line):
            break
        after.append(line)
    return after


def _lines(root) -> list[str]:
    """One line per block element and per ``<br>``-separated piece, in document order."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = _SPACES.sub(" ", _SOURCE_BREAK.sub("", "".join(buffer)))
        lines.extend(line.strip() for line in text.split(_BREAK) if line.strip())
        buffer.clear()

    def walk(element) -> None:
        if isinstance(element.tag, str):  # not a comment or processing instruction
            block = element.tag in _BLOCKS
            if block:
                flush()
            buffer.append(_BREAK if element.tag == "br" else element.text or "")
            for child in element:
                walk(child)
            if block:
                flush()
        buffer.append(element.tail or "")

    walk(root)
    flush()
    return lines


def _clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _strip_site(title: str) -> str:
    while (match := _SUFFIX.match(title)) is not None:
        site, sep = match["site"].strip(), match["sep"].strip()
        if site.startswith("在") or (sep not in "_|｜" and not _SITE_WORD.search(site)):
            break
        title = match["title"].strip()
    return title


# What may stand around the article's own heading in a <title>: a column's tag before it (每周一学（…）,
# 【…】), and after it a separator and the column's and site's names (--校长专栏-某某中学, _某某网).
_TAG_END = tuple("）)】]")
_TAIL_START = tuple("-_|｜–—－")


def _own_heading(title: str, lines: list[str]) -> str | None:
    """The heading the text opens with (its first line, and a ——subtitle line under it), when the
    <title> is that heading wrapped in a column's tag or the site's names, which the site-suffix rule
    does not know (a school's name is no site word)."""
    first = _clean(lines[0])
    if len(first) < 6 or len(first) > 80 or first.endswith("。"):
        return None
    heading = first
    for line in lines[1:3]:  # a heading set on two or three lines: 不忘初心… / 奋力开创… / ——在…上的讲话
        line = _clean(line)
        joined = next((j for j in (heading + line, f"{heading} {line}") if j in title), None)
        if not joined or len(line) > 60 or line.endswith("。"):
            break
        heading = joined
    at = title.find(heading)
    if at < 0 or heading == title:
        return None
    before, after = title[:at].strip(), title[at + len(heading):].strip()
    if (before and not before.endswith(_TAG_END)) or (after and not after.startswith(_TAIL_START)):
        return None
    return heading


def _title(tree) -> str | None:
    og = _clean(next(iter(tree.xpath("//meta[@property='og:title']/@content")), ""))
    head = _clean(next(iter(tree.xpath("//title//text()")), ""))
    titles = [_strip_site(t) for t in (og, head) if t]
    for h1 in tree.xpath("//h1"):  # the article's own heading, not a logo: it agrees with a title
        text = _clean(h1.text_content())
        if text and any(t in text or (text in t and 2 * len(text) >= len(t)) for t in titles):
            return text
    return titles[0] if titles else None


# What a page <title> that names the text says; a site's name says none of it.
_TEXT_WORD = re.compile(r"讲话|致辞|致词|报告|发言|演讲|演说|贺词|献词|声明|全文|公报|会议|大会|典礼|论坛|信")
_SITE_END = re.compile(r"(网|网站|门户|官网|频道|在线|之窗|新闻网|客户端)$")
_HEADING_XPATH = ("//h1|//h2|//h3|//h4|//*[contains(@class,'title') or contains(@id,'title')"
                  " or contains(@class,'Title') or contains(@id,'Title') or contains(@class,'headline')]")
_FURNITURE = re.compile(r"logo|nav|menu|foot|banner|crumb|top|link|side|related", re.I)


# An organisation's own name (聖公會某某小學 S.K.H. …, 某某中學校友會, 某某科技有限公司): the site's owner
_ORG_END = re.compile(r"(?:[小中大]学|[小中大]學|学校|學校|学院|學院|公司|集团|集團|协会|協會|学会|學會|校友会|校友會|"
                      r"基金会|基金會|研究院|研究所)$")
_LATIN_TAIL = re.compile(r"[\sA-Za-z.,&'’()-]+$")


def _site_only(title: str, tree) -> bool:
    """The <title> names the site (中国共产党新闻网, 某某市人民政府门户网站) or its owner, not the text: it
    names no speech or meeting, and it ends like a site's or an organisation's name or the page repeats it
    (logo, copyright line)."""
    own_name = _LATIN_TAIL.sub("", title)
    if _TEXT_WORD.search(title) or len(own_name) > 30:
        return False
    if own_name and _ORG_END.search(own_name):
        return True
    if not _SITE_END.search(title) and _is_own_heading(title, tree):
        return False  # the article's heading repeats it (a post's <h2>, its <h1>): a headline, no site name
    body = tree.find("body")
    elsewhere = _clean(body.text_content() if body is not None else "")
    alts = " ".join(tree.xpath("//img/@alt"))
    return bool(_SITE_END.search(title)) or title in elsewhere or title in alts


def _is_own_heading(title: str, tree) -> bool:
    """A heading element outside menus, logos and footers says exactly the <title>: a site's name
    repeats in a logo or a footer, a headline in the article's own heading."""
    return any(_clean(element.text_content()) == title and not _in_furniture(element)
               for element in tree.xpath(_HEADING_XPATH))


# The page's chrome proper: a layout's column (sidebarRight, topic…) may hold the article itself.
_CHROME = re.compile(r"logo|nav|menu|foot|banner|crumb", re.I)


def _in_furniture(element, marks: re.Pattern = _FURNITURE) -> bool:
    for node in [element, *element.iterancestors()]:
        if node.tag in ("a", "nav", "header", "footer", "ul", "ol", "li", "select", "option"):
            return True
        if marks.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


_GENERIC = {"正文", "详情", "首页", "内容", "文章", "新闻", "公告", "通知", "返回", "简介", "目录", "阅读"}


def _unrelated_heading(title: str, tree):
    """The page's one <h1> outside menus, logos and footers, when the <title> is a short name that
    says nothing of the text, shares no two characters with that heading, and appears nowhere in the
    body: a site's name no site word marks (某园春兰书苑, its logo drawn from an include)."""
    if _TEXT_WORD.search(title) or len(title) > 16:
        return None
    body = tree.find("body")
    if body is None or title in _clean(body.text_content()):
        return None
    headings = [h for h in tree.xpath("//h1") if not _in_furniture(h, _CHROME)]
    text = _clean(headings[0].text_content()) if len(headings) == 1 else ""
    # (a poem's title may be two or three characters: 清平乐; a page's generic word is no heading)
    if not 2 <= len(text) <= 80 or _SITE_END.search(text) or text in _GENERIC:
        return None
    pairs = {title[i:i + 2] for i in range(len(title) - 1)}
    return None if any(text[i:i + 2] in pairs for i in range(len(text) - 1)) else headings[0]


def _heading_block(tree, site: str, lines: list[str], elements: list | None = None) -> tuple[str, list[str]] | None:
    """(the page's heading, the short lines right under it that `lines` lacks): the first of
    ``elements`` (already vetted) or else of every heading element (<h1>-<h4>, class or id *title*)
    outside menus, logos and footers, that is no site name."""
    for element in elements if elements is not None else tree.xpath(_HEADING_XPATH):
        text = _clean(element.text_content())
        if not (2 if elements is not None else 4) <= len(text) <= 80 or not re.search(f"[{_CJK}]", text) \
                or elements is None and _in_furniture(element):
            continue
        if text in site or site in text or _SITE_END.search(text) and not _TEXT_WORD.search(text):
            continue
        below, node = [], element
        while node.getnext() is None and node.getparent() is not None and node.getparent().tag != "body":
            node = node.getparent()  # <div class="title"><h2>…</h2></div>: the lines follow the div
        for sibling in list(node.itersiblings())[:4]:
            piece = _clean(sibling.text_content()) if isinstance(sibling.tag, str) else ""
            if not piece or len(piece) > 80 or piece in lines:
                break  # the main text begins
            below.append(piece)
        return text, below
    return None
