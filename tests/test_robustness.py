"""Random and hostile input: never a traceback, never lost data."""


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import searchkit
from samples import SEEDS
from searchkit.cli import app
from cli_json import search_json
from searchkit.errors import InputError
from searchkit.ingest.readers import decode, read_file
from searchkit.ingest.speeches import make_speech

runner = CliRunner()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_cleanly(data):
    try:
        text = decode(data, "f.txt")
    except InputError as error:
        assert "f.txt" in str(error) and "\n" not in str(error)
    else:
        assert isinstance(text, str)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_makes_a_speech_that_keeps_its_words(tmp_path, text):
    file = tmp_path / "s.txt"
    file.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        documents = list(read_file(tmp_path, file))
    except InputError:
        return
    for document in documents:
        speech = make_speech(document)
        assert len(speech.sections) == len(speech.paragraphs)
        assert all(p == p.strip() and p for p in speech.paragraphs)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=40), st.just("{"), st.just('{"text": 5}')), max_size=5))
def test_any_jsonl_lines_read_or_are_reported(tmp_path, lines):
    file = tmp_path / "x.jsonl"
    file.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    try:
        items = list(read_file(tmp_path, file))
    except InputError:
        return
    for item in items:
        assert hasattr(item, "reason") or hasattr(item, "text")


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("robust") / "ix"
    searchkit.update_index([SEEDS], index_dir)
    return index_dir


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(list('电子商务杭州 ()"“”-（），。\\*?~^:[]{}!') + [" OR ", " NOT ", " AND "]), max_size=20))
def test_cli_search_never_tracebacks(seed_index, pieces):
    query = "".join(pieces)
    # after `--` every argument is a query word, even one that looks like an option
    result = runner.invoke(app, ["search", "--index", str(seed_index), "--json", "--", query])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        for hit in search_json(result.stdout)[0]:
            assert all(0 <= s < e <= len(hit["text"]) for s, e in hit["matches"])
    else:
        assert result.stderr.startswith("searchkit: ") and result.stderr.count("\n") == 1


ODD_COMMANDS = [
    ["search", "", "--index", "{ix}"],
    ["search", '"unbalanced', "--index", "{ix}"],
    ["search", "((电子商务", "--index", "{ix}"],
    ["search", "OR NOT AND", "--index", "{ix}"],
    ["search", "电子" * 600, "--index", "{ix}"],
    ["search", "电子商务", "--limit", "-1", "--index", "{ix}"],
    ["search", "电子商务", "--index", "{missing}"],
    ["index", "{missing}", "--index", "{ix}"],
    ["show", "no-such-speech", "--index", "{ix}"],
    ["show", "000_8aae22a1a1b05926", "--paragraph", "999", "--index", "{ix}"],
    ["kwic", "电子商务", "--width", "-5", "--index", "{ix}"],
    ["trend", "电子商务", "--by", "month", "--index", "{ix}"],
    ["list", "--since", "yesterday", "--index", "{ix}"],
]


@pytest.mark.parametrize("command", ODD_COMMANDS, ids=lambda c: " ".join(c)[:40])
def test_odd_commands_give_one_line_and_nonzero_exit(seed_index, tmp_path, command):
    args = [a.format(ix=seed_index, missing=tmp_path / "missing") for a in command]
    result = runner.invoke(app, args)
    if result.exit_code == 0:  # a sensible literal reading is allowed, as long as it is a result
        assert "Traceback" not in result.output
        return
    assert result.exit_code in (1, 2)
    assert result.stderr.startswith("searchkit: ") and result.stderr.count("\n") == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_plain_pytest_run_says_why_tests_skip(tmp_path):
    """Without the shared data, `pytest` (no options) names each skipped test and where to put the data."""
    import os
    import subprocess
    import sys

    from samples import REPO

    env = {**os.environ, "SEARCHKIT_SHARED": str(tmp_path / "nowhere"), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_search.py", "-q", "-p", "no:cacheprovider"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    skipped = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert done.returncode == 0 and skipped, done.stdout[-2000:]
    assert all(f"{tmp_path / 'nowhere'}/corpus/gov-work-reports is not here" in line and "SEARCHKIT_SHARED" in line
               for line in skipped)
