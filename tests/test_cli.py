import json
import shutil

from typer.testing import CliRunner

from samples import SEEDS
from searchkit.cli import app
from cli_json import json_lines, search_json  # noqa: F401

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)




def test_index_then_search_json_contract(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    result = run("index", corpus, "--index", index_dir, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("added", "updated", "removed", "unchanged", "paragraphs")} == {
        "added": 2, "updated": 0, "removed": 0, "unchanged": 0, "paragraphs": 7,
    }
    result = run("search", "人民银行", "--index", index_dir, "--json")
    assert result.exit_code == 0, result.output
    [hit] = json_lines(result.stdout)
    assert set(hit) >= {"speech_id", "paragraph", "score", "text", "snippet", "matches", "title", "speaker", "date", "source"}
    assert [hit["text"][s:e] for s, e in hit["matches"]] == ["人民银行", "人民银行"]
    assert hit["speech_id"] == "speech" and hit["paragraph"] == 2


def test_search_terminal_output_shows_metadata_and_snippet(corpus, tmp_path):
    run("index", corpus, "--index", tmp_path / "ix")
    result = run("search", "马克思主义", "--index", tmp_path / "ix")
    assert result.exit_code == 0
    assert "1 paragraph matches" in result.stdout and "1 paragraphs" not in result.stdout
    assert "speech ¶4" in result.stdout and "马克思主义是我们的指导思想" in result.stdout


def test_search_limit_offset(corpus, tmp_path):
    run("index", corpus, "--index", tmp_path / "ix")
    every = json_lines(run("search", "电子商务", "--index", tmp_path / "ix", "--json", "--limit", "10").stdout)
    page = json_lines(run("search", "电子商务", "--index", tmp_path / "ix", "--json", "-n", "1", "--offset", "2").stdout)
    assert len(every) == 4 and page == every[2:3]


def test_show_export_stats(corpus, tmp_path):
    ix = tmp_path / "ix"
    run("index", corpus, "--index", ix)
    shown = run("show", "speech", "--paragraph", "3", "--context", "1", "--index", ix)
    assert shown.exit_code == 0 and "人民银行" in shown.stdout and "马克思" in shown.stdout and "ＡＩ" not in shown.stdout
    exported = json_lines(run("export", "--index", ix).stdout)
    assert len(exported) == 7
    assert set(exported[0]) >= {"speech_id", "paragraph", "text", "title", "speaker", "date", "source"}
    assert "score" not in exported[0] and "matches" not in exported[0]
    stats = json.loads(run("stats", "--index", ix, "--json").stdout)
    assert stats["speeches"] == 2 and stats["paragraphs"] == 7


def test_env_var_names_the_index(corpus, tmp_path):
    env = {"SEARCHKIT_INDEX": str(tmp_path / "env-ix")}
    assert run("index", corpus, env=env).exit_code == 0
    assert len(json_lines(run("search", "电子商务", "--json", env=env).stdout)) == 4


def test_first_search_builds_the_default_index_from_seeds(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SEARCHKIT_INDEX", raising=False)
    result = run("search", "电子商务", "--json")
    assert result.exit_code == 0, result.output
    hits = json_lines(result.stdout)
    assert len(hits) == 10
    for hit in hits:
        assert hit["matches"] and all(hit["text"][s:e] == "电子商务" for s, e in hit["matches"])
    assert (tmp_path / "indexes" / "speeches" / "CURRENT").exists()


def test_errors_are_one_line_with_exit_codes(tmp_path):
    missing = run("search", "电子商务", "--index", tmp_path / "none")
    assert missing.exit_code == 1
    assert missing.stderr.count("\n") == 1 and "no index at" in missing.stderr
    assert run("index", tmp_path / "nowhere", "--index", tmp_path / "ix").exit_code == 1
    run("index", SEEDS, "--index", tmp_path / "ix")
    for query in ['"', "OR", "-杭州", ""]:
        result = run("search", query, "--index", tmp_path / "ix")
        assert result.exit_code == 2, query
        assert result.stderr.startswith("searchkit: ") and result.stderr.count("\n") == 1
    assert run("search", "电子商务", "--limit", "-3", "--index", tmp_path / "ix").exit_code == 2
    unknown = run("show", "nope", "--index", tmp_path / "ix")
    assert unknown.exit_code == 1 and "no speech 'nope'" in unknown.stderr


def test_debug_shows_the_traceback(tmp_path):
    result = run("--debug", "search", "x", "--index", tmp_path / "none")
    assert result.exit_code == 1 and result.exception is not None
