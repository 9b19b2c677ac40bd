"""Heading detection: ordinal-marked headings, short unmarked headings, and the look-alikes
(enumeration, prose, metadata lines, page debris) that must not split a speech into sections."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package may not be installed in the test environment
    sys.path.insert(0, str(ROOT))

from searchkit.ingest.structure import heading_level, is_heading  # noqa: E402

from samples import GOV_REPORTS as CORPUS, SEEDS, missing  # noqa: E402

SEED = SEEDS / "000_8aae22a1a1b05926.txt"  # in the repository, not only in the shared data


@pytest.mark.parametrize("line, level", [
    ("第一章 总则", 1),
    ("第一部分", 1),
    ("第二部分　关于今后五年的主要任务", 1),
    ("第十二章", 1),
    ("一、2013年工作回顾", 2),
    ("一、 过去五年工作回顾", 2),
    ("十一、加强政府自身建设", 2),
    ("第一，进一步稳定和加强农业", 2),
    ("第一、关于基本建设", 2),
    ("（一）积极扩大内需", 3),
    ("(一)积极扩大内需", 3),
    ("（二）进一步加强“三农”工作。", 3),  # reports often end heading sentences with 。
    ("（三）加大统筹城乡发展力度，强化农业农村发展基础", 3),
    ("杭州企业度难关的杀手锏", 4),
    ("过去五年的回顾", 4),
    ("“十一五”时期主要成就", 4),
    ("1964年国务院政府工作报告（摘要）", 4),
    ("团结起来，为建设社会主义的现代化强国而奋斗", 4),
    ("一", 4),
])
def test_headings(line, level):
    assert is_heading(line)
    assert heading_level(line) == level


@pytest.mark.parametrize("line", [
    # inline enumeration
    "1. 加快发展现代服务业",
    "1、加快发展现代服务业",
    "（1）加快发展现代服务业",
    "①加快发展现代服务业",
    "一是大力做好电子商务应用",
    "——坚持稳中求进",
    # ordinal lines that are prose or list items inside a sentence
    "一、坚持以经济建设为中心，不断深化改革，扩大开放，促进经济持续健康发展，全面建成小康社会。",
    "一、继续保持财政收支的平衡，增加财政和物资的后备力量；",
    "（一）加强和改善宏观调控。去年我们实施积极的财政政策和稳健的货币政策。",
    "二、" + "推进" * 35,
    # unmarked prose
    "各位代表：",
    "各位代表!",
    "各位代表！",
    "谢谢大家。",
    "他说：“要把工作做实。”",
    "这是第一句。这是第二句",
    "尊敬的杨市长、尊敬的聂司长，各位领导、各位来宾、大家上午好！",
    "现在，我代表国务院，向大会作政府工作报告，请予审议，并请全国政协各位委员提出意见",
    # metadata and debris
    "——2014年3月5日在第十二届全国人民代表大会第二次会议上",
    "（2026年1月27日在浙江省第十四届人民代表大会第四次会议上）",
    "2025-11-01 12:01:08",
    "新华社北京10月25日电",
    "国务院总理　李克强",
    "浙江省省长 刘捷",
    "周恩来",
    "龚 正",
    "下载",
    "关闭窗口",
    "首页 > 新闻 > 正文",
    "来源：浙江日报",
    "责任编辑：王小明",
    # nothing to head
    "",
    "2009",
    "Chapter",
])
def test_not_headings(line):
    assert not is_heading(line)


def test_seed_speech_sections():
    if not SEED.exists():
        pytest.skip(missing(SEED))
    lines = [s for s in (ln.strip(" \t\u3000") for ln in SEED.read_text(encoding="utf-8").splitlines()) if s]
    headings = [ln for ln in lines if is_heading(ln)]
    assert headings[-5:] == [
        "杭州企业度难关的杀手锏", "电子商务引发就业革命", "杭州企业拓市场的杀手锏",
        "杭州调结构、促转型的先机", "杭州未来四大发展重点",
    ]


def test_corpus_headings_are_a_minority_and_include_numbered_sections():
    if not CORPUS.is_dir():
        pytest.skip(missing(CORPUS))
    path = CORPUS / "2014政府工作报告_李克强.txt"
    if not path.exists():
        pytest.skip("2014 report not present")
    lines = [s for s in (ln.strip(" \t\u3000") for ln in path.read_text(encoding="utf-8").splitlines()) if s]
    headings = [ln for ln in lines if is_heading(ln)]
    assert "一、2013年工作回顾" in headings
    assert len(headings) < len(lines) / 3
    assert not any(ln.startswith("——") for ln in headings)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="一二三四五六七八九十、（）()第章部分是1.：。，！…”“——年月日在会议上总理李克强改革发展 \u3000", max_size=90))
def test_never_raises_and_long_sentences_are_not_headings(line):
    level = heading_level(line)
    assert level in (None, 1, 2, 3, 4)
    assert is_heading(line) == (level is not None)
    if len("".join(line.split())) > 60:
        assert level is None
