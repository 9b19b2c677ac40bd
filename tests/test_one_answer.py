"""One answer: the library, the CLI (`search --json`) and the web API (/api/search) are thin shells over
one `search` call with the same defaults, so every query gives the same hits, in the same order, with
the same total from all three; and nothing process-global (another index with its own word list,
collocates, similar) changes what an index answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from typer.testing import CliRunner

import searchkit
from searchkit.cli import app as cli_app
from searchkit.language import collocates
from searchkit.web.app import create_app

from cli_json import search_json
from test_filters import write_corpus
from web_samples import BASE

# Beside test_filters' eleven speeches: the curated aliases (十八大 = 党的十八大 = 中国共产党第十八次全国代表大会,
# 一带一路 = 丝绸之路经济带和21世纪海上丝绸之路), traditional script, and words repeated for many hits.
EXTRA_SPEECHES = {
    "congress-2013.txt": """学习贯彻党的十八大精神的讲话
——2013年1月5日在新进中央委员会的委员、候补委员学习贯彻党的十八大精神研讨班上
中共中央总书记　习近平
同志们：
　　党的十八大是在我国进入全面建成小康社会决定性阶段召开的一次十分重要的大会。
　　中国共产党第十八次全国代表大会以来，我们坚持改革开放，改革改革再改革，发展发展再发展。
　　十八大报告提出全面深化改革，十八大以来互联网发展迅速。
""",
    "belt-2017.txt": """携手推进一带一路建设
——2017年5月14日在“一带一路”国际合作高峰论坛开幕式上的演讲
中华人民共和国主席　习近平
尊敬的各位来宾：
　　丝绸之路经济带和21世纪海上丝绸之路，是合作之路、发展之路。
　　一带一路建设坚持改革开放，推动互联网合作，发展电子商务。
　　推进一带一路，促进合作共赢，合作合作再合作。
""",
    "trad-belt.txt": """推進一帶一路建設的講話
　　推進「一帶一路」建設，堅持改革開放，學習貫徹黨的十八大精神。
　　發展互聯網經濟，擴大就業，創新驅動發展。
""",
}

# Words of the corpus (simplified, traditional, aliases), the frequent ones weighted up so that most
# queries have hits, and a few words that are not in it.
COMMON = ["改革", "发展", "改革开放", "互联网", "合作", "十八大", "一带一路", "開放", "發展"]
RARE = [
    "电子商务", "就业", "科学发展观", "创新", "創新", "党的十八大", "中国共产党第十八次全国代表大会", "丝绸之路",
    "亚太经合组织", "APEC", "一帶一路", "黨的十八大", "量子计算", "火星探测", "xyz",
]
WORDS = COMMON * 4 + RARE
NOTHING_TO_SEARCH = ["", "，", "-改革", "NOT 改革", "OR", '""']
SPEAKERS = [None, "李克强", "克强", "温", "习近平", "習近平", "張高麗", "nobody"]
SINCES = [None, "2008", "2013", "2014-03", "2015"]
UNTILS = [None, "2010", "2014", "2016-12"]
SORTS = [None, "relevance", "date", "-date"]

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = write_corpus(tmp_path_factory.mktemp("one-answer") / "corpus")
    for name, text in EXTRA_SPEECHES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def index_dir(corpus, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("one-answer-index") / "index"
    report = searchkit.update_index([corpus], folder)
    assert report.skipped == (), report.skipped
    return folder


@pytest.fixture(scope="module")
def client(index_dir):
    with TestClient(create_app(index_dir), base_url=BASE, raise_server_exceptions=False) as test_client:
        yield test_client


def plain(data):
    """``data`` as JSON gives it back (tuples → lists)."""
    return json.loads(json.dumps(data, ensure_ascii=False))


# --- 1. the same answer from every front end -------------------------------------------------------

atoms = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS).map(lambda w: f'"{w}"'))


@st.composite
def queries(draw) -> str:
    form = draw(st.sampled_from(["term", "and", "or", "minus", "not", "near", "group", "nothing"]))
    if form == "nothing":
        return draw(st.sampled_from(NOTHING_TO_SEARCH))
    a, b, c = draw(atoms), draw(atoms), draw(atoms)
    return {
        "term": a,
        "and": f"{a} {b}",
        "or": f"{a} OR {b}",
        "minus": f"{a} -{b}",
        "not": f"{a} NOT {b}",
        "near": f"{a} NEAR/5 {b}",
        "group": f"({a} OR {b}) {c}",
    }[form]


NO_FILTERS = {"speaker": None, "since": None, "until": None}
filters = st.one_of(  # half the cases without filters: they narrow the hits
    st.just(NO_FILTERS),
    st.fixed_dictionaries({"speaker": st.sampled_from(SPEAKERS), "since": st.sampled_from(SINCES),
                           "until": st.sampled_from(UNTILS)}),
)
cases = st.builds(
    lambda q, page, sort, aliases, chosen: {"q": q, **page, "sort": sort, "aliases": aliases, **chosen},
    queries(),
    st.fixed_dictionaries({
        "limit": st.sampled_from([None, *range(16)]),  # None: each front end's default
        "offset": st.sampled_from([None, 0, 0, *range(6)]),
    }),
    st.sampled_from(SORTS),
    st.sampled_from([None, True, False]),  # None: the default (aliases on)
    filters,
)


def library_answer(index_dir: Path, case: dict):
    """The result's dict, or the QueryError's message."""
    options = {name: value for name, value in case.items() if name != "q" and value is not None}
    with searchkit.open_index(index_dir) as ix:
        try:
            result = ix.search(case["q"], **options)
        except searchkit.QueryError as error:
            return None, " ".join(str(error).split())
    return plain(result.to_dict()), None


def cli_args(index_dir: Path, case: dict) -> list[str]:
    args = ["search", "--index", str(index_dir), "--json"]
    for name, flag in (("limit", "-n"), ("offset", "--offset"), ("sort", "--sort"), ("speaker", "--speaker"),
                       ("since", "--since"), ("until", "--until")):
        if case[name] is not None:
            args += [flag, str(case[name])]
    if case["aliases"] is not None:
        args.append("--aliases" if case["aliases"] else "--no-aliases")
    return [*args, "--", case["q"]]


def web_params(case: dict) -> dict:
    params = {name: value for name, value in case.items() if value is not None and name != "aliases"}
    if case["aliases"] is not None:
        params["aliases"] = "1" if case["aliases"] else "0"
    return params


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases)
def test_library_cli_and_web_give_the_same_answer(index_dir, client, case):
    expected, error = library_answer(index_dir, case)
    cli = runner.invoke(cli_app, cli_args(index_dir, case))
    web = client.get("/api/search", params=web_params(case))
    event("usage error" if error is not None else "hits" if expected["hits"] else "no hits shown")
    if error is not None:  # nothing to search for (or a bad option): a usage error everywhere
        assert cli.exit_code == 2, (cli.exit_code, cli.stdout, cli.stderr)
        assert cli.stdout == ""
        assert cli.stderr.splitlines() == [f"searchkit: {error}"]
        assert web.status_code == 400, web.text
        assert web.json()["status"] == 400 and web.json()["error"]
        return
    assert cli.exit_code == 0, (cli.stdout, cli.stderr)
    cli_hits, cli_summary = search_json(cli.stdout)
    assert web.status_code == 200, web.text
    body = web.json()
    # The same hits (every field: score, snippet, matches …) in the same order, the same total and offset.
    assert cli_hits == expected["hits"]
    assert body["hits"] == expected["hits"]
    assert cli_summary == {key: value for key, value in expected.items() if key != "hits"}
    assert body == expected
    assert cli_summary["total"] == body["total"] == expected["total"]


def test_the_generated_queries_have_many_hits(index_dir):
    # Guards the property above against a corpus where everything finds nothing.
    with searchkit.open_index(index_dir) as ix:
        assert ix.count("改革") > 15 and ix.count("发展") > 15
        assert {h.speech_id for h in ix.search("十八大", limit=None)} >= {"congress-2013", "trad-belt"}
        assert {h.speech_id for h in ix.search("一带一路", limit=None)} >= {"belt-2017", "trad-belt"}
        assert ix.search("十八大").expansions and ix.search("一带一路").expansions


# --- 2. nothing process-global changes a result ----------------------------------------------------

FIXED_QUERIES = ["十八大", "一带一路", "改革开放", "改革 发展", '"电子商务"']
PASSAGE = "一带一路建设坚持改革开放，推动互联网合作，发展电子商务。"
CUT = "十八大以来推进一带一路"  # the word list cuts 十八大 and 一带一路 whole; the dictionary does not


def record(index_dir: Path) -> dict:
    with searchkit.open_index(index_dir) as ix:
        return {"cut": list(ix.segmenter.words_of(CUT)),
                **{q: plain(ix.search(q, limit=None).to_dict()) for q in FIXED_QUERIES}}


SUBPROCESS = """
import json, sys
import searchkit
queries = json.loads(sys.argv[1])
out = {}
for folder in sys.argv[3:]:
    with searchkit.open_index(folder) as ix:
        out[folder] = {"cut": list(ix.segmenter.words_of(sys.argv[2])),
                       **{q: ix.search(q, limit=None).to_dict() for q in queries}}
print(json.dumps(out, ensure_ascii=False))
"""


def fresh_process(*index_dirs: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", SUBPROCESS, json.dumps(FIXED_QUERIES), CUT, *map(str, index_dirs)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=index_dirs[0].parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_nothing_process_global_changes_a_result(index_dir, corpus, tmp_path):
    first = record(index_dir)
    assert all(first[q]["total"] > 0 for q in FIXED_QUERIES)

    # Other work in this process: an index cut with a user word list, searched; collocates; similar.
    words = tmp_path / "words.txt"
    words.write_text("十八大\n一带一路\n改革开放\n", encoding="utf-8")
    other_dir = tmp_path / "other-index"
    searchkit.update_index([corpus], other_dir, words=words)
    other = record(other_dir)
    assert all(other[q]["total"] > 0 for q in FIXED_QUERIES)
    assert {"十八大", "一带一路"} <= set(other["cut"]) and not {"十八大", "一带一路"} & set(first["cut"])  # the list cuts them whole
    for folder in (index_dir, other_dir):
        with searchkit.open_index(folder) as ix:
            assert collocates(ix, "改革").collocates
            assert ix.similar(PASSAGE)
            ix.search("改革 OR 一带一路", limit=None, sort="-date")

    # The first index answers as before, in this process and in a fresh one; so does the other.
    assert record(index_dir) == first
    assert record(other_dir) == other
    fresh = fresh_process(index_dir, other_dir)
    assert fresh[str(index_dir)] == first
    assert fresh[str(other_dir)] == other


# --- 3. -n 0: the summary alone --------------------------------------------------------------------

@pytest.mark.parametrize("query, filters", [
    ("十八大", {}),
    ("改革 OR 互联网", {"speaker": "习近平"}),
    ('"发展"', {"since": "2013", "until": "2016"}),
    ("一带一路 -电子商务", {}),
    ("量子计算", {}),
])
def test_limit_zero_prints_the_summary_alone(index_dir, client, query, filters):
    flags = [arg for name, value in filters.items() for arg in (f"--{name}", value)]
    cli = runner.invoke(cli_app, ["search", "--index", str(index_dir), "--json", "-n", "0", *flags, "--", query])
    assert cli.exit_code == 0, cli.stderr
    lines = cli.stdout.splitlines()
    assert len(lines) == 1, cli.stdout
    hits, summary = search_json(cli.stdout)
    assert hits == []
    with searchkit.open_index(index_dir) as ix:
        count = ix.count(query, **filters)
    web = client.get("/api/search", params={"q": query, "limit": 0, **filters})
    assert web.status_code == 200, web.text
    assert summary["total"] == count == web.json()["total"]
    assert web.json()["hits"] == []
