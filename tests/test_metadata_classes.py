"""Metadata on files no rule was written against (issue 20): one synthetic example per class of miss,
read the way `searchkit index` reads a file (reader, page debris, paragraphs, rules)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from searchkit.ingest.readers import read_file  # noqa: E402
from searchkit.ingest.speeches import make_speech  # noqa: E402

PROSE = ("今年以来，我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，"
         "经济运行总体平稳、稳中有进，各项事业取得新的进展，人民群众获得感幸福感安全感不断增强。")


def speech(tmp_path: Path, name: str, text: str | bytes):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    documents = [d for d in read_file(tmp_path, path) if hasattr(d, "text")]
    return make_speech(documents[0])


# --- labelled header lines: stated, so they outrank what is inferred ----------------------

def test_labelled_title_media_and_publication_date_with_the_speech_day(tmp_path):
    s = speech(tmp_path, "讲话.txt", f"""标题：陈立新同志在全市优化营商环境大会上的讲话
媒体：要闻 - 某某市人民政府网
发布日期：2023-03-02 09:15（讲话发生日 2023-03-01）

同志们：
{PROSE}
{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("陈立新同志在全市优化营商环境大会上的讲话", "2023-03-01", "陈立新")


def test_labelled_subject_speaker_and_chinese_numeral_date(tmp_path):
    s = speech(tmp_path, "a.txt", f"""题目：关于加强调查研究的几点意见
讲话人：刘志远
时间：一九六二年一月三十日
场合：全省干部会议

　　{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("关于加强调查研究的几点意见", "1962-01-30", "刘志远")


def test_a_labelled_timestamp_is_the_page_date_not_the_speech_date(tmp_path):
    s = speech(tmp_path, "b.txt", f"""在全区教育工作会议上的讲话
（2021年8月30日）
日期：2021-09-02 10:30:00
{PROSE}
""")
    assert s.date == "2021-08-30"


# --- web snapshots whose top is the site's navigation -------------------------------------

def test_navigation_words_are_no_title_and_the_lead_dates_the_speech(tmp_path):
    s = speech(tmp_path, "snapshot.txt", f"""要闻动态 - 某某省人民政府网
简体
繁体
开启无障碍
首页
网上信访
政务公开
首页 > 新闻中心 > 要闻动态
李建国同志在全省科技创新大会上的讲话
发布时间：2023-05-09 10:20
来源：某某日报
【打印】
5月8日，省委、省政府召开全省科技创新大会，会议以电视电话会议形式开到县（市、区）。以下为省委书记李建国在大会上的讲话——
同志们：
{PROSE}
联系我们
主办单位：某某省人民政府办公厅
""")
    assert (s.title, s.date, s.speaker) == ("李建国同志在全省科技创新大会上的讲话", "2023-05-08", "李建国")


def test_page_title_repeated_as_the_headline_below_a_long_menu(tmp_path):
    menu = "\n".join(["首页", "党网 · 时政", "经济 · 科技", "社会 · 法治"] + [f"频道{i}" for i in range(60)])
    s = speech(tmp_path, "people.txt", f"""赵文华同志在全市城市更新工作会议上的讲话
{menu}
赵文华同志在全市城市更新工作会议上的讲话
2022年06月15日16:20 | 来源：某某日报
小字号
6月15日，市委、市政府召开全市城市更新工作会议。以下为市委书记赵文华在会上的讲话——
同志们：
{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("赵文华同志在全市城市更新工作会议上的讲话", "2022-06-15", "赵文华")


def test_r_unicode_escapes_and_a_download_banner_are_read_through(tmp_path):
    text = f"""更多TXT下载请访问：http://www.example.cn
中央政府门户网站　www.gov.cn　2006年02月16日　来源：新华网
2003年政府工作报告
——2003年3月5日在第十届全国人民代表大会第一次会议上
 <U+00A0><U+00A0><U+00A0> 国务院总理朱镕基
<U+00A0><U+00A0> 各位代表：
{PROSE}
"""
    s = speech(tmp_path, "2003.txt", text.encode("gb18030"))
    assert (s.title, s.date, s.speaker) == ("2003年政府工作报告", "2003-03-05", "朱镕基")
    assert all("<U+" not in p for p in s.paragraphs)


def test_heading_that_carries_its_date_in_brackets(tmp_path):
    s = speech(tmp_path, "140.md", f"""# 中共发言人关于时局的谈话（一九四九年一月二十八日）

　　{PROSE}
""")
    assert (s.title, s.date) == ("中共发言人关于时局的谈话", "1949-01-28")


# --- a report with no heading: the file name is the only title ------------------------------

def test_report_that_starts_with_its_salutation_is_titled_by_its_file_name(tmp_path):
    s = speech(tmp_path, "2020年工作报告.txt", f"""各位代表：
现在，我代表市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。
一、2019年工作回顾
{PROSE}
二、2020年工作安排
{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("2020年工作报告", None, None)


# --- front matter states the date; a footnote's date is another text's ---------------------

def test_front_matter_date_outranks_dates_cited_in_footnotes(tmp_path):
    s = speech(tmp_path, "a.md", f"""---
title: "何嘉欣：法治是香港的基石"
date: "2019-01-14"
author: "新聞記者"
---

# 何嘉欣：法治是香港的基石

香港律師會會長何嘉欣今日在法律年度開啟典禮上致辭，強調法治是香港的基石。

**致辭全文如下：**

{PROSE}

{PROSE}

註一：終審法院首席法官在2018年法律年度開啟典禮上的演辭（2018年1月8日）

註二：《基本法》第八十五條（1990年4月4日）
""")
    assert (s.date, s.speaker) == ("2019-01-14", "何嘉欣")


def test_front_matter_date_outranks_a_date_at_the_foot_of_the_text(tmp_path):
    s = speech(tmp_path, "b.md", f"""---
title: "中梵關係的歷史回顧"
date: "2018-09-23"
---

# 中梵關係的歷史回顧

{PROSE}

{PROSE}

（1951年3月7日）
""")
    assert s.date == "2018-09-23"


# --- a speaker named before a speech noun, or in an editor's note --------------------------

def test_name_opening_a_title_before_the_occasion_and_the_speech_noun(tmp_path):
    s = speech(tmp_path, "a.md", f"""---
title: "林志明國際記者會致詞全文"
date: "2020-01-12"
author: "新聞記者"
---

# 林志明國際記者會致詞全文

候選人林志明今(12)日偕同競選團隊召開國際記者會，致詞全文如下：

{PROSE}
""")
    assert s.speaker == "林志明"


def test_closing_statement_is_a_speech_noun(tmp_path):
    s = speech(tmp_path, "b.md", f"""---
title: "王海峰結案陳詞全文"
date: "2019-03-20"
author: "特約轉載"
---

# 王海峰結案陳詞全文

被告王海峰今早選擇自行結案陳詞，以下為陳詞全文。

{PROSE}
""")
    assert s.speaker == "王海峰"


def test_intro_saying_who_made_the_report_at_this_meeting(tmp_path):
    s = speech(tmp_path, "c.txt", f"""在全省农业工作会议上的报告
（一九六三年二月十日）
　　全省农业工作会议，一九六三年二月八日至十二日在省城举行。出席会议的有各地委书记和省直各部门负责人。刘志远在这次会议上所作的报告，总结了三年来农业工作的经验，提出了今后一个时期的任务。
　　{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("在全省农业工作会议上的报告", "1963-02-10", "刘志远")


def test_note_naming_the_report_by_its_own_title(tmp_path):
    s = speech(tmp_path, "d.md", f"""# 农村工作的几个问题
（一九六一年三月九日）

> 这是刘志远在全省三级干部会议上的报告《论当前形势》的一部分。

　　{PROSE}
""")
    assert s.speaker == "刘志远"



# --- a headline that opens with a slogan, and an introduction inside the lead paragraph -----

REPOST = """奋力开新局，再上新台阶！{headline}|要闻_某某订阅
首页
新闻
体育
首页 > 某某号 > 正文
奋力开新局，再上新台阶！{headline}
2023-01-30 17:30:48 来源: 某某发布
举报
1月29日，全市高质量发展大会召开，大会以视频形式开到各区县。以下为市委书记陈立新在大会上的讲话实录——
同志们，朋友们： {prose}{prose}
来源 | 某某日报
编辑 | 张三
"""


def test_name_after_a_slogan_in_the_headline(tmp_path):
    s = speech(tmp_path, "repost.txt", REPOST.format(headline="陈立新全市“开年第一会”讲话实录", prose=PROSE))
    assert (s.title, s.date, s.speaker) == ("奋力开新局，再上新台阶！陈立新全市“开年第一会”讲话实录", "2023-01-29", "陈立新")


def test_introduction_sentence_inside_the_lead_names_the_speaker(tmp_path):
    s = speech(tmp_path, "repost.txt", REPOST.format(headline="全市“开年第一会”讲话实录", prose=PROSE))
    assert (s.date, s.speaker) == ("2023-01-29", "陈立新")


def court(title: str, lead: str, date: str = "2021-09-09") -> str:
    return f"""---
title: "{title}"
date: "{date}"
author: "新聞記者"
---

# {title}

{lead}

法官閣下：

{PROSE}
"""


def test_pleas_and_defences_in_court_are_speech_nouns(tmp_path):
    for title, name in (("【集結案】王海峰陳情全文：縱使失去自由，我也無悔", "王海峰"),
                        ("【煽惑集會案】周慧敏自辯全文", "周慧敏"),
                        ("【中譯全文】何嘉欣陳詞：法律應侍奉人民　而非人民臣服法律", "何嘉欣")):
        s = speech(tmp_path, "a.md", court(title, "被告今日在庭上親自陳情。"))
        assert s.speaker == name, title


def test_foreign_name_before_the_speech_noun_in_a_headline(tmp_path):
    # jieba knows the name (克林頓/nr) though it opens with no Chinese surname
    s = speech(tmp_path, "a.md", court("【中譯】克林頓公布對華貿易政策發言全文", "美國前總統克林頓周五宣布一系列政策。"))
    assert s.speaker == "克林頓"
    # jieba does not know it: the text confirms it after an office (美國國務卿韋斯特伍德)
    s = speech(tmp_path, "b.md", court("〈自由世界的未來〉──韋斯特伍德美國對華政策演說全文中譯",
                                       "美國國務卿韋斯特伍德周四在加州發表有關中國的政策演說。"))
    assert s.speaker == "韋斯特伍德"


def test_name_between_its_organisation_and_its_office_in_a_title(tmp_path):
    s = speech(tmp_path, "a.txt", f"""中共中央刘志远主席关于时局的声明
（一九四九年一月十四日）
　　{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("中共中央刘志远主席关于时局的声明", "1949-01-14", "刘志远")


def test_header_dated_to_a_span_of_months_is_no_title_and_no_day(tmp_path):
    s = speech(tmp_path, "a.txt", f"""《农村调查》的序言和跋


（一九四一年三月、四月）


序


（一九四一年三月十七日）

　　{PROSE}

跋

（一九四一年四月十九日）

　　{PROSE}
""")
    assert (s.title, s.date) == ("《农村调查》的序言和跋", None)


def test_a_letters_signed_date_outranks_the_pages_front_matter(tmp_path):
    s = speech(tmp_path, "a.md", f"""---
title: "北京學者周慧敏的公開信全文"
date: "2019-01-28"
author: "新聞記者"
---

# 北京學者周慧敏的公開信全文

各位領導：

你們好！

{PROSE}

此致

敬禮！

周慧敏 2019年1月27日
""")
    assert (s.date, s.speaker) == ("2019-01-27", "周慧敏")


def test_the_leads_day_in_brackets_outranks_the_front_matter_publication_day(tmp_path):
    s = speech(tmp_path, "a.md", court("周慧敏請辭後演奏會上致詞　笑言重生",
                                       "港大醫學院院長周慧敏於日前公布請辭後，周一（22日）晚上現身公開活動，並在台上致詞。",
                                       date="2021-11-23"))
    assert (s.date, s.speaker) == ("2021-11-22", "周慧敏")
    s = speech(tmp_path, "b.md", court("周慧敏演奏會上致詞", "周慧敏今日在演奏會上致詞。", date="2021-11-23"))
    assert s.date == "2021-11-23"


# --- Selected Works and report headings: footnote marks, subtitles, spans of days, notes -----

def test_a_footnote_mark_is_no_part_of_the_title(tmp_path):
    s = speech(tmp_path, "a.txt", f"""关于平津战役⑴的作战方针


（一九四八年十二月十一日）

　　{PROSE}
""")
    assert (s.title, s.date) == ("关于平津战役的作战方针", "1948-12-11")


def test_second_heading_line_above_the_date_line_is_the_subtitle(tmp_path):
    s = speech(tmp_path, "a.txt", f"""当前位置： 首页>> 中国概况
1990年国务院政府工作报告
中央政府门户网站　www.gov.cn　　 2006年02月16日　　 来源：新华社
【字体：大 中 小】
1990年政府工作报告
关于1989年国民经济和社会发展计划执行情况与1990年计划草案的报告
——1990年3月20日在第七届全国人民代表大会第三次会议上
国务委员兼国家计划委员会主任刘志远
各位代表：
　　{PROSE}
　　一、1989年计划的执行情况
　　{PROSE}
　　关于1989年国民经济和社会发展计划执行情况与1990年计划草案的报告
　　{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("1990年政府工作报告", "1990-03-20", "刘志远")


def test_notes_that_open_with_the_author_or_name_how_he_spoke(tmp_path):
    s = speech(tmp_path, "a.txt", f"""中国农村各阶层的分析
（一九二六年一月一日）
　　刘志远此文是为反对当时党内存在着的两种倾向而写的。
　　{PROSE}
""")
    assert s.speaker == "刘志远"
    s = speech(tmp_path, "b.txt", f"""国民党进攻的真相
（一九四五年十一月五日）
　　这是刘志远以中共发言人的名义发表的谈话。
　　{PROSE}
""")
    assert s.speaker == "刘志远"


def test_an_interviews_turns_name_no_speaker(tmp_path):
    s = speech(tmp_path, "a.txt", f"""关于国际新形势对记者的谈话
（一九三九年九月一日）
　　记者问：{PROSE}
　　毛答：{PROSE}
""")
    assert s.speaker is None


def test_introduction_naming_the_speaker_before_the_speech_noun(tmp_path):
    for lead, name in (("**以下是中央社翻譯的周慧敏悼辭全文：**", "周慧敏"),
                       ("**以下是王海峰的賀辭全文：**", "王海峰"),
                       ("**以下為前港督何嘉欣錄影講話翻譯全文：**", "何嘉欣"),
                       ("美國前總統小韋斯頓周三在國葬上致悼辭。\n\n**以下是小韋斯頓悼辭全文：**", "小韋斯頓")):
        s = speech(tmp_path, "a.md", f"""---
title: "笑淚交織送別父親"
date: "2018-12-06"
author: "新聞記者"
---

# 笑淚交織送別父親

{PROSE}

{lead}

{PROSE}
""")
        assert s.speaker == name, lead


def test_name_right_before_a_speech_noun_in_a_headline(tmp_path):
    s = speech(tmp_path, "a.md", court("周慧敏公開信致教宗：為台灣找到生存發展空間乃當務之急",
                                       "總統府網站上載周慧敏總統日前寫給教宗的信函。"))
    assert s.speaker == "周慧敏"


def test_text_dump_that_kept_paragraph_tags(tmp_path):
    s = speech(tmp_path, "a.txt", f"""刘志远向2023年“读懂世界”国际会议致贺信 - 某某联播网
刘志远向2023年“读懂世界”国际会议致贺信
<p style="text-align: justify; text-indent: 2em;">新华社北京12月2日电 12月2日，国家主席刘志远向2023年“读懂世界”国际会议致贺信。</p>
<p style="text-align: justify; text-indent: 2em;">{PROSE}</p>
<p><br style="text-align: left;"></p>""")
    assert (s.title, s.date, s.speaker) == ("刘志远向2023年“读懂世界”国际会议致贺信", "2023-12-02", "刘志远")
    # a collector's file name that files it under another year does not date it
    again = speech(tmp_path, "2024_贺信_读懂世界.txt", (tmp_path / "a.txt").read_text(encoding="utf-8"))
    assert again.date == "2023-12-02"

# --- a saved page whose <title> is only the site's name ------------------------------------

SITE_PAGE = """<html><head><meta charset="utf-8"><title>某某市人民政府门户网站</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/ldjh/">领导讲话</a></div>
<div class="crumb">当前位置：首页 &gt; 领导讲话 &gt; 正文</div>
<div class="article">
<div class="title">在全市经济工作会议上的讲话</div>
<div class="info">（2022年12月26日）</div>
<div class="content"><p>市长　赵明华</p><p>同志们：</p><p>{prose}</p><p>{prose}</p></div>
</div>
<div class="footer">版权所有：某某市人民政府门户网站　地址：某某市人民路1号</div>
</body></html>"""


def test_site_name_title_gives_way_to_the_pages_heading(tmp_path):
    s = speech(tmp_path, "page.html", SITE_PAGE.format(prose=PROSE))
    assert (s.title, s.date, s.speaker) == ("在全市经济工作会议上的讲话", "2022-12-26", "赵明华")


def test_a_title_that_names_the_text_is_kept(tmp_path):
    page = SITE_PAGE.format(prose=PROSE).replace("<title>某某市人民政府门户网站</title>",
                                                 "<title>在全市经济工作会议上的讲话_某某市人民政府门户网站</title>")
    assert speech(tmp_path, "page.html", page).title == "在全市经济工作会议上的讲话"


# --- round 3: names completed, or cut short, from the text ----------------------------------

def test_a_short_name_is_not_completed_with_the_next_lines_footer(tmp_path):
    s = speech(tmp_path, "c.md", f"""---
title: "【草案說明全文】張成：依法推進有關工作"
date: "2020-05-22"
author: "新聞記者"
---

# 【草案說明全文】張成：依法推進有關工作

人大副委員長張成在會議上說明草案。

{PROSE}

人大常務委員會副委員長　張成

請加入成為本報的月費訂戶，長期支持我們的工作。
""")
    assert s.speaker == "張成"


def test_a_title_name_cut_at_a_word_end_is_completed_after_its_office(tmp_path):
    s = speech(tmp_path, "d.md", f"""---
title: "李家超首署任特首致辭　強調法治"
date: "2021-07-01"
author: "實習記者"
---

# 李家超首署任特首致辭　強調法治

今天酒會舉行，剛上任的政務司司長李家超以署理行政長官身份致辭。

{PROSE}
""")
    assert s.speaker == "李家超"


# --- round 3: an e-paper's issue date is the page's, the lead's day the event's -------------

def test_an_e_paper_edition_date_gives_way_to_the_leads_dateline_day(tmp_path):
    s = speech(tmp_path, "epaper.txt", f"""某某日报
-01版:要闻-2026年09月23日
王五向第十届技能论坛致贺信
某某日报
2026年09月23日
王五向第十届技能论坛致贺信
新华社北京9月22日电9月22日，国家主席王五向第十届技能论坛致贺信。
{PROSE}
""")
    assert s.date == "2026-09-22"


def test_a_bracketed_date_before_a_source_label_is_the_pages_stamp(tmp_path):
    s = speech(tmp_path, "stamp.txt", f"""李四在全市工作会议上的讲话
（ 2024-05-08 ） 稿件来源：某某日报 要闻
新华社某某5月6日电5月6日，市委书记李四在全市工作会议上发表讲话。
{PROSE}
""")
    assert s.date == "2024-05-06"


# --- round 3: speakers the text states in other words ----------------------------------------

def test_a_representative_before_the_colon_of_a_title_is_the_speaker(tmp_path):
    s = speech(tmp_path, "rep.md", f"""---
title: 某某大学->校友代表赵明远：母校助我远航 | example.edu
date: 2022-06-24 01:22:13.302580
---
**在某某大学2022年毕业典礼上的发言**

（2022年6月21日）

我是物理学院2003级硕士赵明远，现在在研究中心工作。

{PROSE}
""")
    assert s.speaker == "赵明远"


def test_a_note_names_the_author_of_the_text_by_its_title(tmp_path):
    s = speech(tmp_path, "note.txt", f"""矛盾论


（一九三七年八月）

　　在党内，曾经有一部分同志长期拒绝经验，只生吞活剥书籍中的只言片语。这两类同志的错误思想，曾经使得事业受了损失。李明远的《矛盾论》，是为着揭露这些错误而写的。李明远曾以这篇论文的观点作过讲演。

　　{PROSE}
""")
    assert s.speaker == "李明远"


def test_a_full_text_tag_then_a_phrase_of_name_occasion_and_speech_noun(tmp_path):
    s = speech(tmp_path, "tag.md", f"""---
title: "【中譯全文】索羅斯達沃斯世界經濟論壇發言：習近平是自由社會最危險敵人"
date: "2019-01-25"
author: "特約轉載"
---

# 【中譯全文】索羅斯達沃斯世界經濟論壇發言：習近平是自由社會最危險敵人

{{{{< video src="https://web.archive.org/web/2021/https://www.youtube.com/embed/7ZGoXP-BWoc" >}}}}

### [索羅斯演說英文全文](https://web.archive.org/web/20210629002401/https://bit.ly/2WexSvj)

[【相關新聞】索羅斯：習近平是自由社會最危險敵人　促美打擊華為中興](https://example.org/y)

我想今天晚上向世界發出警告。

{PROSE}
""")
    assert s.speaker == "索羅斯"


# --- round 3: titles and dates of web pages ---------------------------------------------------

def test_a_title_set_on_two_lines_above_its_subtitle_keeps_both_phrases(tmp_path):
    s = speech(tmp_path, "two.txt", f"""新华社北京10月27日电
坚定信心迎难而上
奋力开创事业发展新局面
——在全市干部大会上的报告
（2017年10月18日）
王五
同志们：
{PROSE}
""")
    assert s.title == "坚定信心迎难而上 奋力开创事业发展新局面"


def test_a_pages_search_label_is_no_salutation_and_the_wires_dateline_dates_the_repost(tmp_path):
    menu = "\n".join(["首页", "新闻", "搜索热词：", "政务公开", "办事服务", "互动交流"])
    s = speech(tmp_path, "portal.txt", f"""国家主席王五发表二〇二五年新年贺词 - 某某市人民政府门户网站
{menu}
国家主席王五发表二〇二五年新年贺词
2025-01-01
来源：新华社
新年前夕，国家主席王五通过广播电视和互联网，发表二〇二五年新年贺词。
新华社北京12月31日电 新年前夕，国家主席王五发表了二〇二五年新年贺词。全文如下：
{PROSE}
""")
    assert (s.title, s.date) == ("国家主席王五发表二〇二五年新年贺词", "2024-12-31")


def test_a_note_naming_one_part_of_a_text_or_a_circular(tmp_path):
    s = speech(tmp_path, "part.md", f"""# 关于纠正军内的错误思想
（一九二九年十二月）

> 这是李明远为某某军第九次代表大会写的决议的第一部分。军队的建设，是经过了艰难的道路的。

　　{PROSE}
""")
    assert s.speaker == "李明远"
    s = speech(tmp_path, "circular.md", f"""# 关于情况的通报
（一九四八年三月二十日）

> 这是李明远为中共中央写的对党内的通报。在这以后，中央就离开了边区。

　　{PROSE}
""")
    assert s.speaker == "李明远"


def test_a_note_whose_subject_is_the_authors_work(tmp_path):
    s = speech(tmp_path, "work.md", f"""# 战争的战略问题
（一九三六年十二月）

> 李明远的这部著作，是为着总结国内战争的经验而写的，当时曾在红军大学作过讲演。

　　{PROSE}
""")
    assert s.speaker == "李明远"


def test_a_note_that_names_the_text_first_and_then_its_maker(tmp_path):
    s = speech(tmp_path, "doc.md", f"""# 怎样分析村里的阶级
（一九三三年十月）

> 这个文件，是李明远一九三三年十月为纠正工作中发生的偏向而写的，曾由当时的政府通过。

　　{PROSE}
""")
    assert s.speaker == "李明远"


def test_a_note_that_dates_the_talk_between_the_name_and_the_verb(tmp_path):
    s = speech(tmp_path, "talk.md", f"""# 论长期的工作
（一九三八年五月）

> 这是李明远一九三八年五月二十六日至六月三日在某某研究会的讲演。

　　{PROSE}
""")
    assert s.speaker == "李明远"


def test_a_note_whose_sentence_says_its_subject_wrote_this_text(tmp_path):
    s = speech(tmp_path, "wrote.md", f"""# 游击工作的战略问题
（一九三八年五月）

> 工作初期，党内和党外都有许多人轻视这项工作的作用。李明远批驳了这种观点，同时写了这篇文章，指出它的地位。

　　{PROSE}
""")
    assert s.speaker == "李明远"


def test_a_title_of_a_name_taking_or_leaving_an_office_and_the_speech(tmp_path):
    s = speech(tmp_path, "farewell.md", f"""---
title: "杜魯多卸任加拿大總理告別演說"
date: "2021-01-20"
author: "特約轉載"
---

# 杜魯多卸任加拿大總理告別演說

各位同胞，今天是我任內最後一天。

{PROSE}
""")
    assert s.speaker == "杜魯多"


def test_a_verb_after_a_short_name_is_not_its_end(tmp_path):
    s = speech(tmp_path, "verb.md", f"""---
title: 某某大学->党委副书记张强在全省学生资助工作会上做交流发言 | example.edu
date: 2022-04-23 01:22:13.302580
---
4月22日，全省学生资助工作会议召开。党委副书记张强参会并作交流发言。

{PROSE}
""")
    assert s.speaker == "张强"


def test_a_group_word_jieba_tags_as_a_name_is_no_speaker(tmp_path):
    s = speech(tmp_path, "group.md", f"""---
title: 某某大学->师生热议习近平总书记在庆祝建团百年大会上的重要讲话 | example.edu
date: 2022-05-11 01:22:13.302580
---
5月10日，庆祝大会在北京隆重举行。我校师生通过网络收看大会直播，引领全校广大青年师生弘扬践行青年精神。

{PROSE}
""")
    assert s.speaker != "师生"


def test_news_of_a_speech_contest_has_no_speaker_from_its_captions(tmp_path):
    s = speech(tmp_path, "contest.md", f"""---
title: 某某大学->公共管理学院举行“党的故事我来讲”新生演讲比赛 | example.edu
date: 2021-11-24 01:22:56.345215
---
比赛现场

况广开同学演讲

参赛人员合影

为庆祝中国共产党成立100周年，11月20日，公共管理学院举行新生演讲比赛，16位选手依次进行现场展示。

{PROSE}
""")
    assert s.speaker is None


def test_words_after_an_office_that_open_or_end_like_no_name(tmp_path):
    s = speech(tmp_path, "visa.md", f"""---
title: "FCC副主席被拒續工作簽證　眾志批「鎖港」"
date: "2018-10-05"
author: "新聞記者"
---

# FCC副主席被拒續工作簽證　眾志批「鎖港」

外國記者會副主席被拒續工作簽證，多個團體發表聲明。

{PROSE}
""")
    assert s.speaker is None
    s = speech(tmp_path, "letter.md", f"""---
title: "致陳肇始局長的公開信"
date: "2018-01-09"
author: "投稿"
---

# 致陳肇始局長的公開信

{PROSE}
""")
    assert s.speaker is None
