"""Metadata classes found when the sixth round's rules met a set they were not written on (issue 20):
a school site's page whose <title> wraps the article's heading in a column's tag and the site's
names, and a news dump whose first line is the headline with the site's name after a bare hyphen.
One synthetic example per class, read the way `searchkit index` reads a file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402

SCHOOL_PAGE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div id="header"><h1 class="logo" title="某某市第一中学"><img src="logo.png"></h1>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/a">学校概况</a></li><li><a href="/b">校长专栏</a></li></ul></div>
<div class="main"><div class="article"><div class="content">{heading}
<p>{prose}</p><p>{prose}</p><p>{prose}</p><p>{prose}</p></div></div></div>
<div id="footer">版权所有：某某市第一中学　地址：某某市某某路1号</div></body></html>"""


def test_a_page_title_of_heading_subtitle_column_and_school_gives_the_heading_block(tmp_path):
    heading = ('<p style="text-align: center;"><strong>欢迎你为“求真”而来</strong><strong>！</strong></p>'
               '<p style="text-align: center;">——在2020级高一新生报到会上的讲话</p>'
               '<p style="text-align: center;">王  大明</p><p style="text-align: center;">2020.07.13</p>')
    s = speech(tmp_path, "13092.html", SCHOOL_PAGE.format(
        title="欢迎你为“求真”而来！——在2020级高一新生报到会上的讲话--校长专栏-某某市第一中学", heading=heading,
        prose=PROSE))
    assert (s.title, s.date, s.speaker) == ("欢迎你为“求真”而来！——在2020级高一新生报到会上的讲话", "2020-07-13", "王大明")


def test_a_column_s_tag_and_its_week_before_the_heading_in_a_page_title_date_nothing(tmp_path):
    heading = ('<p style="text-align: center;"><strong>在庆祝中华人民共和国成立76周年招待会上的讲话</strong></p>'
               '<p style="text-align: center;">（2025年9月30日，晚上）</p><p style="text-align: center;">习近平</p>')
    s = speech(tmp_path, "22020.html", SCHOOL_PAGE.format(
        title="每周一学（2025年10月7日-12日）在庆祝中华人民共和国成立76周年招待会上的讲话--学习专栏-某某市第一中学",
        heading=heading, prose=PROSE))
    assert (s.title, s.date, s.speaker) == ("在庆祝中华人民共和国成立76周年招待会上的讲话", "2025-09-30", "习近平")


def test_a_dump_s_first_line_of_headline_and_site_after_a_bare_hyphen_is_no_title(tmp_path):
    s = speech(tmp_path, "dump.txt", f"""王大明向“2023某某国际论坛”致贺信-某某网
某某网 > 时政 > 正文
2023 12/ 04 10:43:54
来源：某某网
王大明向“2023某某国际论坛”致贺信
字体：
小
中
大
分享到：
王大明向“2023某某国际论坛”致贺信
2023-12-04 10:43:54
来源：
某某网
某某社北京12月4日电 12月4日，国家主席王大明向“2023某某国际论坛”致贺信。
{PROSE}
{PROSE}
【纠错】
【责任编辑:李四
】
""")
    assert (s.title, s.date, s.speaker) == ("王大明向“2023某某国际论坛”致贺信", "2023-12-04", "王大明")


def test_a_heading_on_three_lines_inside_the_page_title(tmp_path):
    heading = ('<p style="text-align: center;"><strong>不忘初心担使命 传承博雅谱新篇</strong></p>'
               '<p style="text-align: center;"><strong>奋力开创某某一中高水平发展新局面</strong></p>'
               '<p style="text-align: center;">——在主题教育总结大会上的讲话</p>'
               '<p style="text-align: center;">（1月13日下午4点，行政楼会议室）</p>'
               '<p style="text-align: center;">某某一中党委书记、校长  王 大明</p><p>同志们：</p>')
    s = speech(tmp_path, "13102.html", SCHOOL_PAGE.format(
        title="不忘初心担使命 传承博雅谱新篇 奋力开创某某一中高水平发展新局面——在主题教育总结大会上的讲话--校长专栏-某某市第一中学",
        heading=heading, prose=PROSE))
    assert (s.title, s.speaker) == ("不忘初心担使命 传承博雅谱新篇 奋力开创某某一中高水平发展新局面——在主题教育总结大会上的讲话", "王大明")


def test_a_page_s_property_line_of_labels_dates_it(tmp_path):
    # 文章来源：… 作者：佚名 发布时间：… 点击数：次 — one line of a school site's labels: the page's stamp
    s = speech(tmp_path, "4043.txt", f"""文章来源：本站原创 作者：佚名 发布时间：2011年05月26日 点击数：次
胡大明在庆祝某某大学建校100周年大会上的讲话
老师们，同学们，同志们，朋友们：
{PROSE}
{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("胡大明在庆祝某某大学建校100周年大会上的讲话", "2011-05-26", "胡大明")


MEMORIAL_PAGE = """<html><head><meta charset="utf-8"><title>某园春兰书苑</title></head><body>
<div id="top"><img src="banner.jpg"></div>
<div class="navTitle"><a href="/">外交时期</a> &gt; <a href="/r">综述</a> &gt; 文章内容</div>
<div class="txtTitle"><h1>{heading}</h1>{below}</div>
<div class="txtContent"><p>同志们：</p><p>{prose}</p><p>{prose}</p><p>{prose}</p></div>
<div id="footer">Copyright 某某纪念网站</div></body></html>"""


def test_a_site_s_name_for_a_title_that_the_page_never_repeats_gives_way_to_its_one_heading(tmp_path):
    s = speech(tmp_path, "review.html", MEMORIAL_PAGE.format(
        heading="国务委员兼外交部长王大明在某某同志九十诞辰纪念会上的讲话", below="", prose=PROSE))
    assert (s.title, s.speaker) == ("国务委员兼外交部长王大明在某某同志九十诞辰纪念会上的讲话", "王大明")



def test_a_name_with_a_character_that_is_mostly_a_function_word(tmp_path):
    # 钱其琛: 其 is mostly a pronoun (其他, 其中), but jieba knows the whole as a person's name
    s = speech(tmp_path, "a.txt", f"国务委员兼外交部长钱其琛在某某同志九十诞辰纪念会上的讲话\n同志们：\n{PROSE}\n{PROSE}\n")
    assert s.speaker == "钱其琛"


@pytest.mark.parametrize("foot", ["作者：南京军区副政治委员王大明同志 1991年8月26日", "作者：南京军区副政治委员王大明同志\n1991年8月26日"])
def test_a_speech_signed_at_its_foot_by_an_author_label_office_name_and_date(tmp_path, foot):
    s = speech(tmp_path, "a.txt", f"""在某某同志诞辰九十周年纪念会上的发言
同志们：
{PROSE}
{PROSE}
{foot}
""")
    assert (s.date, s.speaker) == ("1991-08-26", "王大明")


def test_a_byline_of_date_office_a_dash_and_the_name_under_a_page_heading(tmp_path):
    s = speech(tmp_path, "memorial.html", MEMORIAL_PAGE.format(
        heading="纪念某某将军百年诞辰", below="<p>2013年1月20日 北京某某研究会会长--王大明</p>", prose=PROSE))
    assert (s.title, s.speaker) == ("纪念某某将军百年诞辰", "王大明")


def test_a_lead_that_introduces_the_full_text_names_its_speaker_under_any_heading(tmp_path):
    s = speech(tmp_path, "memorial.html", MEMORIAL_PAGE.format(
        heading="纪念某某将军百年诞辰", below="",
        prose="2013年1月20日上午，北京某某研究会会长王大明在上海“纪念某某将军百年诞辰”会上发言。全文如下：</p><p>" + PROSE))
    assert (s.title, s.speaker) == ("纪念某某将军百年诞辰", "王大明")
