"""YAML front matter (Markdown from static-site generators and archives): metadata stated outright.

    ---
    title: "2018 年法律年度開啓典禮──香港律師會會長蘇紹聰致辭全文"
    date: "2018-01-08"
    author: "特約轉載"
    ---

The block is removed from the text (its keys and URLs are not paragraphs) and its title, date and
speaker/author are handed to the metadata rules as *stated* values, not as final ones: a site may wrap
the title (``南开大学->… | nankai.info``), date the page when it was posted, and name its news desk as
author. Parsed with PyYAML's safe loader; a block that is not a YAML mapping is left in the text.
"""

from __future__ import annotations

import re

from .document import without_lone_surrogates

# Exporters may put blank lines above the block (a feed-to-Hexo dump opens with one).
_OPEN = re.compile(r"\A\ufeff?(?:[ \t]*\r?\n)*[ \t]*---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_KEY = re.compile(r"^[A-Za-z_][\w-]*$", re.ASCII)
KEYS = ("title", "date", "speaker", "author")
DATE_KEYS = ("date_text", "pubdate", "pub_date", "publish_date", "published", "publishDate", "created")
MAX_CHARS = 20_000  # front matter is a header; a closing `---` further down is a Markdown rule


def split(text: str) -> tuple[str, dict]:
    """(text without its front matter, {key: str} for KEYS present); (text, {}) when there is none."""
    opening = _OPEN.match(text)
    if not opening:
        return text, {}
    closing = _CLOSE.search(text, opening.end(), opening.end() + MAX_CHARS)
    if not closing:
        return text, {}
    try:
        import yaml

        data = yaml.safe_load(text[opening.end():closing.start()])
    except Exception:  # noqa: BLE001 - yaml.YAMLError and friends: then it was not front matter
        return text, {}
    if not isinstance(data, dict) or not data or not all(isinstance(k, str) and _KEY.match(k) for k in data):
        return text, {}  # front matter keys are ASCII identifiers; `来源: 新华网` between rules is text
    fields = {}
    if "date" not in data:  # an archive's own key for it (date_text: 一九四〇年二月七日, pubdate: …)
        data["date"] = next((data[k] for k in DATE_KEYS if data.get(k) is not None), None)
    for key in KEYS:
        value = data.get(key)
        if isinstance(value, list):  # authors: [a, b]
            value = value[0] if len(value) == 1 else None
        if value is not None and not isinstance(value, (dict, list)) and str(value).strip():
            fields[key] = without_lone_surrogates(str(value).strip())  # YAML may escape half a pair
    return text[closing.end():].lstrip("\r\n"), fields
