"""Metadata classes of the sixth round, part A (issue 20): work reports copied from provincial portals,
national reports, saved pages of speeches. One synthetic example per class of miss, read the way
`searchkit index` reads a file (reader, page debris, paragraphs, rules)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_metadata_classes import PROSE, speech  # noqa: E402


def test_a_portal_s_publication_time_under_its_label_is_no_date_line_of_the_page_heading(tmp_path):
    # the portal's headline, then 发表时间： with its clock time on the next line, then the report's own
    # heading block: the report's heading is the title, its date line the date (the page's labels
    # that end in a colon, 发表时间： 来源： 阅读量：, are no salutation that begins the speech)
    s = speech(tmp_path, "a.txt", f"""当前位置：
首页
>
政务信息
>
某某要闻
2026年某某省政府工作报告
发表时间：
2026-02-09 09:45:30
来源：
某某日报客户端
阅读量：
【字体：
小
中
大
】
政府工作报告
——2026年2月3日在某某省第十四届人民代表大会第四次会议上
省长 王大明
各位代表：
{PROSE}
{PROSE}
""")
    assert (s.title, s.date, s.speaker) == ("政府工作报告", "2026-02-03", "王大明")


def test_a_headline_over_a_stamp_with_its_clock_time_still_titles_a_page_with_no_other_heading(tmp_path):
    s = speech(tmp_path, "b.txt", f"""王大明同志在全省高质量发展大会上的讲话实录
2024-02-18 21:10
来源:某某台新闻
以下为省长王大明在大会上的讲话实录：
同志们：
{PROSE}
{PROSE}
""")
    assert (s.title, s.speaker) == ("王大明同志在全省高质量发展大会上的讲话实录", "王大明")


ACCOUNT_PAGE = """<html><head><meta charset="utf-8">
<title>时局 | 王大明：欢迎提出批评 不抓辫子 -- 某某号 -- 传送门</title></head><body>
<div class="rich_media"><h2 class="rich_media_title" id="activity-name">时局 | 王大明：欢迎提出批评 不抓辫子</h2>
<div class="rich_media_content" id="js_content">
<p>今日推送：【头条】时局 | 王大明：欢迎提出批评 不抓辫子【二条】某地发生一件事</p>
<h1 style="text-align: center"><strong>时局 | 王大明：欢迎提出批评 不抓辫子</strong></h1>
<p>来源：新华社 （2016年4月26日）（节录）</p>
<p>{prose}</p><p>{prose}</p><p>{prose}</p>
</div></div>
<div class="recent"><h3>某某号 最新文章:</h3>
<h2>2016-05-01 聚焦 | 某地发生一件事</h2>
<h2>2016-04-30 警示 | 另一件事的消息</h2>
</div></body></html>"""


def test_a_page_title_the_body_repeats_as_its_heading_names_the_text_not_the_site(tmp_path):
    # a WeChat post saved from an aggregator: <title> is the headline with account and site, the body
    # repeats the headline as its headings (<h2> over the post, <h1> in it); the sidebar's dated
    # headlines are other posts
    s = speech(tmp_path, "post.html", ACCOUNT_PAGE.format(prose=PROSE))
    assert s.title == "时局 | 王大明：欢迎提出批评 不抓辫子"


def test_a_name_set_apart_after_its_office_is_a_name_whatever_word_it_also_is(tmp_path):
    # 包钢 is also a steel works' short name (jieba: a noun); after the office, set apart by a space
    # on the heading block's own line, it is the speaker
    s = speech(tmp_path, "c.txt", f"""2026年某某自治区政府工作报告
——2026年2月4日在某某自治区第十四届人民代表大会第五次会议上
自治区人民政府主席 包钢
各位代表：
{PROSE}
{PROSE}
""")
    assert (s.date, s.speaker) == ("2026-02-04", "包钢")


def _feed_post(title: str, stamp: str, body: str) -> str:
    # a feed item dumped as a Hexo post: a blank line above the front matter, an RFC 2822 date, HTML body
    return (f"\n---\ntitle: '{title}'\ncategories: \n - 金融\n - 某某财经\nauthor: 某某财经\ncomments: false\n"
            f"date: {stamp}\n---\n\n<div>   \n{body}\n<p class=\"article-editor\">责任编辑：李小红 </p>\n</div>\n")


def test_a_feed_post_with_a_blank_line_above_its_front_matter_and_an_rfc_2822_date(tmp_path):
    s = speech(tmp_path, "post.md", _feed_post(
        "王大明：未来五年是关键时期", "Sun, 04 Apr 2021 00:48:57 GMT",
        f"<p>　　王大明：未来五年是关键时期</p>\n<p>　　来源：某某官方账号</p>\n"
        f"<p>　　今天很高兴跟大家来分享我们的研究。{PROSE}</p>\n<p>　　{PROSE}</p>\n<p>　　我就讲这些，谢谢大家！</p>"))
    assert (s.title, s.date) == ("王大明：未来五年是关键时期", "2021-04-04")


def test_a_feed_post_whose_body_is_html_paragraph_lines_and_a_style_block(tmp_path):
    # each <p>…</p> line is its own paragraph (no hard-wrapped text to glue), a <style> block's rules
    # are no text: the lead then dates the speech and names its speaker
    s = speech(tmp_path, "news.md", _feed_post(
        "某某组织总裁致辞某某论坛：三大变化也是机遇", "Tue, 20 Apr 2021 03:45:55 GMT",
        "<p class=\"ori_titlesource\">　　原标题：某某组织总裁致辞某某论坛：三大变化也是机遇</p>\n"
        "<p cms-style=\"font-L\">　　当地时间4月19日，某某组织（ABC）总裁王大明以视频方式出席某某论坛2021年年会开幕式并致辞。</p>\n"
        f"<p cms-style=\"font-L\">　　王大明表示，{PROSE}</p>\n<p cms-style=\"font-L\">　　{PROSE}</p>\n"
        "<style>\n.app-qr\n\n&#123;text-align: center;padding: 20px 0;&#125;\n</style>"))
    assert (s.date, s.speaker) == ("2021-04-19", "王大明")
    assert not any("text-align" in p for p in s.paragraphs)


def test_a_lead_that_opens_with_whose_release_it_is_dates_the_event_after_it(tmp_path):
    # 据外交部8月4日消息，: that day is the ministry's release; the meeting is 2021年8月3日
    s = speech(tmp_path, "news.md", _feed_post(
        "王大明：共推区域经济融合", "Wed, 04 Aug 2021 04:07:50 GMT",
        "<p class=\"ori_titlesource\">　　原标题：王大明：共推区域经济融合</p>\n"
        "<p cms-style=\"font-L\">　　据外交部8月4日消息，2021年8月3日下午，国务委员兼外长王大明以视频方式出席某某外长会。</p>\n"
        f"<p cms-style=\"font-L\">　　王大明说，{PROSE}</p>\n<p cms-style=\"font-L\">　　{PROSE}</p>"))
    assert (s.date, s.speaker) == ("2021-08-03", "王大明")


def test_a_front_matter_title_with_underscores_for_its_quotes_gives_way_to_the_headline(tmp_path):
    # file-safe titles put `_` for the quotes the headline has: the body's headline is the title
    s = speech(tmp_path, "talk.md", _feed_post(
        "王大明：未来五年拼谁能_咬住_", "Sun, 04 Apr 2021 00:48:57 GMT",
        f"<p>　　王大明：未来五年拼谁能“咬住”</p>\n<p>　　来源：某某官方账号</p>\n<p>　　{PROSE}</p>\n<p>　　{PROSE}</p>"))
    assert s.title == "王大明：未来五年拼谁能“咬住”"


def test_a_name_between_its_department_and_its_office_in_a_speech_title(tmp_path):
    s = speech(tmp_path, "a.txt", f"国家发展改革委投资司王大明处长的讲话\n各位代表，同志们：\n{PROSE}\n{PROSE}\n")
    assert s.speaker == "王大明"


def test_a_deputy_office_after_a_name_in_a_news_title(tmp_path):
    s = speech(tmp_path, "b.txt", f"王大明副总裁应邀出席第六届博览会分会并讲话\n2011年09月28日 来源：www.example.com\n"
                                  f"本网讯，9月26日，第六届博览会分会在北京举行。{PROSE}\n{PROSE}\n")
    assert s.speaker == "王大明"


SPEECH_PAGE = """<html><head><meta charset="utf-8"><title>国家发展改革委投资司王大明处长的讲话- 某某商圈新闻</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
<div class="content"><h1>国家发展改革委投资司王大明处长的讲话</h1><div class="time">2011年09月26日 来源：</div>
<p>各位代表，同志们：</p><p>大家上午好。</p><p>{prose}</p><p>{prose}</p><p>{prose}</p></div></body></html>"""


def test_a_page_s_title_taken_by_the_html_reader_still_names_the_speaker(tmp_path):
    # the reader takes the headline out of the text (it is the page's title): the rules see it still
    s = speech(tmp_path, "page.html", SPEECH_PAGE.format(prose=PROSE))
    assert (s.title, s.speaker) == ("国家发展改革委投资司王大明处长的讲话", "王大明")
