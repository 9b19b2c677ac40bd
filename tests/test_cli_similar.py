"""`searchkit similar` from the command line: passage from TEXT, stdin, a file or an indexed paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import searchkit
from searchkit.text import normalize
from cli_json import json_lines
from searchkit.cli import app
from test_similar import PASSAGE, RECORDS, SOURCE, TWIN_PASSAGE

runner = CliRunner()


@pytest.fixture
def ix(tmp_path: Path) -> Path:
    corpus = tmp_path / "reuse.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    assert runner.invoke(app, ["index", str(corpus), "--index", str(tmp_path / "ix")]).exit_code == 0
    return tmp_path / "ix"


def run(*args, input=None):
    return runner.invoke(app, ["similar", *map(str, args)], input=input)


def hits_of(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json_lines(result.stdout)


def test_text_argument_json_has_exact_spans_and_share(ix):
    hits = hits_of(run(PASSAGE, "--index", ix, "--json"))
    assert (hits[0]["speech_id"], hits[0]["paragraph"]) == ("law", 1) and hits[0]["shared"] > 0.8
    for hit in hits:
        assert 0 <= hit["shared"] <= 1
        for (s, e), (ps, pe) in zip(hit["matches"], hit["passage_matches"], strict=True):
            assert normalize(hit["text"][s:e]) == normalize(PASSAGE[ps:pe])


def test_stdin_when_no_text_or_dash(ix):
    typed = hits_of(run(PASSAGE, "--index", ix, "--json"))
    assert hits_of(run("--index", ix, "--json", input=PASSAGE)) == typed
    assert hits_of(run("-", "--index", ix, "--json", input=PASSAGE.encode("gb18030"))) == typed


def test_file(ix, tmp_path):
    passage_file = tmp_path / "passage.txt"
    passage_file.write_bytes(PASSAGE.encode("utf-16"))
    assert hits_of(run("--file", passage_file, "--index", ix, "--json")) == hits_of(run(PASSAGE, "--index", ix, "--json"))


def test_indexed_paragraph_is_the_passage_and_never_a_result(ix):
    hits = hits_of(run("--speech", "law", "--paragraph", "1", "--index", ix, "--json"))
    assert ("law", 1) not in {(h["speech_id"], h["paragraph"]) for h in hits}
    assert hits[0]["speech_id"] == "copy"
    whole = hits_of(run("--speech", "law", "--index", ix, "--json"))
    assert "law" not in {h["speech_id"] for h in whole}


def test_filters_by_and_limit(ix):
    assert {h["speech_id"] for h in hits_of(run(PASSAGE, "--speaker", "市政府", "--index", ix, "--json"))} == {"copy"}
    assert len(hits_of(run(PASSAGE, "-n", "1", "--index", ix, "--json"))) == 1
    passage = SOURCE + "财政部门依法对政府采购项目的预算执行情况实施监督。"
    ids = [h["speech_id"] for h in hits_of(run(passage, "--by", "speech", "--index", ix, "--json"))]
    assert len(ids) == len(set(ids))


def test_terminal_output_marks_reused_text_and_says_how_much_is_shared(ix):
    result = run(PASSAGE, "--index", ix)
    assert result.exit_code == 0, result.output
    assert "law ¶1" in result.stdout and "shares" in result.stdout and "% of the passage" in result.stdout
    assert "建立健全招标投标监督机制" in result.stdout
    one = run(PASSAGE, "-n", "1", "--index", ix).stdout
    assert "1 paragraph sharing" in one and "1 paragraphs" not in one
    assert "1 speech (its best paragraph) sharing" in run(PASSAGE, "-n", "1", "--by", "speech", "--index", ix).stdout


def test_csv(ix):
    result = run(PASSAGE, "--index", ix, "--csv")
    assert result.exit_code == 0
    header, first = result.stdout.splitlines()[:2]
    assert header.startswith("speech_id,paragraph,score,shared") and first.startswith("law,1,")


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["，。"], 2, "no words"),
        ([""], 2, "no words"),
        (["--paragraph", "1"], 2, "--paragraph needs --speech"),
        (["--speech", "law", "--paragraph", "9"], 1, "not 9"),
        (["--speech", "nope"], 1, "no speech 'nope'"),
        (["text", "--speech", "law"], 2, "not as TEXT and --speech"),
        (["--file", "/nonexistent/passage.txt"], 1, "cannot be read"),
        (["法律", "--by", "chapter"], 2, "by must be one of"),
        (["法律", "--since", "2020-02-30"], 2, "real date"),
    ],
)
def test_bad_input_is_one_line(ix, args, code, message):
    result = run(*args, "--index", ix)
    assert result.exit_code == code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_empty_stdin_is_one_line(ix):
    result = run("--index", ix, input="")
    assert result.exit_code == 2 and "no words" in result.stderr


def test_search_with_a_pasted_passage_points_to_similar_and_still_finds_its_source(ix):
    result = runner.invoke(app, ["search", SOURCE, "--index", str(ix), "--json"])
    assert result.exit_code == 0
    assert "searchkit similar" in result.stderr
    assert [(h["speech_id"], h["paragraph"]) for h in hits_of(result)] == [("law", 1)]
    short = runner.invoke(app, ["search", "招标投标", "--index", str(ix), "--json"])
    assert short.exit_code == 0 and "similar" not in short.stderr


def test_the_passages_title_from_the_option_or_from_its_indexed_speech(tmp_path):
    article = "本条例所称公用设施，是指城市公用设施的规划、建设和运行管理。"
    records = [{"id": topic, "title": f"省{topic}条例", "text": article} for topic in ("供热", "供水")]
    records.append({"id": "city", "title": "某市供热管理办法", "text": TWIN_PASSAGE})
    corpus = tmp_path / "twins.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    ix = tmp_path / "ix"
    assert runner.invoke(app, ["index", str(corpus), "--index", str(ix)]).exit_code == 0
    by_option = hits_of(run(TWIN_PASSAGE, "--passage-title", "某市供水管理办法", "--index", ix, "--json"))
    assert [h["speech_id"] for h in by_option[:2]] == ["city", "供水"]  # the passage itself is indexed here
    from_speech = hits_of(run("--speech", "city", "--paragraph", "1", "--index", ix, "--json"))
    assert [h["speech_id"] for h in from_speech] == ["供热", "供水"]
    overridden = hits_of(run("--speech", "city", "-p", "1", "--passage-title", "某市供水管理办法", "--index", ix, "--json"))
    assert [h["speech_id"] for h in overridden] == ["供水", "供热"]
    switched_off = hits_of(run("--speech", "city", "-p", "1", "--passage-title", "", "--index", ix, "--json"))
    with searchkit.open_index(ix) as index:
        plain = index.similar(TWIN_PASSAGE, exclude=[("city", 1)])
    assert [(h["speech_id"], h["score"]) for h in switched_off] == [(h.speech_id, h.score) for h in plain]
