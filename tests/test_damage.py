"""A damaged index (issue 18, item 5): every file of a generation cut short, altered or deleted gives
every reading command the one line "INDEX is damaged (FILE …); rebuild it with …" (exit 1; the web
app: HTTP 503 with it as JSON), never an internal error and never a wrong count; `searchkit check`
names the file, and a plain `searchkit index` repairs it."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

import searchkit
from samples import SPEECH, TRADITIONAL
from searchkit.cli import app
from searchkit.errors import IndexStateError
from searchkit.storage import generations, integrity
from searchkit.text import normalize
from searchkit.web import create_app

runner = CliRunner()

SPEECHES = {
    "speech.txt": SPEECH,
    "traditional.txt": TRADITIONAL,
    "sub/reform.txt": "关于改革开放的讲话\n　　改革开放是发展经济的关键一招。\n　　我们要坚持发展经济，改善民生。\n",
    "sub/economy.txt": "经济工作报告\n　　今年经济发展稳中有进。\n　　经济结构持续优化，发展质量提高。\n　　人民生活改善。\n",
}
TERMS = ("经济", "发展", "电子商务", "改革开放", "人民")
SPEECH_ID = "sub/economy"
# Every file a generation holds, by pattern (a test below checks that nothing escapes them).
FILES = ("manifest.json", "searchkit.json", "checksums.json", "_MAIN_*.toc", "MAIN_*.seg",
         *(f"chars/*/{name}.npy" for name in ("units", "starts", "keys", "bounds", "positions", "headings")))
COMMANDS = {
    "search": ["search", "经济"], "show": ["show", SPEECH_ID], "list": ["list"], "export": ["export"],
    "stats": ["stats"], "trend": ["trend", "经济"], "kwic": ["kwic", "经济"], "similar": ["similar", "发展经济，改善民生"],
}


def brute_force(paragraphs: list[str], term: str) -> int:
    return sum(normalize(term) in normalize(text) for text in paragraphs)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(corpus, a pristine index, its paragraphs' texts, the counts of TERMS in a fresh build)."""
    base = tmp_path_factory.mktemp("damage")
    corpus = base / "corpus"
    for name, text in SPEECHES.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    searchkit.update_index([corpus], base / "pristine")
    with searchkit.open_index(base / "pristine") as index:
        texts = [p.text for p in index.paragraphs()]
        counts = {term: index.count(term, aliases=False) for term in TERMS}
    assert counts == {term: brute_force(texts, term) for term in TERMS} and all(counts.values())
    return corpus, base / "pristine", texts, counts


def copy_of(built, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the pristine index, and its live generation."""
    index_dir = tmp_path / "ix"
    shutil.copytree(built[1], index_dir)
    return index_dir, generations.live_generation(index_dir)


def one_file(generation: Path, pattern: str) -> Path:
    found = sorted(generation.glob(pattern))
    assert len(found) == 1, (pattern, found)  # the fixture's index has one segment
    return found[0]


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flip":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
    elif how == "delete":
        path.unlink()
    elif how == "garbage":
        path.write_bytes(random.Random(len(data)).randbytes(len(data)))


def counts_of(index_dir: Path) -> dict[str, int]:
    with searchkit.open_index(index_dir) as index:
        return {term: index.count(term, aliases=False) for term in TERMS}


def test_the_patterns_cover_every_file_of_a_generation(built):
    generation = generations.live_generation(built[1])
    files = {p for p in generation.rglob("*") if p.is_file() and not p.name.endswith("LOCK")}
    assert files == {one_file(generation, pattern) for pattern in FILES}


@pytest.mark.parametrize("how", ["truncate", "flip", "delete"])
@pytest.mark.parametrize("pattern", FILES)
def test_any_damaged_file_is_one_line_everywhere_then_index_repairs_it(built, tmp_path, pattern, how):
    corpus, _, _, fresh = built
    index_dir, generation = copy_of(built, tmp_path)
    target = one_file(generation, pattern)
    name = target.relative_to(index_dir).as_posix()
    damage(target, how)
    for command, args in COMMANDS.items():
        result = runner.invoke(app, [*args, "-i", str(index_dir)])
        assert result.exit_code == 1, (command, result.output)
        line = result.stderr
        assert line.startswith(f"searchkit: {index_dir} is damaged (") and line.count("\n") == 1, (command, line)
        assert "rebuild it with `searchkit index" in line and "internal error" not in line, (command, line)
        assert result.stdout == "", command
    with TestClient(create_app(index_dir), base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as web:
        response = web.get("/api/search", params={"q": "经济"})
    assert response.status_code == 503 and "is damaged" in response.json()["error"]

    checked = runner.invoke(app, ["check", "-i", str(index_dir)])
    assert checked.exit_code == 1 and f"({name}: " in checked.stderr and checked.stderr.count("\n") == 1, checked.stderr

    repaired = runner.invoke(app, ["index", str(corpus), "-i", str(index_dir), "--json"])
    if name.endswith("/manifest.json"):  # nothing says which files it was made from: only a rebuild can
        assert repaired.exit_code == 1 and "--rebuild" in repaired.stderr and repaired.stderr.count("\n") == 1
        repaired = runner.invoke(app, ["index", str(corpus), "-i", str(index_dir), "--rebuild"])
        assert repaired.exit_code == 0, repaired.output
    else:
        assert repaired.exit_code == 0, repaired.output
        report = json.loads(repaired.stdout.splitlines()[0])
        assert name in report["repaired"] and report["unchanged"] == len(SPEECHES) and report["added"] == 0
    assert counts_of(index_dir) == fresh
    assert runner.invoke(app, ["check", "-i", str(index_dir)]).exit_code == 0


@pytest.mark.parametrize("file, change", [
    ("manifest.json", lambda m: m["speeches"][SPEECH_ID].update(paragraphs="four")),
    ("manifest.json", lambda m: m.update(speeches=[])),
    ("manifest.json", lambda m: m["files"].update({"/x": 5})),
    ("searchkit.json", lambda m: m.update(format="7")),
    ("searchkit.json", lambda m: m.update(user_words=5)),
    ("searchkit.json", lambda m: m.update(checksums="no")),
])
def test_values_of_the_wrong_kind_are_damage(built, tmp_path, file, change):
    index_dir, generation = copy_of(built, tmp_path)
    data = json.loads((generation / file).read_text(encoding="utf-8"))
    change(data)
    (generation / file).write_text(json.dumps(data), encoding="utf-8")
    # Without checksums too (an index made before them): the kinds themselves are checked.
    (generation / integrity.CHECKSUMS).unlink()
    info = json.loads((generation / generations.INFO).read_text(encoding="utf-8"))
    if file == "manifest.json":
        info.pop("checksums")
        (generation / generations.INFO).write_text(json.dumps(info), encoding="utf-8")
    for args in (["export"], ["list"], ["search", "经济", "--speaker", "李"]):
        result = runner.invoke(app, [*args, "-i", str(index_dir)])
        assert result.exit_code == 1 and f"is damaged ({generation.name}/{file}: " in result.stderr, result.output
        assert result.stdout == ""


def test_index_repairs_from_the_files_the_manifest_names_wherever_they_are(built, tmp_path):
    """Given another folder, `index` still re-reads the damaged index's own files, under their own roots
    (so their speech ids stay), and adds the new folder's."""
    corpus, _, _, fresh = built
    index_dir, generation = copy_of(built, tmp_path)
    damage(one_file(generation, "chars/*/positions.npy"), "flip")
    other = tmp_path / "other"
    other.mkdir()
    (other / "new.txt").write_text("新的讲话\n　　人民至上。\n", encoding="utf-8")
    report = searchkit.update_index([other], index_dir)
    assert "positions.npy" in report.repaired and report.added_ids == ("new",) and report.unchanged == len(SPEECHES)
    with searchkit.open_index(index_dir) as index:
        assert {s.speech_id for s in index.speeches()} == {"speech", "traditional", "sub/reform", "sub/economy", "new"}
        assert index.count("人民", aliases=False) == fresh["人民"] + 1


def test_a_legacy_index_without_checksums_opens_and_gets_them_from_the_next_update(built, tmp_path):
    corpus, _, _, fresh = built
    index_dir, generation = copy_of(built, tmp_path)
    (generation / integrity.CHECKSUMS).unlink()
    info = json.loads((generation / generations.INFO).read_text(encoding="utf-8"))
    del info["checksums"]
    (generation / generations.INFO).write_text(json.dumps(info), encoding="utf-8")
    assert counts_of(index_dir) == fresh
    result = runner.invoke(app, ["check", "-i", str(index_dir)])
    assert result.exit_code == 0 and "no checksums" in result.stdout
    searchkit.update_index([corpus], index_dir)
    assert (generations.live_generation(index_dir) / integrity.CHECKSUMS).is_file()
    assert "sound" in runner.invoke(app, ["check", "-i", str(index_dir)]).stdout


def test_an_update_links_unchanged_files_and_keeps_their_checksums(built, tmp_path):
    corpus, _, _, _ = built
    index_dir, _ = copy_of(built, tmp_path)
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    searchkit.update_index([work], index_dir, rebuild=True)
    (work / "more.txt").write_text("补充讲话\n　　经济向好。\n", encoding="utf-8")
    searchkit.update_index([work], index_dir)
    result = runner.invoke(app, ["check", "-i", str(index_dir), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["checksums"] is True


# -- random flips: an error or the exact count, never a wrong count -----------------------------------

def _flip_and_count(built, tmp_path, rng, names) -> str:
    _, _, texts, fresh = built
    index_dir, generation = copy_of(built, tmp_path)
    target = one_file(generation, f"chars/*/{rng.choice(names)}.npy")
    data = bytearray(target.read_bytes())
    for _ in range(rng.randint(1, 3)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    target.write_bytes(bytes(data))
    try:
        counts = counts_of(index_dir)
    except IndexStateError as error:
        assert "is damaged" in str(error)
        return "error"
    finally:
        shutil.rmtree(index_dir)
    assert counts == {term: brute_force(texts, term) for term in TERMS} == fresh
    return "exact"


def test_random_flips_in_the_character_index_are_an_error_or_the_exact_count(built, tmp_path):
    rng = random.Random(18)
    outcomes = [_flip_and_count(built, tmp_path, rng, ("starts", "positions", "units")) for _ in range(30)]
    assert outcomes.count("error") == 30  # small files: their bytes are checked on every open


def test_random_flips_in_large_files_are_caught_as_searches_read_them(built, tmp_path, monkeypatch):
    """As in a large index, whose offsets and pair tables are too big to read on every open: starts.npy
    is checked from the array opening loads, and a search checks the offsets it reads against the
    characters they point at, and the offsets just outside its pair's run."""
    monkeypatch.setattr(integrity, "WHOLE_ON_OPEN", 0)
    rng = random.Random(5)
    outcomes = [_flip_and_count(built, tmp_path, rng, ("positions", "starts", "keys", "bounds")) for _ in range(48)]
    assert "error" in outcomes and "exact" in outcomes  # both happened: flips where no search looked, too


@pytest.mark.parametrize("how", ["truncate", "flip", "garbage"])
def test_a_damaged_current_pointer_is_one_line_and_rebuild_mends_it(built, tmp_path, how):
    corpus, _, _, fresh = built
    index_dir, _ = copy_of(built, tmp_path)
    damage(index_dir / generations.CURRENT, how)
    for args in (["search", "经济"], ["list"], ["check"], ["index", str(corpus)]):
        result = runner.invoke(app, [*args, "-i", str(index_dir)])
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, (args, result.output)
        assert "is damaged (CURRENT " in result.stderr and "--rebuild" in result.stderr
    assert runner.invoke(app, ["index", str(corpus), "-i", str(index_dir), "--rebuild"]).exit_code == 0
    assert counts_of(index_dir) == fresh


def test_checksums_left_stale_by_a_searchkit_that_writes_none_are_ignored(built, tmp_path):
    """An older searchkit updating the index links checksums.json into its new generation unchanged and
    writes an info file without the mark: that index is one without checksums, not a damaged one."""
    corpus, _, _, fresh = built
    index_dir, generation = copy_of(built, tmp_path)
    (generation / "manifest.json").write_bytes((generation / "manifest.json").read_bytes() + b" ")
    info = json.loads((generation / generations.INFO).read_text(encoding="utf-8"))
    del info["checksums"]
    (generation / generations.INFO).write_text(json.dumps(info), encoding="utf-8")
    assert counts_of(index_dir) == fresh
    report = searchkit.update_index([corpus], index_dir)
    assert not report.repaired and report.unchanged == len(SPEECHES)
    assert "sound" in runner.invoke(app, ["check", "-i", str(index_dir)]).stdout
