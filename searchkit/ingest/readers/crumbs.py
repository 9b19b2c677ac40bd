"""The author a page's breadcrumb files the text under (作品集 > 陈毅 > 陈毅作品 > 梅岭三章, … > 陈丹淮：题目).

A works page of a memorial or archive site often names its author nowhere but in the path that files
it: the crumb "<name>作品" (or 文集, 诗词 …) says whose works the column holds, a last crumb
"<name>：<title>" whose text the page is. The name is only a
candidate: the metadata rules take it as the speaker when it reads as a person's name and nothing in
the text names one.
"""

from __future__ import annotations

import re

# The breadcrumb's element: class or id crumb, navPath, position or location (当前位置).
_CRUMB_MARK = re.compile(r"crumb|navpath|position|location|weizhi", re.I)
_SEPARATOR = re.compile(r"\s*(?:>|›|»|->|＞|→)\s*")
_WORKS = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,5}?)(?:作品集|作品|文集|文选|诗选|诗词|诗文|著作|文稿|选集|手迹)$")
# 新中国时期 > 大众篇 > 何晓鲁：要漂漂亮亮进上海（摘自《文汇报》）: the last crumb is "<author>：<title>".
_AUTHOR_TITLE = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,5})[:：]\S")


def crumb_author(tree) -> str | None:
    """The one name the page's breadcrumb files it under ("<name>作品", "<name>：<title>"), if any."""
    for element in tree.xpath("//*[@class or @id]"):
        if not _CRUMB_MARK.search(f"{element.get('class', '')} {element.get('id', '')}"):
            continue
        text = " ".join(element.text_content().split())
        crumbs = [crumb.strip() for crumb in _SEPARATOR.split(text)]
        names = {m["name"] for crumb in crumbs if (m := _WORKS.match(crumb))}
        if len(crumbs) > 1 and (m := _AUTHOR_TITLE.match(crumbs[-1])):
            names.add(m["name"])
        if len(text) <= 120 and len(names) == 1:
            return names.pop()
    return None
