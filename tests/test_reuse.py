"""`reuse`: every paragraph pair sharing a span of at least N characters is found (recounted by brute
force with difflib's longest common substring), each span is the same text on both sides, the speech
rows sum the pairs; the CLI (with its progress bar on a terminal), the web page and the API."""

from __future__ import annotations

import json
import os
import pty
import random
import re
import subprocess
import sys
from difflib import SequenceMatcher
from html import unescape

import pytest
from rich.cells import cell_len
from starlette.testclient import TestClient
from typer.testing import CliRunner

import searchkit
from samples import GOV_REPORTS, REPO, missing
from searchkit.cli import app
from searchkit.similar.passage import content_length, covered_content
from searchkit.similar.reuse import reuse
from searchkit.text import normalize

runner = CliRunner()
CLAUSES = ["坚持稳中求进工作总基调", "深化供给侧结构性改革", "大力发展电子商务和快递物流", "促进就业创业", "扎实推进脱贫攻坚",
           "加强生态环境保护", "推动经济高质量发展", "扩大对外开放", "完善社会保障体系", "提高人民生活水平",
           "加快建设创新型国家", "保持物价总体稳定", "推进新型城镇化", "深化国有企业改革", "全面建成小康社会"]


def write_corpus(folder, seed=7):
    """Sources (2010–2011) and later speeches (2012–2013) made of shuffled clauses, so pairs share spans
    of every length; one later speech repeats itself (no reuse)."""
    rng = random.Random(seed)
    folder.mkdir()
    sources = []
    for year, count in ((2010, 3), (2011, 3), (2012, 3), (2013, 2)):
        for n in range(count):
            paragraphs = ["，".join(rng.sample(CLAUSES, rng.randint(1, 4))) + "。" for _ in range(rng.randint(2, 5))]
            sources += paragraphs if year < 2012 else []
            if year == 2012:  # one source repeated whole, with something of its own
                paragraphs.append("我们要" + max(sources, key=len) + "这是新的要求。")
            if year == 2013 and n == 0:
                paragraphs.append(paragraphs[0])
            body = "\n".join("　　" + p for p in paragraphs)
            (folder / f"s{year}-{n}.txt").write_text(f"第{year}-{n}号讲话\n——{year}年3月{n + 1}日\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    base = tmp_path_factory.mktemp("reuse")
    write_corpus(base / "corpus")
    searchkit.update_index([base / "corpus"], base / "ix")
    with searchkit.open_index(base / "ix") as index:
        yield index


def longest_shared(a: str, b: str) -> int:
    """The longest string both hold that starts and ends with a letter, digit or Han character (a
    reused span is trimmed of punctuation), by brute force."""
    a, b = normalize(a), normalize(b)
    best = 0
    for i in range(len(b)):
        if not b[i].isalnum():
            continue
        j = i
        while j < len(b) and b[i: j + 1] in a:
            j += 1
        ends = [k for k in range(i + 1, j + 1) if b[k - 1].isalnum()]
        best = max([best] + [k - i for k in ends])
    return best


def test_longest_shared_agrees_with_difflib_on_plain_text():
    for a, b in (("改革开放是发展的动力", "坚持改革开放不动摇"), ("全面建成小康社会", "建成")):
        m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        assert longest_shared(a, b) == m.size


@pytest.mark.parametrize("min_chars", [8, 15, 30])
def test_every_pair_sharing_a_long_enough_span_is_found(small, min_chars):
    result = reuse(small, {"until": "2011"}, {"since": "2012"}, min_chars=min_chars, max_sources=100, max_candidates=1000)
    a = [p for s in small.speeches(until="2011") for p in small.speech(s.speech_id)]
    b = [p for s in small.speeches(since="2012") for p in small.speech(s.speech_id)]
    expected = {(x.speech_id, x.paragraph, y.speech_id, y.paragraph) for y in b for x in a
                if longest_shared(x.text, y.text) >= min_chars}
    found = {(p.a_speech_id, p.a_paragraph, p.b_speech_id, p.b_paragraph) for p in result.pairs}
    assert found == expected and expected
    assert result.b_paragraphs == len(b)
    for p in result.pairs:
        b_norm = normalize(p.b_text)
        for a_start, a_end, b_start, b_end in p.spans:
            assert normalize(p.a_text[a_start:a_end]) == b_norm[b_start:b_end] and b_end - b_start >= min_chars
        assert p.chars == covered_content(b_norm, [(s, e) for _, _, s, e in p.spans])
        assert p.shared == round(p.chars / content_length(b_norm), 4)


def test_a_speech_never_reuses_itself_and_speech_rows_sum_the_pairs(small):
    result = reuse(small, {"since": "2010"}, {"since": "2013"}, max_sources=100)
    assert all(p.a_speech_id != p.b_speech_id for p in result.pairs)
    for row in result.speeches:
        pairs = [p for p in result.pairs if (p.a_speech_id, p.b_speech_id) == (row.a_speech_id, row.b_speech_id)]
        assert row.pairs == len(pairs) and row.b_paragraphs == len({p.b_paragraph for p in pairs})
        covered = 0
        for number in {p.b_paragraph for p in pairs}:
            text = normalize(next(p.b_text for p in pairs if p.b_paragraph == number))
            covered += covered_content(text, [(s, e) for p in pairs if p.b_paragraph == number for _, _, s, e in p.spans])
        assert row.chars == covered
        size = sum(content_length(normalize(p.text)) for p in small.speech(row.b_speech_id))
        assert row.shared == round(covered / size, 4)


def test_progress_is_reported_for_every_paragraph_of_b(small):
    calls = []
    result = reuse(small, {"until": "2011"}, {"since": "2012"}, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, result.b_paragraphs) for n in range(1, result.b_paragraphs + 1)]


@pytest.mark.parametrize("kwargs, message", [
    ({"a": {"until": "1990"}, "b": {"since": "2012"}}, "part A holds no speeches"),
    ({"a": {"until": "2011"}, "b": {"since": "2012"}, "min_chars": 2}, "--min-chars must be 4 or more"),
])
def test_bad_parts_say_what_to_do(small, kwargs, message):
    with pytest.raises(searchkit.QueryError, match=message):
        reuse(small, **kwargs)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    if not GOV_REPORTS.is_dir():
        pytest.skip(missing(GOV_REPORTS))
    index_dir = tmp_path_factory.mktemp("reuse-gov") / "ix"
    searchkit.update_index(sorted(GOV_REPORTS.glob("201[4-7]*.txt")), index_dir)
    with searchkit.open_index(index_dir) as index:
        yield index


def test_2017_report_repeats_its_predecessors(reports):
    """The thanks of ¶29 (…表示诚挚感谢！) repeat 2016's ¶27 almost whole (88 % of ¶29); 2016 is the
    report 2017 draws on most."""
    result = reuse(reports, {"until": "2016"}, {"since": "2017"})
    top = result.pairs[0]
    assert (top.b_speech_id, top.b_paragraph, top.a_speech_id, top.a_paragraph) == ("2017政府工作报告_李克强", 29, "2016政府工作报告_李克强", 27)
    assert 0.85 < top.shared < 0.9
    assert result.speeches[0].a_speech_id == "2016政府工作报告_李克强"
    assert [longest_shared(p.a_text, p.b_text) >= 15 for p in result.pairs] == [True] * len(result.pairs)


def test_cli_json_csv_and_terminal(small):
    index_dir = str(small.path)
    args = ["reuse", "--a", "until=2011", "--b", "since=2012", "--index", index_dir]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    expected = reuse(small, {"until": "2011"}, {"since": "2012"})
    assert lines[:-1] == [p.to_dict() for p in expected.pairs] and lines[-1] == expected.summary()
    assert {"a_speech_id", "a_paragraph", "b_speech_id", "b_paragraph", "shared", "spans"} <= set(lines[0])
    assert all(len(span) == 4 for span in lines[0]["spans"])
    speeches = runner.invoke(app, [*args, "--csv", "--by", "speech"])
    assert speeches.stdout.splitlines()[0] == "a_speech_id,b_speech_id,b_paragraphs,pairs,chars,shared,a_title,b_title"
    assert len(speeches.stdout.splitlines()) == len(expected.speeches) + 1
    shown = runner.invoke(app, args)
    assert shown.exit_code == 0 and "speech by speech" in shown.stdout and "«" in shown.stdout
    assert max(cell_len(line) for line in shown.stdout.splitlines()) <= 80
    bad = runner.invoke(app, ["reuse", "--a", "until=2011", "--b", "when=2012", "--index", index_dir])
    assert bad.exit_code == 2 and bad.stderr.startswith("searchkit: a scope is key=value pairs")


def test_a_terminal_gets_a_progress_bar(small):
    """stderr a real terminal (a pty): the bar is drawn there; stdout piped keeps only the results."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "80"}
    process = subprocess.Popen([sys.executable, "-m", "searchkit", "reuse", "--a", "until=2011", "--b", "since=2012",
                                "--index", str(small.path), "--json"], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    out, _ = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    assert b"reading B" in drawn and b"reading B" not in out
    assert json.loads(out.splitlines()[-1])["b_paragraphs"] > 0


def test_web_page_and_api(small, monkeypatch):
    from searchkit.web import changes_views, create_app

    client = TestClient(create_app(small.path), base_url="http://127.0.0.1:8765")
    expected = reuse(small, {"until": "2011"}, {"since": "2012"})
    assert client.get("/api/reuse", params={"a": "until=2011", "b": "since=2012"}).json() == expected.to_dict()
    page = client.get("/reuse", params={"a": "until=2011", "b": "since=2012"})
    assert page.status_code == 200
    rows = re.findall(r'<div class="side b">(.*?)</div>\s*<div class="side a">(.*?)</div>', page.text, re.S)
    assert len(rows) == min(len(expected.pairs), changes_views.SHOWN_PAIRS)
    for (b_side, a_side), pair in zip(rows, expected.pairs):
        assert [unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", b_side)] == [
            pair.b_text[s:e] for s, e in _merged([(s, e) for _, _, s, e in pair.spans])]
        assert [unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", a_side)] == [
            pair.a_text[s:e] for s, e in _merged([(s, e) for s, e, _, _ in pair.spans])]
    monkeypatch.setattr(changes_views, "MAX_B_PARAGRAPHS", 3)
    too_big = client.get("/reuse", params={"a": "until=2011", "b": "since=2012"})
    assert too_big.status_code == 400 and "run `searchkit reuse`" in unescape(too_big.text)


def _merged(spans):
    from searchkit.engine.highlight import merge

    return merge(spans)
