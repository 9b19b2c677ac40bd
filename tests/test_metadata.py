"""Metadata extraction: synthetic documents in every header style seen in real speeches, plus the
government-work-report corpus checked against the year and speaker its file names carry."""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package may not be installed in the test environment
    sys.path.insert(0, str(ROOT))

from searchkit.ingest.metadata import SpeechMeta, extract_metadata, is_debris  # noqa: E402

from samples import GOV_REPORTS as CORPUS, METADATA_DEV, SEEDS, missing  # noqa: E402

SEED = SEEDS / "000_8aae22a1a1b05926.txt"  # in the repository, not only in the shared data


def doc(text: str) -> list[str]:
    """Lines as the indexer passes them: stripped of ASCII and U+3000 spaces, empties dropped."""
    return [s for s in (line.strip(" \t\u3000\xa0\r") for line in text.splitlines()) if s]


def read_lines(path: Path) -> list[str]:
    return doc(path.read_text(encoding="utf-8"))


# --- whole documents ----------------------------------------------------------------------

def test_national_report_with_dash_date_and_spaced_office_line():
    meta = extract_metadata(doc("""
        2014政府工作报告
        ——2014年3月5日在第十二届全国人民代表大会第二次会议上
        国务院总理　李克强
        各位代表：
        现在，我代表国务院，向大会作政府工作报告，请予审议，并请全国政协各位委员提出意见。
        一、2013年工作回顾
    """), "2014政府工作报告_李克强.txt")
    assert meta == SpeechMeta(
        title="2014政府工作报告", date="2014-03-05", year=2014, speaker="李克强",
        venue="第十二届全国人民代表大会第二次会议",
    )


def test_full_width_digits_two_days_and_joined_office_name():
    meta = extract_metadata(doc("""
        1964年国务院政府工作报告（摘要）
        ——１９６４年１２月２１日和２２日在第三届全国人民代表大会第一次会议上
                                国务院总理周恩来
        五年来，我国各族人民在中国共产党的领导下，取得了巨大的成就。
    """), "1964政府工作报告_周恩来_摘要.txt")
    assert meta.date == "1964-12-21"
    assert meta.speaker == "周恩来"
    assert meta.venue == "第三届全国人民代表大会第一次会议"
    assert meta.title == "1964年国务院政府工作报告（摘要）"


def test_double_hyphen_date_line_and_subtitle_is_not_title():
    meta = extract_metadata(doc("""
        1984年政府工作报告
        关于国内建设的若干问题
        －－1984年5月15日在第六届全国人民代表大会第二次会议上
        国务院总理赵紫阳
        各位代表：
    """))
    assert (meta.title, meta.date, meta.year, meta.speaker) == ("1984年政府工作报告", "1984-05-15", 1984, "赵紫阳")


def test_horizontal_bar_dash_and_spaced_digits():
    meta = extract_metadata(doc("""
        1998年政府工作报告
        ――1 9 9 8 年3 月5 日在第九届全国人民代表大会第一次会议上
        国务院总理李鹏
    """))
    assert meta.date == "1998-03-05"
    assert meta.venue == "第九届全国人民代表大会第一次会议"


def test_provincial_report_parenthesised_chinese_numeral_date():
    meta = extract_metadata(doc("""
        政府工作报告
        （二〇二六年一月二十七日在浙江省第十四届人民代表大会第四次会议上）
        浙江省省长 刘捷
        各位代表：
        现在，我代表省人民政府向大会报告工作，请予审议。
    """))
    assert meta == SpeechMeta(
        title="政府工作报告", date="2026-01-27", year=2026, speaker="刘捷",
        venue="浙江省第十四届人民代表大会第四次会议",
    )


def test_parenthesised_arabic_date_and_short_office():
    meta = extract_metadata(doc("""
        政府工作报告
        （2026年1月27日在河南省第十四届人民代表大会第四次会议上）
        省长 李炳军
    """))
    assert (meta.date, meta.speaker) == ("2026-01-27", "李炳军")
    assert meta.venue == "河南省第十四届人民代表大会第四次会议"


def test_chinese_numeral_date_without_brackets_and_vice_premier():
    meta = extract_metadata(doc("""
        关于一九五八年度国民经济计划草案的报告
        一九五八年二月三日在第一届全国人民代表大会第五次会议上
        国务院副总理 李富春
    """))
    assert (meta.date, meta.year, meta.speaker) == ("1958-02-03", 1958, "李富春")


def test_compound_title_with_concurrent_posts():
    meta = extract_metadata(doc("""
        关于发展国民经济的第一个五年计划的报告
        ——1955年7月5日至6日在第一届全国人民代表大会第二次会议上
        国务院副总理兼国家计划委员会主任李富春
    """))
    assert (meta.date, meta.speaker) == ("1955-07-05", "李富春")
    assert meta.venue == "第一届全国人民代表大会第二次会议"


def test_name_alone_and_name_with_inner_space():
    alone = extract_metadata(doc("""
        政府工作报告
        周恩来
        各位代表：
    """))
    spaced = extract_metadata(doc("""
        政府工作报告
        ——2025年1月15日在上海市第十六届人民代表大会第三次会议上
        上海市市长 龚 正
    """))
    bare_spaced = extract_metadata(doc("""
        政府工作报告
        龚 正
    """))
    assert alone.speaker == "周恩来"
    assert spaced.speaker == "龚正"
    assert bare_spaced.speaker == "龚正"


def test_compound_surname():
    meta = extract_metadata(doc("""
        在全市经济工作会议上的讲话
        市长 欧阳明远
    """))
    assert meta.speaker == "欧阳明远"


def test_speaker_in_title_office_then_name():
    meta = extract_metadata(doc("""
        杭州市信息化办公室主任缪承潮致辞
        尊敬的各位领导、各位来宾：
    """))
    assert meta.speaker == "缪承潮"


def test_speaker_in_title_name_at_venue():
    meta = extract_metadata(doc("""
        习近平在中央经济工作会议上的讲话
        （2024年12月11日）
        同志们：
    """))
    assert meta.speaker == "习近平"
    assert meta.venue == "中央经济工作会议"
    assert meta.date == "2024-12-11"


def test_name_colon_transcript_line():
    meta = extract_metadata(doc("""
        第四届中国网上零售年会开幕
        以下为演讲实录：
        缪承潮：致力打造中国电子商务之都
        尊敬的杨市长、尊敬的聂司长，各位领导、各位来宾、大家上午好！
    """))
    assert meta.speaker == "缪承潮"


def test_joined_posts_and_acting_governor():
    joined = extract_metadata(doc("政府工作报告\n省委副书记、省长 王浩\n各位代表："))
    acting = extract_metadata(doc("政府工作报告\n代省长　刘小涛\n各位代表："))
    assert (joined.speaker, acting.speaker) == ("王浩", "刘小涛")


def test_places_and_offices_are_not_names():
    # News-style `地名：` headlines and office-only mentions must not yield a speaker.
    for title in ("伊朗：法德英举动无法律依据", "武汉：雷神山医院今天交付使用", "韩总统：问题尚未解决",
                  "习近平会见印度国大党主席和前总理", "俄称挫败袭击俄总统官邸企图"):
        assert extract_metadata([title, "据报道，有关方面当天发表声明。"]).speaker is None, title


def test_slash_and_dot_dates():
    assert extract_metadata(["标题", "发布时间：2025/11/01"]).date == "2025-11-01"
    assert extract_metadata(["标题", "2025.11.01"]).date == "2025-11-01"


def test_labels_are_not_speakers():
    meta = extract_metadata(doc("""
        访谈实录
        主持人：欢迎各位网友。
        记者：请问今年的重点是什么？
        时间：2026-02-24
    """))
    assert meta.speaker is None
    assert meta.date == "2026-02-24"


def test_web_copy_with_debris_source_and_publication_time():
    meta = extract_metadata(doc("""
        首页 > 新闻 > 正文
        图文：省长在全省数字经济大会上的讲话
        来源：浙江日报　　时间：2026-02-24
        【字号：大 中 小】
        分享到：
        各位代表、同志们：
        今天我们召开全省数字经济大会，主要任务是总结工作。
    """))
    assert meta.title == "省长在全省数字经济大会上的讲话"
    assert meta.date == "2026-02-24"
    assert meta.year == 2026
    assert meta.venue == "全省数字经济大会"
    assert meta.speaker is None  # the office is named, the person is not


def test_publication_stamp_and_labelled_date():
    stamp = extract_metadata(doc("""
        在全省经济工作会议上的讲话
        2025-11-01 12:01:08
        各位同志：
    """))
    labelled = extract_metadata(doc("""
        在全省经济工作会议上的讲话
        发布时间：2025年11月01日
        各位同志：
    """))
    assert stamp.date == labelled.date == "2025-11-01"


def test_speech_date_wins_over_publication_date():
    meta = extract_metadata(doc("""
        在省人民代表大会上的报告
        发布时间：2026-02-24 09:30
        （2026年1月27日在浙江省第十四届人民代表大会第四次会议上）
    """))
    assert meta.date == "2026-01-27"


def test_news_dateline_without_year_uses_year_from_file_name_or_nothing():
    text = """
        国务院常务会议部署稳就业工作
        新华社北京10月25日电 国务院总理主持召开国务院常务会议，部署进一步稳就业举措。
    """
    assert extract_metadata(doc(text), "2019_国务院常务会议.txt").date == "2019-10-25"
    unknown = extract_metadata(doc(text))
    assert unknown.date is None and unknown.year is None


def test_dateline_year_from_event_name_in_lead():
    meta = extract_metadata(read_lines(SEED) if SEED.exists() else doc("""
        图文：杭州市信息化办公室主任缪承潮致辞
        杭州市信息化办公室主任缪承潮致辞
        新浪科技讯 北京时间11月20日消息，今日，由杭州市人民政府主办的“2009第四届中国网上零售年会”在浙江省人民大会堂举行。
        上图为杭州市信息化办公室主任缪承潮致辞。
        以下为演讲实录：
        缪承潮：致力打造中国电子商务之都
    """), "000_8aae22a1a1b05926.txt")
    assert meta.title == "杭州市信息化办公室主任缪承潮致辞"
    assert meta.speaker == "缪承潮"
    assert (meta.date, meta.year) == ("2009-11-20", 2009)


def test_signature_date_in_last_lines():
    body = ["各位代表："] + ["我们要坚定信心，真抓实干，努力完成今年各项目标任务。"] * 60
    meta = extract_metadata(["在全县工作会议上的讲话", "县长 王建国"] + body + ["2023年2月8日"])
    assert (meta.date, meta.speaker) == ("2023-02-08", "王建国")


def test_tail_office_signature_used_when_header_has_none():
    body = ["同志们："] + ["今年全县上下要紧紧围绕中心任务，扎实推进各项工作落实。"] * 60
    meta = extract_metadata(["在全县经济工作会议上的讲话"] + body + ["县委书记 张建华", "2023年2月8日"])
    assert meta.speaker == "张建华"


def test_signature_with_office_and_name_on_separate_lines():
    body = ["同志们："] + ["今年全县经济社会发展取得了显著成绩，各项工作扎实推进。"] * 50
    meta = extract_metadata(["在县委全会上的讲话"] + body + ["中共某某县委书记", "张明远", "二〇二三年一月十日"])
    assert (meta.speaker, meta.date, meta.venue) == ("张明远", "2023-01-10", "县委全会")


def test_news_agency_transcript():
    meta = extract_metadata(doc("""
        习近平在中央经济工作会议上发表重要讲话
        新华社北京12月12日电 中央经济工作会议12月11日至12日在北京举行。习近平出席会议并发表重要讲话。
        责任编辑：张三
    """), "2024_中央经济工作会议.txt")
    assert (meta.speaker, meta.venue, meta.date) == ("习近平", "中央经济工作会议", "2024-12-12")


def test_file_name_year_and_speaker_fill_gaps_but_text_wins():
    bare = extract_metadata(doc("政府工作报告\n各位代表：\n现在我代表国务院作报告。"), "1975政府工作报告_周恩来.txt")
    assert (bare.year, bare.speaker, bare.date) == (1975, "周恩来", None)
    text_wins = extract_metadata(doc("""
        1991年政府工作报告
        ——１９９１年３月２６日在第七届全国人民代表大会第四次会议上
        国务委员兼国家计划委员会主任邹家华
    """), "1990政府工作报告_李鹏.txt")
    assert (text_wins.speaker, text_wins.year, text_wins.date) == ("邹家华", 1991, "1991-03-26")


def test_arbitrary_file_name_teaches_nothing():
    meta = extract_metadata(doc("会议纪要\n同志们：\n会议认为，要抓好落实。"), "000_8aae22a1a1b05926.txt")
    assert (meta.year, meta.speaker, meta.date) == (None, None, None)


def test_year_from_title_when_no_date():
    assert extract_metadata(doc("2006政府工作报告\n各位代表：")).year == 2006
    assert extract_metadata(doc("关于一九五八年度国民经济计划草案的报告\n各位代表：")).year == 1958


def test_text_starting_with_a_paragraph_has_no_title():
    meta = extract_metadata(doc("今天我们在这里隆重集会，热烈庆祝中华人民共和国成立七十五周年，回顾光辉历程。\n第二段。"))
    assert meta.title is None


def test_empty_input():
    assert extract_metadata([]) == SpeechMeta(None, None, None, None, None)


def test_invalid_dates_are_rejected():
    meta = extract_metadata(doc("政府工作报告\n——2014年2月30日在某次会议上"))
    assert meta.date is None


def test_dates_are_iso_and_valid_or_none_for_any_header():
    for header in ("——2014年13月5日在会上", "时间：2026-02-24", "２０２０年２月２９日", "新华社北京2月30日电"):
        date = extract_metadata(["标题", header]).date
        assert date is None or datetime.date.fromisoformat(date)


_PIECES = st.sampled_from([
    "——", "（", "）", "2014年", "3月", "5日", "二〇二六年", "一月", "二十七日", "１９６４年", "在", "会议上", "：",
    "国务院总理", "李克强", "龚 正", "新华社北京", "电", "来源", "时间", "2025-11-01", " ", "\u3000", "。", "，",
    "首页", ">", "摄", "记者", "图文", "致辞", "一、", "（一）", "x", "9", "十", "月", "日",
])
_LINE = st.lists(_PIECES, min_size=1, max_size=8).map("".join).map(lambda s: s.strip(" \u3000") or "x")


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=12), st.sampled_from(["", "2014政府工作报告_李克强.txt", "a_1999_b.txt"]))
def test_never_raises_and_dates_are_valid(lines, file_name):
    meta = extract_metadata(lines, file_name)
    if meta.date is not None:
        assert datetime.date.fromisoformat(meta.date).year == meta.year
    assert meta.speaker is None or re.fullmatch(r"[\u4e00-\u9fff]{2,4}", meta.speaker)


# --- debris -------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "下载", "打印", "全屏", "收藏", "关闭窗口", "【字号：大 中 小】", "字号：大 中 小", "分享:", "分享到：",
    "分享到： 微信 微博 QQ空间", "扫一扫", "扫一扫在手机打开当前页", "责任编辑：王小明", "（责任编辑：李四）",
    "首页 > 新闻 > 正文", "首页＞新闻＞正文", "首页 » 要闻", "当前位置：首页 > 政务公开",
    "新华社记者 张三 摄", "（记者 李四 摄）", "上一篇：关于做好春节期间安全生产工作的通知", "下一篇",
    "【打印本页】【关闭窗口】", "[打印] [关闭]", "下载 打印 全屏 收藏", "来源：浙江日报",
    "来源：浙江日报　　时间：2026-02-24", "上图为杭州市信息化办公室主任缪承潮致辞。", "返回顶部",
    "图片来源：新华社", "(视频编辑：张贝龙 文字编辑：温凤浩)", "2023年02月01日 10:20　来源：金华日报",
])
def test_debris(line):
    assert is_debris(line)


@pytest.mark.parametrize("line", [
    "请各单位及时下载并打印报名表，于三月底前报送。",
    "各地要把收藏的文物保护好，关闭不合格的小作坊。",
    "电影拍摄",
    "一、2013年工作回顾",
    "各位代表：",
    "分享经济健康发展，需要完善监管。",
    "国务院总理　李克强",
    "——2014年3月5日在第十二届全国人民代表大会第二次会议上",
    "时间是最好的见证者，我们要撸起袖子加油干。",
    "我们要把改革进行到底 > 这是人民的期待",
])
def test_not_debris(line):
    assert not is_debris(line)


# --- the real corpus ----------------------------------------------------------------------

# The 1991 file is named after the premier, but its text is the planning report that
# 邹家华 delivered at the same session; the text's explicit speaker rightly wins.
TEXT_SPEAKER_OVERRIDES = {"1991政府工作报告_李鹏.txt": "邹家华"}


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(missing(CORPUS))
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip("corpus is empty")
    return files


def test_gov_work_reports_match_file_names():
    failures = []
    for path in _corpus_files():
        truth = re.match(r"(\d{4})[^_]*_([^_.]+)", path.name)
        year, speaker = int(truth.group(1)), truth.group(2)
        lines = read_lines(path)
        meta = extract_metadata(lines, path.name)
        has_date_line = any(re.match(r"^[（(]?[—－―\-]+|^[（(]\s*[0-9０-９一二〇○]", ln) for ln in lines[:8])
        expected_speaker = TEXT_SPEAKER_OVERRIDES.get(path.name, speaker)
        problems = []
        if meta.year != year:
            problems.append(f"year {meta.year}")
        if has_date_line and (meta.date is None or datetime.date.fromisoformat(meta.date).year != year):
            problems.append(f"date {meta.date}")
        if meta.speaker != expected_speaker:
            problems.append(f"speaker {meta.speaker}")
        if not meta.title:
            problems.append("no title")
        if problems:
            failures.append(f"{path.name}: {', '.join(problems)}")
    assert not failures, "\n".join(failures)


def test_gov_work_reports_speaker_found_in_text_alone():
    """Without the file name's help the text must still yield the speaker and the year."""
    for path in _corpus_files():
        truth = re.match(r"(\d{4})[^_]*_([^_.]+)", path.name)
        meta = extract_metadata(read_lines(path))
        assert meta.speaker == TEXT_SPEAKER_OVERRIDES.get(path.name, truth.group(2)), path.name
        assert meta.year == int(truth.group(1)), path.name


# --- files no rule was written against: the classes of issue 8 ----------------------------

def speech_of(tmp_path: Path, name: str, data: bytes):
    """The speech `searchkit index` makes of a file with these bytes."""
    from searchkit.ingest.readers import read_file
    from searchkit.ingest.speeches import make_speech

    file = tmp_path / name
    file.write_bytes(data)
    [document] = read_file(tmp_path, file)
    return make_speech(document)


def test_font_size_widget_split_over_lines_is_neither_title_nor_text(tmp_path):
    page = "\n".join([
        "【字号：", "加大", "还原", "减小", "】",  # one widget, one button a line
        "打印本页", "关闭窗口",
        "在全省经济工作会议上的讲话",
        "（2025年12月20日）",
        "省长 王伟中",
        "同志们：",
        "今年以来，全省经济运行稳中向好。",
        "【字号", "特大", "标宋", "】",  # buttons no list knows, between widget lines
    ])
    speech = speech_of(tmp_path, "page.txt", page.encode("utf-8"))
    assert speech.title == "在全省经济工作会议上的讲话"
    assert (speech.date, speech.speaker) == ("2025-12-20", "王伟中")
    assert not {"加大", "还原", "减小", "】", "特大", "标宋"} & set(speech.paragraphs)


def test_breadcrumbs_on_one_line_or_split_are_not_titles(tmp_path):
    page = "\n".join([
        "当前位置：首页 > 新闻中心 > 领导讲话",
        "您的位置：", "新闻频道>", "广东>", "正文",
        "王伟中同志在广东省高质量发展大会上的讲话实录",
        "2024-02-18 21:10",
        "来源:广东台触电新闻",
        "同志们：",
        "今天召开全省高质量发展大会。",
    ])
    speech = speech_of(tmp_path, "page.txt", page.encode("utf-8"))
    assert speech.title == "王伟中同志在广东省高质量发展大会上的讲话实录"
    assert (speech.date, speech.speaker) == ("2024-02-18", "王伟中")
    assert "新闻频道>" not in speech.paragraphs and "正文" not in speech.paragraphs


def test_page_title_with_site_suffix_above_the_headline():
    meta = extract_metadata(doc("""
        王伟中同志在广东省高质量发展大会上的讲话实录_广州日报大洋网
        新闻
        广东
        王伟中同志在广东省高质量发展大会上的讲话实录
        2024-02-18 21:10
        以下为省长王伟中在大会上的讲话实录：
        同志们：
    """))
    assert meta.title == "王伟中同志在广东省高质量发展大会上的讲话实录"


def test_site_name_first_line_is_not_the_title():
    meta = extract_metadata(doc("""
        深汕视点
        黄坤明同志在广东省高质量发展大会上的讲话实录
        2023-01-28
        以下为省委书记黄坤明在大会上的讲话实录——
        同志们，朋友们：
    """))
    assert (meta.title, meta.date, meta.speaker) == ("黄坤明同志在广东省高质量发展大会上的讲话实录", "2023-01-28", "黄坤明")


@pytest.mark.parametrize("title, speaker", [
    ("王毅抵达纽约出席联合国大会并发表书面讲话", "王毅"),
    ("习近平在欢迎美国总统国宴上的祝酒辞", "习近平"),
    ("李强会见新加坡总理黄循财时的讲话", "李强"),
    ("王毅同俄罗斯外长拉夫罗夫共见记者时的讲话", "王毅"),
    ("韩正在第二届中国国际进口博览会开幕式上的致辞", "韩正"),
    ("黄坤明同志在广东省高质量发展大会上的讲话实录", "黄坤明"),
    ("2018年法律年度开启典礼──香港律师会会长苏绍聪致辞全文", "苏绍聪"),
    ("香港大律师公会主席戴启思于法律年度开启典礼的演讲辞", "戴启思"),
    ("艾尔肯·吐尼亚孜在自治区十四届人大一次会议上的讲话", "艾尔肯·吐尼亚孜"),
])
def test_titles_that_open_with_the_speaker(title, speaker):
    meta = extract_metadata([title, "各位代表：", "现在，我讲几点意见。"])
    assert meta.speaker == speaker
    assert meta.title == title


def test_news_headline_naming_a_leader_is_not_a_speech_by_him():
    assert extract_metadata(["习近平会见印度国大党主席和前总理", "据报道，双方进行了会谈。"]).speaker is None


@pytest.mark.parametrize("line, speaker", [
    ("新疆维吾尔自治区主席 艾尔肯·吐尼亚孜", "艾尔肯·吐尼亚孜"),
    ("自治区主席　艾尔肯•吐尼亚孜", "艾尔肯·吐尼亚孜"),  # a bullet for the middle dot
    ("西藏自治区人民政府主席 白玛赤林", "白玛赤林"),
    ("西藏自治区主席 洛桑江村", "洛桑江村"),
])
def test_dotted_and_four_character_names_after_an_office(line, speaker):
    meta = extract_metadata(["政府工作报告", "（2020年1月15日在自治区人民代表大会上）", line, "各位代表："])
    assert meta.speaker == speaker


def test_editors_note_and_collection_name_the_speaker():
    note = extract_metadata(doc("""
        新民主主义的宪政
        （一九四○年二月二十日）
        这是毛泽东在延安各界宪政促进会成立大会上的演说。这时，中国共产党内有一些同志为欺骗宣传所迷惑。
        今天延安各界人民的代表人物在这里开宪政促进会的成立大会。
    """))
    cited = extract_metadata(doc("""
        在中国共产党全国宣传工作会议上的讲话
        一九五七年三月十二日
        同志们：
        我讲几个问题。
        （《毛泽东选集》第五卷，人民出版社1977年4月第1版，第403-418页）
    """))
    assert (note.date, note.speaker) == ("1940-02-20", "毛泽东")
    assert (cited.date, cited.speaker) == ("1957-03-12", "毛泽东")


def test_title_date_and_speaker_on_one_line_after_a_dateline():
    meta = extract_metadata(doc("""
        新华社北京3月22日电
        政府工作报告——2018年3月5日在第十三届全国人民代表大会第一次会议上国务院总理 李克强
        3月5日，第十三届全国人民代表大会第一次会议在北京人民大会堂开幕。国务院总理李克强作政府工作报告。新华社记者 姚大伟 摄
        各位代表：
    """))
    assert (meta.title, meta.date, meta.speaker) == ("政府工作报告", "2018-03-05", "李克强")
    assert meta.venue == "第十三届全国人民代表大会第一次会议"


def test_month_only_header_date_is_no_day_even_if_parts_have_one():
    meta = extract_metadata(doc("""
        # 在中国共产党全国代表会议上的讲话
        (一九五五年三月)
        开幕词
        (一九五五年三月二十一日)
        中国共产党全国代表会议各位代表同志们:
    """))
    assert (meta.title, meta.date, meta.year) == ("在中国共产党全国代表会议上的讲话", None, 1955)


def test_proceedings_of_many_speakers_have_no_speaker():
    turns = [f"{name}议员：主席，我想提问。" for name in ("何俊仁", "李卓人", "涂谨申", "陈鉴林", "梁耀忠")]
    meta = extract_metadata(["会议过程正式纪录", "2013年1月16日星期三", "主席曾钰成议员", "主席：会议现在开始。", *turns])
    assert (meta.title, meta.date, meta.speaker) == ("会议过程正式纪录", "2013-01-16", None)


FRONT_MATTER = """---
title: "南开大学->在2021级新生开学典礼上的讲话 | nankai.info"
date: 2021-09-10
author: "新闻中心"
tags:
  - "开学典礼"
---

# 在2021级新生开学典礼上的讲话

（2021年9月7日）

曹雪涛

亲爱的同学们：

今天，我们隆重举行开学典礼。
"""


def test_front_matter_states_title_and_is_not_text(tmp_path):
    speech = speech_of(tmp_path, "c5a29b0b.md", FRONT_MATTER.encode("utf-8"))
    assert speech.title == "在2021级新生开学典礼上的讲话"  # the site's wrapping cut off
    assert speech.date == "2021-09-07"  # the speech's own date line beats the posting date
    assert speech.speaker == "曹雪涛"  # not the author, a news desk
    assert not any("title:" in p or p == "---" or "tags" in p for p in speech.paragraphs)


def test_front_matter_date_and_traditional_headline(tmp_path):
    text = FRONT_MATTER.replace("2021-09-10", '"2018-01-08"').replace(
        "南开大学->在2021级新生开学典礼上的讲话 | nankai.info", "2018 年法律年度開啓典禮──香港律師會會長蘇紹聰致辭全文")
    text = text.replace("（2021年9月7日）\n", "").replace("曹雪涛\n", "")
    speech = speech_of(tmp_path, "a.md", text.encode("utf-8"))
    assert (speech.title, speech.date, speech.speaker) == (
        "2018 年法律年度開啓典禮──香港律師會會長蘇紹聰致辭全文", "2018-01-08", "蘇紹聰")


BIG5_LETTER = """蔡英文給民進黨員的一封信全文

親愛的民進黨夥伴們：

選舉結果出來了，我們輸了。我作為黨主席，承擔全部責任。

蔡英文　2018/11/28
"""


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "utf-8"])
def test_traditional_text_in_big5_and_utf16_keeps_its_script(tmp_path, encoding):
    speech = speech_of(tmp_path, "letter.txt", BIG5_LETTER.encode(encoding))
    assert speech.title == "蔡英文給民進黨員的一封信全文"
    assert speech.speaker == "蔡英文"
    assert speech.date == "2018-11-28"


def test_heading_block_below_a_hundred_lines_of_menus_wins():
    menus = [f"{topic}{n}" for n in range(12) for topic in ("新闻", "体育", "财经", "娱乐", "科技", "汽车", "房产", "旅游", "教育")]
    headlines = ["某市召开经济形势分析会议", "这一届年轻人开始攒钱了，你呢？这是一段很长的推荐阅读标题，足够长以至于像正文"] * 3
    meta = extract_metadata([
        "全文来了！2025年广东省政府工作报告|大力|重点领域|重点任务_网易订阅",
        *menus, *headlines,
        "2025-01-19 13:12:40 来源: 广东发布",
        "政府工作报告",
        "——2025年1月15日在广东省第十四届",
        "人民代表大会第三次会议上",
        "广东省省长 王伟中",
        "各位代表：",
        "现在，我代表省人民政府，向大会报告工作，请予审议。",
    ])
    assert (meta.title, meta.date, meta.speaker) == ("政府工作报告", "2025-01-15", "王伟中")




def test_metadata_dev_part_meets_the_targets():
    """The dev part of ../shared/corpus/metadata-dev (files with sha256(path) % 3 != 0; the rest is
    held out and only measured, by benchmarks/metadata_accuracy.py), read as `searchkit index` reads it."""
    import hashlib
    import json

    from searchkit.text import normalize
    from searchkit.ingest.readers import read_file
    from searchkit.ingest.speeches import make_speech

    if not (METADATA_DEV / "truth.json").is_file():
        pytest.skip(missing(METADATA_DEV / "truth.json"))
    truth = json.loads((METADATA_DEV / "truth.json").read_text(encoding="utf-8"))
    dev = [p for p in sorted(truth) if int(hashlib.sha256(p.encode()).hexdigest(), 16) % 3]

    def fold(value):
        return None if value is None else re.sub(r"\s+", "", normalize(value))

    right = dict.fromkeys(("title", "date", "speaker"), 0)
    for path in dev:
        speech = make_speech(next(iter(read_file(METADATA_DEV, METADATA_DEV / path))))
        for key in right:
            right[key] += fold(getattr(speech, key)) == fold(truth[path][key])
    shares = {key: n / len(dev) for key, n in right.items()}
    assert shares["title"] >= 0.95 and shares["date"] >= 0.97 and shares["speaker"] >= 0.93, shares


def test_news_stories_name_people_without_making_them_speakers():
    brief = extract_metadata([
        "国际联播快讯",
        "塞尔维亚总理武契奇宣布当选新总统",
        "当地时间2日晚，塞尔维亚总理武契奇在进步党总部宣布自己在当天的总统选举中获胜。",
    ])
    books = extract_metadata([
        "中国历代绘画大系与读者见面",
        "历时13年编纂出版的“中国历代绘画大系”与读者见面，其中《宋画全集》第八卷等十余册均为首次亮相。",
    ])
    life = extract_metadata([
        "江泽民伟大光辉的一生",
        "江泽民是全党全军全国各族人民公认的享有崇高威望的卓越领导人。",
        "江泽民亲自主持编辑和逐篇审定《江泽民文选》第一卷、第二卷、第三卷。",
    ])
    assert (brief.speaker, books.speaker, life.speaker) == (None, None, None)


def test_subtitle_under_a_main_title_and_bracketed_titles():
    sub = extract_metadata(["扎实推进高质量发展", "——王五同志在全县经济工作会议上的讲话", "（2023年12月28日）", "同志们："])
    booked = extract_metadata(["人民网", "《在全国科技大会上的讲话》", "2024年06月24日08:21 | 来源：人民网－人民日报", "同志们："])
    assert (sub.title, sub.date, sub.speaker) == ("扎实推进高质量发展", "2023-12-28", "王五")
    assert (booked.title, booked.date) == ("在全国科技大会上的讲话", "2024-06-24")


def test_taiwan_roc_year_dates():
    meta = extract_metadata(["總統就職演說", "中華民國112年5月20日", "各位友邦元首、各位貴賓："])
    assert (meta.title, meta.date) == ("總統就職演說", "2023-05-20")


def test_name_before_office_in_titles_and_a_press_office_is_no_name():
    inaugural = extract_metadata(["## 蔡英文總統就職演說", "2016-05-20", "各位友邦元首、各位貴賓："])
    release = extract_metadata(["總統府新聞稿", "總統出席國慶大會致詞", "中華民國108年10月10日", "各位國人同胞："])
    assert (inaugural.title, inaugural.speaker) == ("蔡英文總統就職演說", "蔡英文")
    assert (release.title, release.date, release.speaker) == ("總統出席國慶大會致詞", "2019-10-10", None)


# --- editors' notes, lead paragraphs ------------------------------------------------------

@pytest.mark.parametrize("note, speaker", [
    ("这是毛泽东在一九三四年一月二十二日至二月一日在江西瑞金召开的第二次全国工农兵代表大会上所作的结论的一部分。", "毛泽东"),
    ("这是毛泽东在中共中央政治局扩大会议上的插话。", "毛泽东"),
    ("这是毛泽东为中共中央起草的党内指示。", "毛泽东"),
    ("这是周恩来同志给各地负责同志的一封信。", "周恩来"),
    ("这是王浩同志在全市经济工作会议上所作总结的要点。", "王浩"),
    ("这是中共中央主席毛泽东对一份报告写的批语。", "毛泽东"),
    ("这是自治区主席艾尔肯·吐尼亚孜同志在会上的谈话。", "艾尔肯·吐尼亚孜"),
    ("这是关于工作的通知。", None),  # 关于工 is no name
    ("这是新华社的评论。", None),
])
def test_editors_note_names_the_speaker_whatever_it_calls_the_text(note, speaker):
    meta = extract_metadata(["关心群众生活，注意工作方法", "（一九三四年一月二十七日）", note,
                             "有两个问题，同志们在讨论中没有着重注意，我觉得应该提出来说一说。"])
    assert meta.speaker == speaker


@pytest.mark.parametrize("lines, speaker", [
    (["資深大律師委任典禮致辭", "終審法院首席法官馬道立今日在資深大律師委任典禮上致辭，提及香港的司法獨立。",
      "律政司司長、各位來賓："], "馬道立"),
    (["在中国发展高层论坛上的主旨演讲", "新华社北京3月24日电 国务院总理李强24日在北京出席论坛开幕式并发表主旨演讲。",
      "女士们，先生们："], "李强"),
    (["2024年新年贺词", "国家主席习近平在新年前夕发表二〇二四年新年贺词。", "大家好！"], "习近平"),
    (["开学典礼讲话", "校长王五今天上午在开学典礼上发表讲话，勉励新生。", "同学们："], "王五"),
])
def test_a_speech_titled_by_its_kind_takes_the_speaker_from_its_lead(lines, speaker):
    assert extract_metadata(lines).speaker == speaker


def test_a_news_lead_names_no_speaker_when_the_title_names_no_speech():
    story = extract_metadata(["习近平会见美国国务卿", "国家主席习近平5日在人民大会堂会见美国国务卿，并发表讲话。",
                              "习近平指出，中美关系十分重要。"])
    report = extract_metadata(["资深大律师委任典礼举行", "记者从会上获悉，首席法官马道立今日出席典礼。"])
    assert (story.speaker, report.speaker) == (None, None)


def test_an_html_tag_left_in_markdown_is_no_breadcrumb():
    from searchkit.ingest.debris import debris_mask

    lines = ["<figure>", "<figcaption>終審法院首席法官馬道立。資料圖片</figcaption>", "</figure>",
             "以下是馬道立演辭全文：", "律政司司長、各位來賓："]
    assert debris_mask(lines)[3:] == [False, False]
    assert debris_mask(["首页 >", "新闻中心 >", "正文"]) == [True, True, True]


# --- speaker labels and signatures --------------------------------------------------------

@pytest.mark.parametrize("label, speaker", [
    ("主讲人：王五", "王五"),
    ("講者：香港大學校長張翔教授", "張翔"),
    ("发言人：王五（市政府副秘书长）", "王五"),
    ("演讲嘉宾：艾尔肯·吐尼亚孜", "艾尔肯·吐尼亚孜"),
    ("主讲人：待定", None),
])
def test_a_speaker_label_names_the_speaker_and_is_no_title(label, speaker):
    meta = extract_metadata(["人工智能与未来", label, "2024年5月1日", "同学们：", "今天我讲三个问题。" * 5])
    assert (meta.title, meta.speaker) == ("人工智能与未来", speaker)


@pytest.mark.parametrize("signature", [
    ["李四", "2024年1月1日"],
    ["李四　2024年1月1日"],
    ["二〇二四年一月一日", "李四"],
    ["上海市市长 李四", "2024年1月1日"],
])
def test_a_name_signed_beside_its_date_at_the_end_is_the_speaker(signature):
    meta = extract_metadata(["致全市人民的一封信", "全市人民：", "现在我讲几点意见，请大家认真落实。" * 3, "谢谢大家！",
                             *signature])
    assert (meta.date, meta.speaker) == ("2024-01-01", "李四")


def test_an_office_or_a_word_signed_beside_a_date_is_no_speaker():
    office = extract_metadata(["关于做好春节工作的通知", "各单位：", "请认真落实以下工作要求，确保节日安全。" * 3,
                               "市政府办公室", "2024年1月1日"])
    thanks = extract_metadata(["致全市人民的一封信", "全市人民：", "现在我讲几点意见，请大家认真落实。" * 3,
                               "谢谢大家", "2024年1月1日"])
    assert (office.speaker, thanks.speaker) == (None, None)


@pytest.mark.parametrize("lines", [
    ["〔注〕这是毛泽东在大会上所作结论的一部分。", "有两个问题，同志们在讨论中没有着重注意，我觉得应该提出来说一说。" * 3],
    ["【题注】这是一九三四年一月毛泽东在大会上所作结论的一部分。", "有两个问题，同志们没有着重注意。" * 3],
    ["编者按：这是1956年4月25日毛泽东在中共中央政治局扩大会议上的讲话。", "有两个问题，同志们没有着重注意。" * 3],
    ["有两个问题，同志们在讨论中没有着重注意，我觉得应该提出来说一说。" * 3, "我们要关心群众生活。" * 5,
     "说明：这是一九三四年一月毛泽东在大会上所作结论的一部分。"],  # a note printed at the end
])
def test_marked_dated_and_trailing_editors_notes_name_the_speaker(lines):
    assert extract_metadata(["关心群众生活，注意工作方法", "（一九三四年一月二十七日）", *lines]).speaker == "毛泽东"


def test_a_lead_may_date_the_speech_in_brackets():
    meta = extract_metadata(["在全国人民代表大会上的报告", "国务院总理李强5日（星期二）上午在人民大会堂作政府工作报告。",
                             "各位代表："])
    assert meta.speaker == "李强"


def test_a_speech_quoting_a_leader_in_the_first_person_is_no_editors_note():
    quoted = extract_metadata(["在全市经济工作会议上的讲话", "同志们：",
                               "这是习近平同志对我们的殷切希望和重要指示，我们要认真落实。", "下面我讲三点意见。" * 5])
    body = [f"第{i}个问题，下面我讲三点意见，请大家认真落实。" for i in range(50)]
    trailing = extract_metadata(["关心群众生活", "同志们：", *body,
                                 "这是毛泽东同志在会上的讲话，大家要认真学习。"])  # at the end, not marked as a note
    assert (quoted.speaker, trailing.speaker) == (None, None)


def test_a_title_names_its_speaker_only_up_to_a_word_end():
    # news: 李长春看望… is not a speech by 李长春看, though 常委李长春看望了 "confirms" that string
    from searchkit.ingest.metadata.speaker import speaker_in_title

    body = "报告会开始前，中共中央政治局常委李长春看望了张丽莉同志和报告团全体成员。"
    assert speaker_in_title("李长春看望张丽莉同志和先进事迹报告团成员", body) == "李长春"
