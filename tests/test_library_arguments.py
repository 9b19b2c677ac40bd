"""Wrong types in the library are a ``QueryError``/``InputError`` naming the parameter, never an
AttributeError from deep inside; a string is one path or one term, never a list of its characters;
full-width dates (２０１４, as a Chinese input method types them) are read as dates."""

from __future__ import annotations

import datetime

import pytest
from typer.testing import CliRunner

import searchkit
from searchkit.cli import app
from searchkit.errors import InputError, QueryError
from searchkit.language.reports import kwic, trend
from test_filters import build_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    with searchkit.open_index(build_index(tmp_path_factory, "arguments")) as opened:
        yield opened


@pytest.mark.parametrize("call, named", [
    (lambda ix: ix.search("改革", since=2014), "since"),
    (lambda ix: ix.search("改革", until=2014.0), "until"),
    (lambda ix: ix.search("改革", speaker=5), "speaker"),
    (lambda ix: ix.search("改革", title=["改革"]), "title"),
    (lambda ix: ix.search("改革", source=b"x"), "source"),
    (lambda ix: ix.search("改革", limit="3"), "limit"),
    (lambda ix: ix.search("改革", limit=True), "limit"),
    (lambda ix: ix.search("改革", offset=1.0), "offset"),
    (lambda ix: ix.search("改革", snippet_chars="80"), "snippet_chars"),
    (lambda ix: ix.search(["改革"]), "query"),
    (lambda ix: ix.count("改革", since=2014), "since"),
    (lambda ix: ix.speeches(speaker=5), "speaker"),
    (lambda ix: trend(ix, 5), "terms"),
    (lambda ix: trend(ix, ["改革", 5]), "terms"),
    (lambda ix: kwic(ix, ["改革"]), "query"),
    (lambda ix: kwic(ix, "改革", width="3"), "width"),
    (lambda ix: kwic(ix, "改革", limit="3"), "limit"),
    (lambda ix: ix.similar(5), "passage"),
    (lambda ix: ix.similar("坚持改革开放，推动经济发展", limit="3"), "limit"),
    (lambda ix: ix.similar("坚持改革开放，推动经济发展", since=2014), "since"),
])
def test_a_wrong_type_is_a_query_error_naming_the_parameter(index, call, named):
    with pytest.raises(QueryError, match=named):
        call(index)


def test_a_date_object_is_a_date(index):
    assert index.count("改革", since=datetime.date(2014, 1, 1)) == index.count("改革", since="2014-01-01")


def test_one_facet_as_a_string_is_that_facet(index):
    assert set(index.search("改革", facets="year").facets) == {"year"}


def test_trend_of_a_string_counts_that_term_not_its_characters(index):
    rows = trend(index, "改革开放")
    assert {row.term for row in rows} == {"改革开放"}
    assert rows == trend(index, ["改革开放"])


def test_update_index_takes_one_path_as_a_string(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("关于改革的讲话\n　　坚持改革开放。\n", encoding="utf-8")
    report = searchkit.update_index(str(corpus), tmp_path / "ix")  # was iterated as "/", "t", "m", "p" …
    assert report.added == 1 and report.skipped == ()
    assert searchkit.update_index(corpus, str(tmp_path / "ix")).unchanged == 1  # a Path alone, too
    for paths, named in ((5, "paths"), ([corpus, 5], "paths")):
        with pytest.raises(InputError, match=named):
            searchkit.update_index(paths, tmp_path / "ix")
    with pytest.raises(InputError, match="index_dir"):
        searchkit.update_index([corpus], 5)


@pytest.mark.parametrize("since, until", [("２０１４", "２０１５"), ("２０１４－０１", "２０１５／１２／３１"), (" 2014 ", "2015．12")])
def test_full_width_dates_are_dates(index, since, until):
    assert index.count("改革", since=since, until=until) == index.count("改革", since="2014", until="2015-12-31")
    assert len(index.speeches(since=since)) == len(index.speeches(since="2014"))


def test_full_width_dates_on_the_command_line(index):
    plain = CliRunner().invoke(app, ["list", "--since", "2014", "--json", "--index", str(index.path)])
    wide = CliRunner().invoke(app, ["list", "--since", "２０１４", "--json", "--index", str(index.path)])
    assert wide.exit_code == 0 and wide.output == plain.output and plain.output.count("\n") > 0
    other = CliRunner().invoke(app, ["search", "改革", "--since", "٢٠١٤", "--index", str(index.path)])  # not NFKC's: refused
    assert other.exit_code == 2 and "--since takes a real date" in other.output


def test_full_width_date_in_a_compare_scope(index):
    result = CliRunner().invoke(app, ["compare", "--a", "until=２０１３", "--b", "since=２０１４", "--json", "--index", str(index.path)])
    assert result.exit_code == 0, result.output
