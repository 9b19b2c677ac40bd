"""Page debris from web copies: navigation, share widgets, breadcrumbs, editor stamps, photo credits.

Conservative on purpose: only a whole line made of such furniture is debris; a sentence that merely
mentions 下载 or 打印 is kept.
"""

from __future__ import annotations

import re

from ..text.patterns import FULL_DATE as _FULL_DATE
from ..text.patterns import nfkc
from ..text.patterns import HAN as _HAN
from ..text.patterns import SENT_PUNCT as _SENT_PUNCT
from ..text.patterns import WS as _WS

_NAV = set(
    "下载 打印 全屏 收藏 关闭 关闭窗口 关闭本页 打印本页 打印本文 打印此页 返回 返回顶部 顶部 返回首页 返回列表 首页 "
    "分享 分享到 分享至 扫一扫 复制链接 微信 微博 朋友圈 QQ空间 QQ 新浪微博 腾讯微博 上一篇 下一篇 上一条 下一条 "
    "相关阅读 相关新闻 相关链接 推荐阅读 延伸阅读 更多 我要纠错 纠错 评论 点赞 登录 注册 手机版 网站地图 字号 "
    "大 中 小 默认 字体 放大 缩小 加入收藏 设为首页 二维码 保存 邮件 推荐 发送 我要打印 我要评论 "
    "加大 减小 还原 标准 大号 中号 小号 超大 字体大小 正文 简体 繁体 繁體 简 繁 朗读 语音播报 听全文 背景色 护眼 "
    "无障碍 适老化 长者模式 打印页面 关闭页面 打印文章 网站首页 A+ A- A".split()
)
_NAV_SPLIT = re.compile(r"[\s|｜/、·•【】\[\]()（）<>《》:：,，]+")
_FIELD_LABELS = (
    "来源 文章来源 信息来源 稿件来源 新闻来源 图片来源 图源 摄影 出处 稿源 作者 文章作者 撰稿 供稿 录入 发布者 时间 日期 发布时间 发布日期 发表时间 更新时间 发稿时间 浏览次数 点击数 点击量 阅读次数 "
    "阅读量 责任编辑 编辑 视频编辑 文字编辑 图片编辑 实习编辑 校对 审核 审校 初审 终审 复审 监制 签发 排版 美编 字号"
).split()
_FIELD_RE = re.compile(r"(?:%s)[:：]" % "|".join(sorted(_FIELD_LABELS, key=len, reverse=True)))
_EDITOR_RE = re.compile(r"^[(\[【]?(责任|视频|文字|图片|实习)?(编辑|校对|审核|审校|监制|终审|初审|复审)[:：]")
_CRUMB_SEP = re.compile(r"[>＞»›]+")
# A credit needs a cue (记者/通讯员/摄影, a space or a slash before 摄): 电影拍摄 is not a caption.
_CAPTION_RE = re.compile(
    rf"((记者|通讯员|摄影)\s*[{_HAN}·]{{2,4}}([、,，\s]+[{_HAN}·]{{2,4}})*"
    rf"|\s[{_HAN}·]{{2,4}}\s*/?|[{_HAN}·]{{2,4}}\s*/)"
    rf"\s*(摄|供图|摄影)[)）】\]]?$"
)
_CAPTION_LEAD = re.compile(r"^(上图|下图|左图|右图|图为|图片为|组图|题图|图:|图：)")


def is_debris(line: str) -> bool:
    """True for web-page furniture that is neither title nor paragraph (see module docstring)."""
    if len(line) > 100 and "。" in line:
        return False  # every rule below rejects a long line with a full stop; most paragraphs are one
    s = nfkc(line).strip()
    if not s:
        return True
    compact = _WS.sub("", s)
    if compact.startswith(("上一篇", "下一篇", "上一条", "下一条")) and len(compact) <= 80:
        return True
    if compact.startswith("扫一扫") and len(compact) <= 25 and not _SENT_PUNCT.search(compact):
        return True
    if _EDITOR_RE.match(compact) and len(compact) <= 50:
        return True
    widgetless = re.sub(r"(字号|字体)[:：]?[大中小默认\s|]+", " ", s)
    tokens = [t for t in _NAV_SPLIT.split(widgetless) if t]
    if not tokens or all(t in _NAV for t in tokens):
        return True
    if _is_breadcrumb(compact):
        return True
    if len(compact) <= 60 and _CAPTION_RE.search(s):
        return True
    if _CAPTION_LEAD.match(compact) and len(compact) <= 80:
        return True
    return is_field_stamp(s)


_WHERE = re.compile(r"^(当前位置|您的位置|您现在的位置|你的位置|所在位置|现在位置|位置)[:：]?$")
_RUN_GAP = 3
_TAG = re.compile(r"<[/!]?[A-Za-z][^<>]*>$")  # a widget split over lines spans a few short lines


def _short(line: str) -> bool:
    compact = _WS.sub("", nfkc(line))
    return len(compact) <= 4 and not _SENT_PUNCT.search(compact) and not re.search(r"[，,；;]", compact)


def debris_mask(lines: list[str], keep=lambda line: False) -> list[bool]:
    """`is_debris` for each line, plus the furniture only its neighbours reveal: a short piece
    between two debris lines (【字号： / 加大 / 还原 / 减小 / 】, whatever the buttons are called),
    and breadcrumbs split over lines (您的位置： / 新闻频道> / 广东> / 正文). Lines `keep` accepts (a
    speaker's name under a byline) are never taken by their neighbours."""
    flags = [is_debris(line) for line in lines]
    for i, line in enumerate(lines):
        if flags[i]:
            continue
        compact = _WS.sub("", nfkc(line))
        # An HTML tag left in Markdown (</figure>) ends in > too, but is no breadcrumb piece.
        previous = _WS.sub("", nfkc(lines[i - 1])) if i > 0 else ""
        after_crumb = re.search(r"[>＞»›]$", previous) and not _TAG.search(previous) and len(compact) <= 12
        if after_crumb and not _SENT_PUNCT.search(compact) and not keep(line):
            flags[i] = True
            continue
        if not _short(line):
            continue
        before = next((j for j in range(i - 1, max(-1, i - 1 - _RUN_GAP), -1) if flags[j] or not _short(lines[j])), None)
        after = next((j for j in range(i + 1, min(len(lines), i + 1 + _RUN_GAP)) if flags[j] or not _short(lines[j])),
                     None)
        if before is not None and after is not None and flags[before] and flags[after] and not keep(line):
            flags[i] = True
    return flags


def _is_breadcrumb(compact: str) -> bool:
    if _WHERE.match(compact):
        return True
    if re.search(r"[>＞»›]$", compact) and len(compact) <= 16 and not _SENT_PUNCT.search(compact):
        return True  # one piece of a breadcrumb split over lines: 新闻频道>
    if len(compact) > 60 or _SENT_PUNCT.search(compact) or re.search(r"[，,；;]", compact):
        return False
    parts = [p for p in _CRUMB_SEP.split(compact) if p]
    seps = len(_CRUMB_SEP.findall(compact))
    if seps == 0 or len(parts) < 2 or any(len(p) > 12 for p in parts):
        return False
    lead = re.sub(r"^(当前位置|您的位置|您现在的位置|位置)[:：]", "", parts[0])
    return seps >= 2 or lead in ("首页", "主页", "网站首页")


def is_field_stamp(line: str) -> bool:
    """A short line made only of `label：value` fields (来源：浙江日报 时间：2026-02-24), possibly
    opened by its date and time (2025年11月01日 09:30 来源：新华网)."""
    s = nfkc(line).strip()
    if len(s) > 100 or _SENT_PUNCT.search(s):
        return False
    lead = _FULL_DATE.match(s)
    rest = re.sub(r"^\s*\d{1,2}:\d{2}(:\d{2})?", "", s[lead.end():] if lead else s)
    parts = _FIELD_RE.split(_WS.sub("", rest).lstrip("|｜/·-"))  # 2024年06月24日08:21 | 来源：人民网
    # An unknown `标签：` inside a value (地点：…) means a notice, not a page stamp.
    return len(parts) > 1 and not parts[0] and all(
        len(v) <= 25 and not re.search(f"[{_HAN}]+:", v) for v in parts[1:])
