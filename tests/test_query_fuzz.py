"""Queries built from the syntax's own tokens (words, quotes, parentheses, OR/AND/NOT/-, NEAR/N with
odd N) either run or fail as a usage error: a ``QueryError`` from the library, exit 2 from the CLI,
400 from the web API — never an internal error (``经济 NOT NEAR`` was an AttributeError, a web 500)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from typer.testing import CliRunner

import searchkit
from searchkit.cli import app
from searchkit.engine.proximity import MAX_DISTANCE
from searchkit.engine.query import Near, Term, parse
from searchkit.errors import QueryError
from searchkit.models import SearchResult
from searchkit.web import create_app
from test_filters import build_index

WORDS = ["经济", "发展", "改革", "开放", "电子商务", "ai", "5G", "的", "NEARBY", "near", "or", "，", "+"]
DISTANCES = ["", "/0", "/3", "/10000", "/10001", "/99999", "/-1", "/abc", "/", "/５", "/3.5", "/1e3"]
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(lambda w: f'"{w}'),  # an open quote runs to the end
    st.sampled_from(WORDS).map(lambda w: f'"{w}"'),
    st.sampled_from(WORDS).map(lambda w: f"“{w}”"),
    st.sampled_from(WORDS).map(lambda w: f"-{w}"),
    st.sampled_from(["(", ")", "（", "）", "OR", "AND", "NOT", "-", '"', "“", "-(", '-"']),
    st.sampled_from(DISTANCES).map(lambda n: f"NEAR{n}"),
)
QUERIES = st.lists(TOKENS, min_size=1, max_size=8).map(" ".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build_index(tmp_path_factory, "fuzz")


@pytest.fixture(scope="module")
def index(index_dir):
    with searchkit.open_index(index_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(index_dir):
    with TestClient(create_app(index_dir), base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("query", ["经济 NOT NEAR", "NOT NEAR/5 经济", "经济 NEAR AND 发展", "发展 NOT AND 经济"])
def test_an_operator_after_not_or_near_is_a_usage_error(query, index, client):
    with pytest.raises(QueryError, match="needs a term after it"):
        index.search(query)
    result = CliRunner().invoke(app, ["search", "--index", str(index.path), "--", query])
    assert result.exit_code == 2 and "needs a term after it" in result.output and "internal error" not in result.output
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 400 and "needs a term after it" in response.json()["error"]


@pytest.mark.parametrize("distance", ["99999", "10001", "-1", "abc", "", "3.5"])
def test_a_near_distance_out_of_bounds_names_the_operator(distance):
    with pytest.raises(QueryError, match=f"NEAR/{distance}".replace(".", r"\.")):
        parse(f"经济 NEAR/{distance} 发展")


def test_near_takes_every_distance_up_to_the_maximum():
    for distance in (0, 1, 99, 1234, MAX_DISTANCE):
        assert parse(f"经济 NEAR/{distance} 发展") == Near(Term("经济"), Term("发展"), distance)
    assert parse("经济 NEAR/５ 发展") == Near(Term("经济"), Term("发展"), 5)
    assert parse('经济 "NEAR/-1"') is not None and parse("经济 NEARBY") is not None  # quoted, or another word: text


def test_a_wide_near_finds_what_and_finds_in_short_paragraphs(index):
    both = {(h.speech_id, h.paragraph) for h in index.search("改革 开放", limit=None)}
    assert both and {(h.speech_id, h.paragraph) for h in index.search(f"改革 NEAR/{MAX_DISTANCE} 开放", limit=None)} == both


@FUZZ
@given(QUERIES)
def test_library_parses_or_raises_query_error(index, query):
    try:
        result = index.search(query, limit=3)
    except QueryError:
        return
    assert isinstance(result, SearchResult)


@FUZZ
@given(QUERIES, st.booleans())
def test_cli_exits_0_or_2(index, query, as_words):
    # As typed in a shell (one argument a word, `-word` a NOT term) or as one argument after `--`.
    args = query.split() if as_words else ["--", query]
    result = CliRunner().invoke(app, ["search", "--index", str(index.path), "-n", "2", *args])
    assert result.exit_code in (0, 2), result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


@FUZZ
@given(QUERIES, st.sampled_from(["/api/search", "/api/kwic", "/api/facets", "/"]))
def test_web_answers_200_or_400(client, query, path):
    response = client.get(path, params={"q": query})
    assert response.status_code in (200, 400), response.text[:300]
