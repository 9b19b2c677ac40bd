"""Metadata classes of the sixth round, part b (issue 20): one synthetic example per class of miss, read
the way `searchkit index` reads a file (reader, page debris, paragraphs, rules)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402


def _work(title: str, date: str, *paras: str) -> str:
    return "\n\n".join([f"# {title}", date, *paras, PROSE])


def test_a_note_after_a_markdown_list_marker(tmp_path):
    # `> * 这是…` / `* 这是…`: a list item is no part of the note it holds
    for i, mark in enumerate(("> * ", "* ", "- ")):
        s = speech(tmp_path, f"n{i}.md", _work("以自卫战争粉碎进攻", "（一九四六年七月二十日）",
                                               f"{mark}这是毛泽东为中共中央起草的对党内的指示。一九四五年协定签订后对方就不断地破坏这个协定。",
                                               "（一）对方破坏停战协定，破坏政协决议，现在又大举进攻。"))
        assert s.speaker == "毛泽东", mark


def test_a_letter_signed_with_its_name_and_place(tmp_path):
    text = "\n\n".join(["# 时局估量和行动问题", "1930年1月5日", "林小彪同志：",
                        "新年已经到来几天了，你的信我还没有回答。" + PROSE, "我的不对的地方，请你指正。",
                        "毛泽东于上杭古田", "感谢 某某 录入及校对"])
    s = speech(tmp_path, "l.md", text)
    assert (s.date, s.speaker) == ("1930-01-05", "毛泽东")
    # a closing sentence naming a place is no signature
    text = "\n\n".join(["# 时局估量和行动问题", "1930年1月5日", "同志们：", PROSE, "会议于北京闭幕。"])
    assert speech(tmp_path, "m.md", text).speaker is None


def test_a_note_saying_the_text_was_collected_in_an_anthology(tmp_path):
    s = speech(tmp_path, "a.md", _work("五四运动", "（1939年5月1日）",
                                       "录入者注：本文刊载于《解放》第4卷第70期第9页，后收入《毛选》。删去了一些论调。"))
    assert s.speaker == "毛泽东"
    s = speech(tmp_path, "b.md", _work("论青年运动", "（1939年5月4日）",
                                       "编者注：此文原载《中国青年》第1卷第3期，后收入《刘少奇选集》上卷。"))
    assert s.speaker == "刘少奇"
    # a text that cites the collection says nothing of its own author
    s = speech(tmp_path, "c.md", _work("学习的方法", "（1960年5月4日）",
                                       "同志们要认真学习《毛选》，学习其中的立场、观点和方法，联系实际，学以致用。"))
    assert s.speaker is None


def _post(title: str, stamp: str, *paras: str) -> str:
    return "\n\n".join([f"---\ntitle: 某某大学->{title} | example.edu\ndate: {stamp}\n---", *paras, PROSE]) + "\n"


def test_a_byline_split_over_two_lines_before_the_lead_s_day(tmp_path):
    s = speech(tmp_path, "p.md", _post("王小庆讲授党史学习教育专题党课", "2021-09-16 01:24:49.059510",
                                       "**某某新闻网讯** （记者 张小军 摄影 宗小琪",
                                       "王小琦）9月10日，校党委书记王小庆讲授党史学习教育专题党课。校党委副书记杨小欣主持党课报告会。"))
    assert s.date == "2021-09-10"


def test_a_name_after_a_kinship_phrase_in_the_title(tmp_path):
    s = speech(tmp_path, "k.md", _post("中共一大代表陈大秋之子陈小远寄语青年学子：为民服务 行稳致远",
                                       "2022-10-21 01:24:49.296348",
                                       "10月16日，陈小远教授与青年学子一起收看了大会开幕会。陈小远说，每一次党代会的召开都意义重大。"))
    assert s.speaker == "陈小远"


def test_a_first_publication_link_dates_a_crawled_post(tmp_path):
    link = "[转入文章首发地址](http://news.example.edu.cn/ywsd/system/2021/05/25/030046230.shtml)"
    s = speech(tmp_path, "f.md", _post("江小涓做客某某演讲“数字时代的公共治理”", "2021-09-10 17:39:51.261849",
                                       "**某某新闻网讯**（通讯员 景小苑 摄影 韦小金）5月21日，清华大学公共管理学院院长江小涓做客某某讲坛，为师生作报告。",
                                       link))
    assert s.date == "2021-05-21"
    # with no day in the lead the post is dated by its first publication, not by the crawl
    s = speech(tmp_path, "g.md", _post("学校召开工作会议", "2021-09-10 17:39:51.261849",
                                       "学校近日召开工作会议，部署下一阶段的重点工作，与会人员进行了深入交流和讨论。", link))
    assert s.date == "2021-05-25"


def _hk(title: str, date: str, *paras: str) -> str:
    head = f'---\ntitle: "{title}"\ndate: "{date}"\nauthor: "特約轉載"\n---\n\n# {title}'
    return "\n\n".join([head, *paras, "---\n\n請加入成為本報的月費訂戶，長期支持我們的工作。"]) + "\n"


def test_a_full_text_title_of_a_name_and_its_speech_noun_whose_text_is_in_the_first_person(tmp_path):
    # 戴耀廷結案陳詞全文: the text never names its speaker again (我站在這裏…), the headline does
    s = speech(tmp_path, "f.md", _hk("王小明結案陳詞全文", "2018-12-12",
                                     "首先，這是一宗公民抗命的案子。我站在這裏，就是為了公民抗命。我與兩位朋友一起發起了這場運動，"
                                     "在以前，少有香港人認識公民抗命的意義，今天我希望法庭明白我們的動機。"))
    assert s.speaker == "王小明"
    # …but a headline that is no name before the noun names nobody
    s = speech(tmp_path, "g.md", _hk("法律年度開啟典禮致辭全文", "2018-01-08",
                                     "首先，我要感謝各位出席今天的典禮。我站在這裏，就是為了法治。在以前，少有人關心法律年度的意義，"
                                     "今天我希望大家明白我們的工作。"))
    assert s.speaker is None


def test_footnote_marks_in_a_heading(tmp_path):
    # …战役[1]的作战方针 and a heading's own note mark (…工作队*) are no part of the title
    s = speech(tmp_path, "t1.md", _work("关于辽沈战役[1]的作战方针", "（一九四八年九月、十月）",
                                        "（一）我们决心全力打锦州，此战必胜，望你们照此部署。"))
    assert s.title == "关于辽沈战役的作战方针"
    s = speech(tmp_path, "t2.md", _work("把军队变为工作队*", "（一九四九年二月八日）",
                                        "（一）军队不但是一个战斗队，而且主要地是一个工作队。"))
    assert s.title == "把军队变为工作队"


def test_a_note_marked_by_an_asterisk(tmp_path):
    # *这是…: the asterisk ties the note to the heading's mark; it opens the note, not a list
    s = speech(tmp_path, "a1.md", _work("整顿作风", "（一九四二年二月一日）",
                                        "*这是毛泽东在中共中央党校开学典礼上的演说。", "党校今天开学，我庆祝这个学校的成功。"))
    assert s.speaker == "毛泽东"


def test_a_dotted_date_under_the_heading_is_no_name(tmp_path):
    s = speech(tmp_path, "d1.md", _work("中国革命与中国共产党", "一九三九・一二・一五",
                                        "> 【编者按：从这篇原文可以看到，选集中这篇文章有删改。】", "第一章 中国社会"))
    assert s.speaker is None


def test_a_congress_delegate_giving_a_talk_and_the_host_of_it(tmp_path):
    # 党的二十大代表骆婷…作宣讲报告: a delegate is a role before the name; the host (…主持报告会) is not the speaker
    s = speech(tmp_path, "h.md", _post("党的二十大代表王小婷应邀在总务部作宣讲报告", "2022-12-03 01:20:00.000000",
                                       "报告会现场", "党的二十大代表王小婷作宣讲报告", "总务部党委书记、部长陈小元主持报告会",
                                       "12月1日，党的二十大代表王小婷应邀在总务部作宣讲报告。王小婷结合自身经历，深入解读了大会精神。"))
    assert s.speaker == "王小婷"
    s = speech(tmp_path, "h1.md", _post("党的二十大代表骆婷应邀在总务部作宣讲报告", "2022-12-03 01:20:00.000000",
                                        "12月1日，党的二十大代表骆婷应邀在总务部作宣讲报告。骆婷结合自身经历，深入解读了大会精神。"))
    assert s.speaker == "骆婷"
    # …but a host who also speaks is the speaker
    s = speech(tmp_path, "h2.md", _post("校长李小明主持召开工作会议并讲话", "2022-12-03 01:20:00.000000",
                                        "12月1日，学校召开工作会议，校长李小明主持会议并讲话，对下一阶段工作作出部署。"))
    assert s.speaker == "李小明"


def test_a_lecturer_after_a_long_role_who_came_to_the_school(tmp_path):
    s = speech(tmp_path, "r.md", _post("中国社区生态保护专家彭小奎博士受邀来校开展学术讲座", "2023-03-10 01:20:00.000000",
                                       "3月7日下午，受环境学院邀请，中国社区生态保护专家彭小奎博士在成都校区为师生作学术讲座。"
                                       "彭小奎介绍了生物多样性保护的最新进展。"))
    assert s.speaker == "彭小奎"


def test_a_lecture_title_naming_only_the_office_that_the_lead_names(tmp_path):
    s = speech(tmp_path, "o.md", _post("烈士陵园管理所所长为生科学子讲授爱国主义专题讲座", "2022-04-27 01:20:00.000000",
                                       "4月22日，生命科学学院团委邀请保护中心主任、烈士陵园管理所所长袁小涛，为大学生志愿者讲授爱国主义专题讲座。"
                                       "袁小涛以“如何做一名合格的志愿者”为主题，提出两大关键词。"))
    assert s.speaker == "袁小涛"


def test_a_one_character_verb_after_a_name_is_no_part_of_it(tmp_path):
    # 鄒幸彤發公開信…: 發 (issues) begins the verb phrase, the name is 鄒幸彤
    s = speech(tmp_path, "v.md", _hk("鄒小彤發公開信反對聯會自行解散　不願抗爭歷史被弱化", "2021-09-23",
                                     "聯會將於周六舉行大會表決解散動議，還押中的聯會副主席鄒小彤發公開信，坦言自己選擇不支持解散。"))
    assert s.speaker == "鄒小彤"


def test_a_span_of_months_under_the_heading_is_no_title(tmp_path):
    # （一九五O年十二月――一九五一年九月）: a span of months (with a letter O for the zero), not a title and a date
    # …nor is the number of its first part, dated below it (一 / …。 / （一九五○年十二月十九日）)
    s = speech(tmp_path, "s1.md", _work("镇压反革命必须打得稳，打得准，打得狠", "（一九五O年十二月――一九五一年九月）",
                                        "* 这是毛泽东同志为中共中央起草的关于镇压反革命运动的一些重要指示。", "一",
                                        "对镇压反革命分子，请注意打得稳，打得准，打得狠。", "（一九五○年十二月十九日）"))
    assert (s.title, s.date, s.speaker) == ("镇压反革命必须打得稳，打得准，打得狠", None, "毛泽东")


def test_a_breadcrumb_of_the_archive_above_the_title(tmp_path):
    # 中文马克思主义文库 -> 毛泽东　　　　相关链接：…: the archive's path and its links, not the title
    # (on the line above the title, with no blank line between: no wrapped paragraph either)
    text = "\n\n".join(["中文马克思主义文库 -> 毛泽东　　　　毛选二卷删改版：中国共产党在民族战争中的地位\n"
                        "抗日民族战争与抗日民族统一战线发展的新阶段", "――一九三八年十月十二日至十四日在中共扩大的六中全会的报告",
                        "> 编者按：本文是原文。", PROSE])
    assert speech(tmp_path, "b1.md", text).title == "抗日民族战争与抗日民族统一战线发展的新阶段"


def test_an_archive_s_breadcrumb_ending_in_its_author(tmp_path):
    # 中文马克思主义文库 -> 毛泽东: the archive files the text under its author
    text = "\n\n".join(["中文马克思主义文库 -> 毛泽东　　　　毛选二卷删改版：中国共产党在民族战争中的地位",
                        "抗日民族战争与抗日民族统一战线发展的新阶段", "――一九三八年十月十二日至十四日在中共扩大的六中全会的报告",
                        "同志们，我代表中央政治局向扩大的六中全会作报告，我准备说些什么呢？我要说的分为下述几部分。", PROSE])
    assert speech(tmp_path, "c1.md", text).speaker == "毛泽东"
