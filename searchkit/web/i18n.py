"""Interface text in Chinese (the default) and English; ``?lang=en`` switches."""

from __future__ import annotations

LANGUAGES = ("zh", "en")

_TEXT = {
    "app": ("searchkit 讲话检索", "searchkit speech search"),
    "search": ("检索", "Search"),
    "trend": ("趋势", "Trend"),
    "kwic": ("语境", "KWIC"),
    "speeches": ("篇目", "Speeches"),
    "placeholder": ("输入检索词，如 电子商务 或 \"改革开放\" -科学", "Words, \"a phrase\", OR, -word, (groups)"),
    "go": ("检索", "Search"),
    "help": ("检索语法", "Query syntax"),
    "help_words": ("多个词：段落须全部包含", "several words: a paragraph must hold all of them"),
    "help_phrase": ("\"引号\"：整个短语", "\"quotes\": the exact phrase"),
    "help_or": ("A OR B：任一", "A OR B: either"),
    "help_not": ("-词 或 NOT 词：排除", "-word or NOT word: exclude"),
    "help_group": ("(A OR B) C：分组", "(A OR B) C: groups"),
    "help_exact": ("勾选“精确字符串”：每个检索词按原样整体匹配，不拆成词（趋势与语境即如此计数）",
                   "tick \"exact string\": each term matches as typed, never as its words apart (as trend and KWIC count)"),
    "speaker": ("讲话人", "Speaker"),
    "since": ("起", "From"),
    "until": ("止", "Until"),
    "title": ("标题", "Title"),
    "source": ("来源", "Source"),
    "sort": ("排序", "Sort"),
    "relevance": ("相关度", "Relevance"),
    "date": ("日期（旧→新）", "Date (oldest first)"),
    "date_label": ("日期", "Date"),
    "sort_speaker": ("讲话人", "Speaker"),
    "sort_title": ("标题", "Title"),
    "sort_id": ("编号", "Id"),
    "show": ("显示", "Show"),
    "page_beyond": ("第 {page} 页已超出末页（共 {pages} 页）；显示末页。", "Page {page} is past the last ({pages}); showing the last page."),
    "-date": ("日期（新→旧）", "Date (newest first)"),
    "year": ("年份", "Year"),
    "filters": ("筛选", "Filters"),
    "clear": ("清除", "Clear"),
    "also": ("{term} 也检索：{others}", "{term}: also searched as {others}"),
    "result_count": ("{m} 篇讲话中的 {n} 个段落", "{n} paragraphs in {m} speeches"),
    "showing": ("第 {a}–{b} 条", "showing {a}–{b}"),
    "no_hits": ("没有匹配的段落。", "No paragraphs match."),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "page": ("第 {p} / {n} 页", "page {p} of {n}"),
    "export": ("导出", "Export"),
    "export_note": ("（最多 {n} 条）", "(up to {n} hits)"),
    "paragraph": ("第 {n} 段", "¶{n}"),
    "paragraphs": ("段落", "paragraphs"),
    "venue": ("场合", "Venue"),
    "speech_id": ("编号", "Id"),
    "back": ("返回检索", "Back to search"),
    "terms": ("检索词（逗号分隔）", "Terms (comma-separated)"),
    "by": ("按", "By"),
    "draw": ("绘制", "Draw"),
    "measure": ("计数", "Count"),
    "trend_note": ("点击数据点查看该组的段落。", "Click a point to see those paragraphs."),
    "width": ("上下文字数", "Context width"),
    "sort_left": ("按左侧语境", "By left context"),
    "sort_right": ("按右侧语境", "By right context"),
    "sort_date": ("按日期", "By date"),
    "lines": ("{n} 处", "{n} occurrences"),
    "more_lines": ("仅显示前 {n} 处", "showing the first {n}"),
    "error": ("出错了", "Error"),
    "not_found": ("找不到该页面", "No such page"),
    "lang_toggle": ("English", "中文"),
    "enter_terms": ("输入一个或多个检索词以绘制趋势。", "Enter one or more terms to draw a trend."),
    "enter_query": ("输入检索词。", "Enter a query."),
    "api": ("接口", "API"),
    "exact": ("精确字符串", "exact string"),
    "occurrences": ("出现次数", "occurrences"),
    "per_10k_chars": ("每万字出现次数", "per 10,000 characters"),
    "similar": ("溯源", "Similar"),
    "similar_here": ("相似段落", "similar passages"),
    "paste": ("粘贴一段文字，查找复用了它的段落", "Paste a passage to find the paragraphs that reuse it"),
    "find_sources": ("查找出处", "Find sources"),
    "passage_title": ("段落出自（标题，可选）", "Passage from (title, optional)"),
    "by_paragraph": ("段落", "paragraph"),
    "by_speech": ("讲话（每篇一条）", "speech (one per speech)"),
    "passage_from": ("段落出自", "Passage from"),
    "reused_share": ("下列结果复用了这段文字的 {n}%（已标出）", "{n}% of the passage is reused by the results below (marked)"),
    "shared": ("复用 {n}%", "{n}% shared"),
    "diff": ("对比", "Diff"),
    "compare": ("对比", "Compare"),
    "compare_link": ("与…对比", "compare with…"),
    "compare_with": ("选一篇讲话与《{title}》对比：", "Pick a speech to compare {title} with:"),
    "enter_two": ("输入两篇讲话的编号（A 在前，B 在后）。", "Give two speech ids (A the earlier, B the later)."),
    "kind_kept": ("未改", "kept"),
    "kind_reworded": ("改写", "reworded"),
    "kind_added": ("新增", "added"),
    "kind_dropped": ("删去", "dropped"),
    "kind_moved": ("移动", "moved"),
    "new_share": ("B 的 {n}% 为新措辞", "{n}% of B is new wording"),
    "dropped_share": ("A 的 {n}% 已删改", "{n}% of A is gone"),
    "swap": ("交换 A 与 B", "swap A and B"),
}


def translator(language: str):
    column = LANGUAGES.index(language) if language in LANGUAGES else 0

    def t(key: str, **values) -> str:
        pair = _TEXT.get(key)
        text = pair[column] if pair else key
        return text.format(**values) if values else text

    return t


def language(request) -> str:
    """The interface language a request asks for with ``?lang=`` (Chinese unless it says en)."""
    return "en" if request.query_params.get("lang") == "en" else "zh"
