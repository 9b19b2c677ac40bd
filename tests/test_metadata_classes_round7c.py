"""Metadata classes read from an independent set (issue 20) once it had been scored: saved pages whose
<title> is an organisation's name, titles that announce a publication or carry the speaker after a
dash, and names cut short by a word after them. One synthetic example per class, read the way
`searchkit index` reads a file."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402

LETTER_PAGE = """<html><head><meta charset="utf-8"><title>{site}</title></head><body>
<div class="top"><img src="logo.gif" alt="logo"></div>
<div class="path">首頁 &gt; 學校簡介 &gt; 校長的話</div>
<div class="list"><a href="w1.php">一月份數算主恩 展望將來 (2014-02-15)</a> <a href="w2.php">十二月份普天同慶 (2014-02-15)</a></div>
<div class="content"><div class="subject">數算主恩 展望將來</div>
<p>各位親愛的家長:</p><p>{prose}</p><p>{prose}</p><p>{prose}</p>
<p>校長</p><p>李大文</p><p>二零一四年一月三日</p></div>
<div class="foot">版權所有 {site}</div></body></html>"""


def test_a_page_title_that_is_only_an_organisation_s_name_is_no_title(tmp_path):
    for site in ("聖公會某某小學 S.K.H. Mou Mou Primary School", "某某中學校友會", "某某科技有限公司"):
        s = speech(tmp_path, "letter.html", LETTER_PAGE.format(site=site, prose=PROSE))
        assert s.title == "數算主恩 展望將來", site


def test_a_letter_signed_with_the_name_before_the_office_and_dated_below(tmp_path):
    s = speech(tmp_path, "letter.txt", f"""數算主恩 展望將來
各位親愛的家長:
{PROSE}
{PROSE}
李大文校長
二零一四年一月三日
""")
    assert (s.date, s.speaker) == ("2014-01-03", "李大文")


def test_a_letter_of_congratulation_is_no_name(tmp_path):
    # 贺信 is 贺 + 信 to a surname test
    s = speech(tmp_path, "a.txt", f"王大明致信祝贺首届某某论坛开幕强调\n贺信\n新华社北京6月7日电 首届某某论坛7日开幕，国家主席王大明发来贺信。\n{PROSE}\n")
    assert s.speaker == "王大明"



def test_a_title_announcing_a_publication_gives_way_to_the_text_s_own_heading(tmp_path):
    s = speech(tmp_path, "post.md", f"""---
title: 某某大学->《求是》杂志发表王大明总书记重要文章《在中央某某工作会议上的讲话》 | example.edu
date: 2021-10-16 01:22:00
---
# 《求是》杂志发表王大明总书记重要文章《在中央某某工作会议上的讲话》

新华社北京10月15日电 10月16日出版的第20期《求是》杂志将发表王大明总书记的重要文章《在中央某某工作会议上的讲话》。

在中央某某工作会议上的讲话

（2021年10月13日）

王大明

{PROSE}

{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("在中央某某工作会议上的讲话", "2021-10-13", "王大明")


def test_a_page_title_with_the_office_and_name_after_a_dash(tmp_path):
    page = ('<html><head><meta charset="utf-8"><title>某某保险股份有限公司高峰会欢迎词——某某人寿陕西分公司总经理 王大明</title>'
            f'</head><body><div class="content"><p>尊敬的各位来宾：</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></body></html>')
    s = speech(tmp_path, "detail3.html", page)
    assert (s.title, s.speaker) == ("某某保险股份有限公司高峰会欢迎词", "王大明")


def test_a_front_matter_date_under_another_key_and_in_chinese_numerals(tmp_path):
    s = speech(tmp_path, "a.md", f"""---
title: 必须强调团结和进步
volume: 2
year: 1940
date_text: 一九四〇年二月七日
---

# 必须强调团结和进步
{PROSE}

{PROSE}
""")
    assert s.date == "1940-02-07"


def test_an_editor_s_note_broken_over_two_lines_by_pdf_extraction(tmp_path):
    s = speech(tmp_path, "a.md", f"""# 关于某某战役的作战方针
⑴关于某某战役部署，现在提出几点意见，供你们考虑。

（一）{PROSE}

*这是王大明同志为某某委员会起草的给某某野战军和中原

野战军、某某局和中原局的电报。某某战役是解放战争中有决定意义的战役之一。

（二）{PROSE}
""")
    assert s.speaker == "王大明"


def test_a_reading_site_s_front_matter_title_around_the_text_s_own_heading(tmp_path):
    for stated, heading in (("在某某边区参议会的演说全文在线阅读 - 毛泽东选集第三卷", "在某某边区参议会的演说"),
                            ("实践论全文 - 认识与实践辩证关系 | 毛选第一卷在线阅读", "实践论")):
        s = speech(tmp_path, "a.md", f"---\ntitle: {stated}\ndescription: 《{heading}》完整原文\n---\n# {heading}  \n"
                                     f"（一九四一年十一月六日）  \n\n　　{PROSE}\n　　{PROSE}\n")
        assert (s.title, s.speaker) == (heading, "毛泽东"), stated


def test_a_gbk_copy_that_saved_the_space_between_office_and_name_as_a_question_mark(tmp_path):
    text = f"2014国务院政府工作报告\n新华社北京3月14日电\n政府工作报告\n——2014年3月5日在第十二届全国人民代表大会第二次会议上\n国务院总理?王大明\n各位代表：\n{PROSE}\n"
    s = speech(tmp_path, "report.txt", text.encode("gbk"))
    assert (s.date, s.speaker) == ("2014-03-05", "王大明")
