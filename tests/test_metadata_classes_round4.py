"""Metadata classes of the fourth round (issue 20): one synthetic example per class of miss, read the
way `searchkit index` reads a file (reader, page debris, paragraphs, rules)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402


def test_a_page_that_runs_caption_dateline_title_date_office_and_name_together(tmp_path):
    # a saved page whose text lost its line breaks: all of the header and the body on one line
    line = ("3月6日，王五代表省政府在省十四届人大三次会议上作《政府工作报告》。\u00a0新华社记者张三摄\u00a0"
            "新华社南京3月12日电政府工作报告——2023年3月6日在省第十四届人民代表大会第三次会议上"
            "省长\u00a0王五各位代表：现在，我代表省人民政府，向大会报告工作，请予审议。" + PROSE * 3)
    s = speech(tmp_path, "2023.txt", "\r\r\n   \r\r\n\t\t" + line + "\r\r\n")
    assert (s.title, s.date, s.speaker) == ("政府工作报告", "2023-03-06", "王五")


def test_an_editors_note_that_calls_the_text_a_draft(tmp_path):
    s = speech(tmp_path, "115.txt", f"""关于目前党的政策中的几个重要问题


（一九四八年一月十八日）

　　这是毛泽东为中共中央起草的决定草案。这个文件经过中央会议讨论通过。

　　{PROSE}
""")
    assert (s.date, s.speaker) == ("1948-01-18", "毛泽东")


def test_a_speaker_label_before_the_name_in_a_title_and_the_forum_day_in_the_intro(tmp_path):
    s = speech(tmp_path, "forum.md", """---
title: "城市管治論壇：講者陳大文演說全記錄"
date: "2017-04-08"
author: "記者"
---

# 城市管治論壇：講者陳大文演說全記錄

{{< video src="https://example.org/embed/x" >}}

李四當選第五任主席。《本報》4月3日舉辦公開論壇，邀請四位講者出席，剖析選舉及影響。《本報》全程錄影，讓沒有到場的讀者也不會錯過。

---

請加入成為本報的月費訂戶，長期支持我們的工作。
""")
    assert (s.date, s.speaker) == ("2017-04-03", "陳大文")


def test_a_lecture_report_dated_in_its_second_paragraph_with_a_crawl_time_and_a_message_title(tmp_path):
    s = speech(tmp_path, "post.md", f"""---
title: 某某大学->王大明院士寄语青年学子：勇攀高峰 | example.edu
date: 2022-04-12 01:21:52.086163
---
王大明院士正在给本科生上通识课

**某某新闻网讯** （记者

李四）“几十年前，我还在读中学的时候就听说过这所大学，所以我对这里有着非常好的印象……这里培养了很多优秀的科学工作者。”

4月8日，某某大学通识选修课《医学前沿》迎来了一位重磅嘉宾——著名医学专家、中国工程院院士王大明。

{PROSE}
""")
    assert (s.date, s.speaker) == ("2022-04-08", "王大明")


def test_a_university_post_dated_by_its_crawl_time_and_the_lead_s_day(tmp_path):
    s = speech(tmp_path, "post2.md", f"""---
title: 某某大学->刘小江在全省青年工作座谈会上发言 | example.edu
date: 2022-05-12 01:22:02.192060
---
5月11日，全省青年工作座谈会在成都召开。座谈会深入学习有关精神，部署下一阶段工作，动员全省广大青年奉献青春力量。

{PROSE}
""")
    assert (s.date, s.speaker) == ("2022-05-11", "刘小江")


def test_news_whose_title_gives_a_name_s_words_after_a_colon_and_the_text_says_they_spoke(tmp_path):
    s = speech(tmp_path, "tw.md", f"""---
title: "【大選】陳水清登記黨內初選：不做第二個某地"
date: "2019-03-18"
author: "記者"
---

# 【大選】陳水清登記黨內初選：不做第二個某地

前院長陳水清周一上午到黨中央登記角逐黨內初選。他說，面對壓力處境更加險峻。

陳水清表示，去年選舉大敗後，他辭去院長，投入補選工作。{PROSE}
""")
    assert s.speaker == "陳水清"
    # …but a title with a name that the text never has saying anything names no speaker
    s = speech(tmp_path, "tw2.md", f"""---
title: "陳水清登記黨內初選：選情膠著"
date: "2019-03-18"
author: "記者"
---

# 陳水清登記黨內初選：選情膠著

前院長陳水清周一上午到黨中央登記角逐黨內初選，選情膠著。

{PROSE}
""")
    assert s.speaker is None
