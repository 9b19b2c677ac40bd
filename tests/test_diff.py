"""`diff`: every paragraph of each side in exactly one item (a property, on generated pairs of texts),
moves told from drops and additions, changed characters that turn A into B, and the 2016 and 2017
government work reports checked by hand. The CLI and the web page are in test_diff_front.py."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import searchkit
from samples import GOV_REPORTS, missing
from searchkit.diff import KINDS, diff_paragraphs
from searchkit.text import normalize

CLAUSES = ["坚持稳中求进工作总基调", "深化供给侧结构性改革", "大力发展电子商务", "促进就业创业", "扎实推进脱贫攻坚",
           "加强生态环境保护", "推动经济高质量发展", "扩大对外开放", "完善社会保障体系", "提高人民生活水平",
           "加快建设创新型国家", "保持物价总体稳定", "推进新型城镇化", "深化国有企业改革"]


def paragraph(rng: random.Random) -> str:
    return "，".join(rng.sample(CLAUSES, rng.randint(1, 4))) + "。" + rng.choice(["", "今年要再接再厉。", "各位代表！"])


@st.composite
def text_pairs(draw):
    """A list of paragraphs and what a redraft made of it: blocks moved, paragraphs inserted, deleted
    and edited character by character."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    a = [paragraph(rng) for _ in range(draw(st.integers(0, 14)))]
    b = list(a)
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["move", "insert", "delete", "edit", "duplicate"]))
        if action == "insert" or not b:
            b.insert(rng.randint(0, len(b)), paragraph(rng))
        elif action == "delete":
            b.pop(rng.randrange(len(b)))
        elif action == "move":
            start = rng.randrange(len(b))
            block = b[start: start + rng.randint(1, 3)]
            del b[start: start + len(block)]
            at = rng.randint(0, len(b))
            b[at:at] = block
        elif action == "duplicate":
            b.insert(rng.randint(0, len(b)), rng.choice(b))
        else:
            k = rng.randrange(len(b))
            text = b[k]
            cut = rng.randrange(len(text) + 1)
            b[k] = text[:cut] + rng.choice(["新", "全面", "", "　", "ＡＩ"]) + text[cut + rng.randint(0, 3):]
    return a, b


def apply(item) -> str:
    """B's normalized text rebuilt from A's and the changes: equal runs from A, changed ones from B."""
    a, b = normalize(item.a_text), normalize(item.b_text)
    out, position = [], 0
    for c in item.changes:
        out.append(a[position:c.a_start])
        out.append(b[c.b_start:c.b_end])
        position = c.a_end
    out.append(a[position:])
    return "".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_pairs())
def test_every_paragraph_is_in_exactly_one_item_and_the_changes_rebuild_b(pair):
    a, b = pair
    result = diff_paragraphs(a, b)
    assert sorted(x.a_paragraph for x in result.items if x.a_paragraph is not None) == list(range(1, len(a) + 1))
    assert sorted(x.b_paragraph for x in result.items if x.b_paragraph is not None) == list(range(1, len(b) + 1))
    # The items follow B.
    shown = [x.b_paragraph for x in result.items if x.b_paragraph is not None]
    assert shown == sorted(shown)
    assert sum(result.counts.values()) == len(result.items) and set(result.counts) == set(KINDS)
    for x in result.items:
        assert (x.a_paragraph is None) == (x.kind == "added") and (x.b_paragraph is None) == (x.kind == "dropped")
        if x.kind in ("added", "dropped"):
            assert len(x.changes) == 1
            continue
        assert x.a_text == a[x.a_paragraph - 1] and x.b_text == b[x.b_paragraph - 1]
        ends = [(c.a_start, c.a_end, c.b_start, c.b_end) for c in x.changes]
        assert all(a1 <= a2 and b1 <= b2 and (a1 < a2 or b1 < b2) for a1, a2, b1, b2 in ends)
        assert all(p[1] <= q[0] and p[3] <= q[2] for p, q in zip(ends, ends[1:]))
        if x.changes:
            assert apply(x) == normalize(x.b_text)
        else:  # the same words; whitespace alone is no change
            assert "".join(normalize(x.a_text).split()) == "".join(normalize(x.b_text).split())
        assert (x.kind == "kept") == (not x.changes and x.kind != "moved")
    # Kept and reworded pairs keep their order; only moves may cross them.
    in_order = [(x.a_paragraph, x.b_paragraph) for x in result.items if x.kind in ("kept", "reworded")]
    assert [i for i, _ in in_order] == sorted(i for i, _ in in_order)
    if a == b:
        assert result.counts["kept"] == len(a) and result.new_share == 0


def test_a_moved_paragraph_is_moved_not_dropped_and_added():
    a = [f"第{n}段。" + "，".join(CLAUSES[n: n + 3]) + "。" for n in range(8)]
    b = a[:2] + a[3:7] + [a[2]] + a[7:]
    result = diff_paragraphs(a, b)
    assert [(x.kind, x.a_paragraph, x.b_paragraph) for x in result.items if x.kind != "kept"] == [("moved", 3, 7)]
    assert result.counts == {"kept": 7, "reworded": 0, "added": 0, "dropped": 0, "moved": 1} and result.new_share == 0


def test_a_reworded_paragraph_marks_the_changed_characters():
    a = ["各位代表：", "今年国内生产总值增长6.5%左右，城镇新增就业1100万人以上。", "我们要坚定信心。"]
    b = ["各位代表：", "今年国内生产总值增长6%左右，城镇新增就业1100万人以上，物价总体稳定。", "我们要坚定信心。", "谢谢大家。"]
    result = diff_paragraphs(a, b)
    assert [(x.kind, x.a_paragraph, x.b_paragraph) for x in result.items] == [
        ("kept", 1, 1), ("reworded", 2, 2), ("kept", 3, 3), ("added", None, 4)]
    reworded = result.items[1]
    assert [(c.op, reworded.a_text[c.a_start:c.a_end], reworded.b_text[c.b_start:c.b_end]) for c in reworded.changes] == [
        ("delete", ".5", ""), ("insert", "", "，物价总体稳定")]
    assert 0 < result.new_share < 0.5


def test_whitespace_and_width_alone_keep_a_paragraph():
    result = diff_paragraphs(["国务院总理 李克强", "ＡＩ发展"], ["国务院总理　李克强", "AI发展"])
    assert [x.kind for x in result.items] == ["kept", "kept"]


def test_unrelated_paragraphs_are_dropped_and_added():
    result = diff_paragraphs(["加强生态环境保护，打好蓝天保卫战。"], ["今天天气很好，我们去公园散步吧。"])
    assert [(x.kind, x.a_paragraph, x.b_paragraph) for x in result.items] == [("dropped", 1, None), ("added", None, 1)]
    assert result.new_share == 1 and result.dropped_share == 1


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    if not GOV_REPORTS.is_dir():
        pytest.skip(missing(GOV_REPORTS))
    index_dir = tmp_path_factory.mktemp("diff-gov") / "ix"
    files = [GOV_REPORTS / f"{year}政府工作报告_李克强.txt" for year in (2016, 2017)]
    searchkit.update_index(files, index_dir)
    with searchkit.open_index(index_dir) as index:
        yield index


def test_2016_and_2017_work_reports(reports):
    """Checked by hand, reading both texts: B's paragraphs 1–16 and A's 1–14 make 1 kept (¶3 → ¶3, 国务院总理
    李克强, the space alone differs), 11 reworded (the title and date line with the year; A¶5 → B¶4, which
    opens with the 各位代表 that was A¶4 alone; the heading 一、2015年 → 2016年工作回顾; A¶7 → B¶6,
    过去一年… rewritten, 25 % alike; the bullets ——经济运行, ——结构调整 → ——经济结构加快调整,
    ——发展新动能, ——人民生活 (A¶8–11 → B¶7, 10, 11, 13); 回顾过去一年 A¶13 → B¶15; 一年来，我们主要做
    了以下工作 A¶14 → B¶16, only ：→。), 4 added (B¶8 ——就业增长超出预期, B¶9 ——改革开放深入推进,
    B¶12 ——基础设施, B¶14 the G20 summit in Hangzhou: no paragraph of 2016 is about them) and 2
    dropped (A¶4 各位代表：, merged into B¶4; A¶12 C919 and 屠呦呦, in no paragraph of 2017). The one
    move: the heading 三、2016年重点工作 (A¶44) comes before 2016's targets and after 2017's (B¶45)."""
    result = reports.diff("2016政府工作报告_李克强", "2017政府工作报告_李克强")
    head = [x for x in result.items if (x.b_paragraph or 99) <= 16 or (x.kind == "dropped" and x.a_paragraph <= 14)]
    assert sorted(x.b_paragraph for x in head if x.b_paragraph) == list(range(1, 17))
    assert sorted(x.a_paragraph for x in head if x.a_paragraph) == list(range(1, 15))
    kinds = {kind: [(x.a_paragraph, x.b_paragraph) for x in head if x.kind == kind] for kind in KINDS}
    assert kinds["kept"] == [(3, 3)]
    assert kinds["reworded"] == [(1, 1), (2, 2), (5, 4), (6, 5), (7, 6), (8, 7), (9, 10), (10, 11), (11, 13), (13, 15), (14, 16)]
    assert kinds["added"] == [(None, 8), (None, 9), (None, 12), (None, 14)]
    assert kinds["dropped"] == [(4, None), (12, None)]
    assert [(x.a_paragraph, x.b_paragraph) for x in result.items if x.kind == "moved"] == [(44, 45)]
    title = result.items[0]
    assert [(c.a_start, c.a_end, c.b_start, c.b_end) for c in title.changes] == [(3, 4, 3, 4)]  # 2016 → 2017
    # The whole reports, as aligned now (108 and 107 paragraphs; most of 2017 is new wording).
    assert (result.a_paragraphs, result.b_paragraphs) == (108, 107)
    assert result.counts == {"kept": 1, "reworded": 60, "added": 45, "dropped": 46, "moved": 1}
    assert 0.8 < result.new_share < 0.9
