"""Metadata classes of the eighth round, part a (issue 20, part 2): one synthetic example per class of
miss on saved pages of a memorial site, read the way `searchkit index` reads a file."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402


def _page(crumb: str, heading: str, stamp: str, body: str) -> str:
    # a site's page: <title> only the site's name, the breadcrumb and heading in the body
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
    return (f'<html><head><meta charset="utf-8"><title>某某书苑</title></head><body>'
            f'<div class="navPath"><a href="index.php">{crumb.split(" > ")[0]}</a> &gt; '
            f'{" &gt; ".join(crumb.split(" > ")[1:])}</div>'
            f'<div class="txtBox"><div class="txtTitle"><h1>{heading}</h1>'
            f'<div class="parameters">{stamp}</div></div>'
            f'<div class="txtContent">{paragraphs}</div></div></body></html>')


def test_a_works_page_names_its_author_only_in_the_breadcrumb(tmp_path):
    s = speech(tmp_path, "a.html", _page("作品集 > 王明远 > 王明远作品 > 秋日山行", "秋日山行", "1950年5月",
               "远上寒山石径斜，\n白云深处有人家。\n停车坐爱枫林晚，\n霜叶红于二月花。\n"
               "注：一九五〇年春王明远同志到西南视察，途中写下此诗，后来收入作品集。" + PROSE))
    assert (s.title, s.date, s.speaker) == ("秋日山行", None, "王明远")


def test_a_breadcrumb_of_sections_names_no_author(tmp_path):
    # 最新新闻 > 最新动态 files a news item under sections, not under a person
    s = speech(tmp_path, "b.html", _page("最新新闻 > 最新动态 > 新馆开放", "新馆开放", "2013年5月2日",
               "2013年5月2日，纪念馆新馆正式对外开放，各界群众前来参观。" + PROSE))
    assert s.speaker is None


def test_a_news_item_dated_only_by_its_lead_s_full_date(tmp_path):
    # no stamp: the lead opens with the day, year included, of what it reports
    s = speech(tmp_path, "c.html", _page("最新新闻 > 往年回顾 > 著名棋手李某某辞世", "著名棋手李某某辞世", "",
               "2015年03月07日，著名棋手李某某因病在北京不幸辞世，享年70岁。李某某是我国围棋事业的开拓者之一。"))
    assert s.date == "2015-03-07"


def test_a_lead_that_names_the_day_an_anniversary(tmp_path):
    s = speech(tmp_path, "d.html", _page("最新新闻 > 最新动态 > 纪念某某逝世30周年", "纪念某某逝世30周年", "",
               "2016年2月3日是某某同志逝世30周年纪念日。上午十时，亲属十余人来到革命公墓敬献花篮。"))
    assert s.date == "2016-02-03"


def test_a_speech_that_opens_by_recalling_a_day_of_history_stays_undated(tmp_path):
    # a speech's opening recital dates history, not the speech
    s = speech(tmp_path, "e.txt", "在纪念大会上的讲话\n\n同志们：\n\n"
               "1921年7月23日，中国共产党第一次全国代表大会在上海召开，中国从此有了新的希望。\n\n" + PROSE + "\n")
    assert s.date is None


_MEMOIR = ("我还是那么小的时候，就认识这位伯伯了。那是一九五七年，我们家搬进了一条胡同，几户人家一字排列，"
           "伯伯常常带着我们散步，给我们讲过去打仗的故事，我至今记得他爽朗的笑声。")


def test_a_reprinted_article_signed_by_its_author_line_above_the_reprint_note(tmp_path):
    s = speech(tmp_path, "f.txt", f"怀念一位老人\n\n{_MEMOIR}\n\n{PROSE}\n\n作者：林晓燕\n\n（摘自《某某日报》2011年5月11日）\n")
    assert (s.date, s.speaker) == ("2011-05-11", "林晓燕")


def test_an_author_line_with_an_alias_and_a_signature_dated_where_it_was_written(tmp_path):
    # 2011年3月8日于北京: the place it was written, not a person named 于
    s = speech(tmp_path, "g.txt", f"红色记忆\n\n{_MEMOIR}\n\n{PROSE}\n\n作者：林晓燕（小燕）\n\n2011年3月8日于北京\n")
    assert (s.date, s.speaker) == ("2011-03-08", "林晓燕")


def test_a_breadcrumb_that_files_the_text_under_author_and_title(tmp_path):
    s = speech(tmp_path, "h.html", _page("新中国时期 > 大众篇 > 林晓燕：回忆老首长（摘自《某某报》）", "回忆老首长", "",
               _MEMOIR + "\n" + PROSE))
    assert s.speaker == "林晓燕"


def test_a_heading_s_footnote_mark_is_no_part_of_the_title(tmp_path):
    s = speech(tmp_path, "i.html", _page("新中国时期 > 战友篇 > 林晓燕：谒将军墓", "谒将军墓①", "一九七五年三月",
               "吊影一身谒墓门，\n行吟泽畔复何言。\n注：①1975年3月，作者专程谒墓。" + PROSE))
    assert (s.title, s.date) == ("谒将军墓", None)


def test_a_short_poem_heading_under_a_site_only_title(tmp_path):
    s = speech(tmp_path, "j.html", _page("新中国时期 > 战友篇 > 清平乐", "清平乐", "一九五二年",
               "胜固欣然输可喜，\n落子古松流水。\n" + PROSE))
    assert s.title == "清平乐"
