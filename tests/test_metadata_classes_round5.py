"""Metadata classes of the fifth round (issue 20): one synthetic example per class of miss, read the
way `searchkit index` reads a file (reader, page debris, paragraphs, rules)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402

_FOOT = "\n---\n\n請加入成為本報的月費訂戶，長期支持我們的工作。\n"


def _hk(title: str, date: str, lead: str, body: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: "{date}"\nauthor: "記者"\n---\n\n# {title}\n\n{lead}\n\n{body}\n{_FOOT}'


def test_a_speech_on_a_weekday_before_the_page_s_day_and_no_weekday_in_the_name(tmp_path):
    # the page of Friday 2019-10-25 tells of a speech on 周四: Thursday 2019-10-24
    s = speech(tmp_path, "a.md", _hk("高飛演說中文翻譯全文", "2019-10-25",
               "外國副總統高飛周四發表有關兩國關係的演說，以下是通訊社翻譯的演說中文譯本，以及官方網頁的演說原文，供讀者參考。",
               "謝謝大家的熱烈歡迎。我很榮幸來到這個中心，與各位傑出的學者見面，討論兩國關係的未來。"))
    assert (s.date, s.speaker) == ("2019-10-24", "高飛")


def test_a_weekday_announcement_on_a_page_of_the_next_day(tmp_path):
    s = speech(tmp_path, "b.md", _hk("【中譯】李小明公布新政策發言全文", "2020-05-30",
               "外國總統李小明周五宣布有關貿易的一系列政策及方向，《某報》全文翻譯該篇發言，白宮還未有公布發言的文本。",
               "非常感謝你們。下午好。我今天在這裏談談我們與各國的關係以及幾項措施。"))
    assert s.date == "2020-05-29"


def test_a_rally_on_a_bracketed_weekday_where_a_video_speech_was_shown(tmp_path):
    s = speech(tmp_path, "c.md", _hk("流亡海外　張小華首度露面以短片講話：「盡快將議題國際化」", "2019-08-17",
               "學界聯同討論區的團隊周五（16日）晚在某花園舉辦「主權在民」集會，並提出兩大訴求，促請外國政府關注有關問題。",
               "集會嘉賓之一、前議員王美玲表示，要繼續與國際溝通。\n\n曾在議事廳發表宣言的張小華，今日亦首次公開現身，透過影片發表講話，他說，他會選擇延續運動。張小華指出，工作仍然非常薄弱。"))
    assert (s.date, s.speaker) == ("2019-08-16", "張小華")


def test_a_weekday_that_does_not_tell_of_the_speech_leaves_the_page_s_day(tmp_path):
    # the lead's weekday is another event's (a deadline), not the speech's
    s = speech(tmp_path, "d.md", _hk("陳大文演說全文", "2019-10-25",
               "政府要求對方在周五前關閉駐當地領事館，這一前所未有的做法，令兩國關係更加緊張，各方高度關注事態發展。",
               "謝謝大家。我很榮幸來到這裏，與各位見面，討論兩國關係的未來。"))
    assert s.date == "2019-10-25"


def _post(title: str, stamp: str, lead: str) -> str:
    return f"---\ntitle: 某某大学->{title} | example.edu\ndate: {stamp}\n---\n{lead}\n\n{PROSE}\n"


def test_a_lecture_day_after_an_opening_clause(tmp_path):
    s = speech(tmp_path, "p1.md", _post("校友王大明为师生作线上讲座", "2022-05-27 01:22:00.137795",
               "值我校113周年校庆来临之际，5月25日，我校校友王大明通过直播平台为我校师生作了题为《诗与远方》的文化讲座。"
               "讲座共分五个部分，王大明校友从文明的视角分别进行了解读。"))
    assert s.date == "2022-05-25"


def test_a_name_after_a_role_before_a_lecture_in_the_title(tmp_path):
    lead = "5月12日，我校研究院院长{n}教授在市委学习会上作了专题辅导讲座。{n}教授从四个方面作了报告，与会人员认为讲座内容丰富。"
    s = speech(tmp_path, "p2.md", _post("我校李小爽教授受邀在市委理论学习中心组学习会上作专题辅导讲座",
                                        "2022-05-16 01:22:26.158566", lead.format(n="李小爽")))
    assert s.speaker == "李小爽"
    s = speech(tmp_path, "p3.md", _post("我校校友、诗人屈小星为师生作线上文化讲座", "2022-05-27 01:22:00.137795",
                                        "5月25日，我校校友、诗人屈小星通过直播为我校师生作了文化讲座。屈小星校友从文明的视角进行了解读。"))
    assert s.speaker == "屈小星"
    s = speech(tmp_path, "p4.md", _post("党委副书记张小强做“励志启航成就精彩人生”专题讲座", "2022-05-17 01:22:02.963632",
                                        "日前，校党委副书记张小强为训练营营员讲授了专题讲座。活动由李静波主持。张小强旁征博引，带领同学们深刻认识大变局。"))
    assert s.speaker == "张小强"


def test_a_name_in_a_lecture_title_the_text_never_gives_again_is_not_the_speaker(tmp_path):
    s = speech(tmp_path, "p5.md", _post("我校王小明教授受邀作专题讲座", "2022-05-16 01:22:26.158566",
                                        "5月12日，学校举办专题讲座。与会人员认为讲座内容丰富，脉络清晰，具有很强的启发和指导作用。"))
    assert s.speaker is None
