"""Metadata classes of the seventh round, part a (issue 20, part 2): one synthetic example per class of
miss, read the way `searchkit index` reads a file (reader, page debris, paragraphs, rules)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402


@pytest.mark.parametrize("note", ["（摘自《某某青年报》2013年9月12日）", "（选自《某某日报》2013年9月12日第5版）"])
def test_a_reprint_note_at_the_foot_dates_an_article_whose_dates_are_the_story_s(tmp_path, note):
    # the body's full dates are events of the story; only the note says when the text was printed
    s = speech(tmp_path, "a.txt", f"""某某戏的第一个宣传者
沈大明
1948年11月13日，战役期间，他采访了军长，采访中刚好有支部队从战场归来，军长骄傲地介绍了这支部队的来历。
{PROSE}
2007年2月24日，他因病医治无效去世，享年80岁，骨灰被安放于家乡的陵园。
（作者曾任某市档案局局长）
{note}
""")
    assert s.date == "2013-09-12"


def test_a_reprint_note_gives_way_to_the_dateline_of_the_news_it_reprints(tmp_path):
    s = speech(tmp_path, "b.txt", f"""纪念某某元帅诞辰一百周年
新华社北京8月23日电（记者王小明）中央军委今天在人民大会堂举行座谈会，纪念某某元帅诞辰100周年。
{PROSE}
（新华社北京8月23日电）
（摘自《某某日报》2001年8月24日）
""")
    assert s.date == "2001-08-23"


@pytest.mark.parametrize("name, day", [("20230704-01-04.txt", "2023-07-03"), ("20240102-03-01.txt", "2023-12-31")])
def test_a_dateline_s_day_takes_its_year_from_the_issue_day_stamped_in_the_file_s_name(tmp_path, name, day):
    # a newspaper dump names each file by the issue's day; the dateline gives month and day only
    month, date = ("12月31日", "31日") if day.endswith("12-31") else ("7月3日", "3日")
    s = speech(tmp_path, name, f"""
某某规划委员会召开全体会议
张大明出席并讲话
　　本报北京{month}电  某某规划委员会{date}在京召开全体会议。中共中央政治局常委、委员会主任张大明出席会议并讲话。
　　会议指出，这些年规划建设工作取得新进展新成效，必须以钉钉子精神抓好实施。{PROSE}
""")
    assert (s.date, s.speaker) == (day, "张大明")


def test_a_verb_after_a_name_does_not_complete_it_though_deck_and_lead_both_give_it(tmp_path):
    # 蔡奇出席并讲话 (a deck line) and 主任蔡奇出席会议 (the lead): 出席 is the verb, not the name's end
    s = speech(tmp_path, "c.txt", f"""某某委员会召开全体会议
蔡奇出席并讲话
　　本报北京7月3日电  某某委员会7月3日在京召开第45次全体会议。委员会主任蔡奇出席会议并讲话。
　　{PROSE}
""")
    assert s.speaker == "蔡奇"
