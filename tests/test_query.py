import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.errors import QueryError
from searchkit.engine.query import And, Not, Or, Term, exact, highlight_terms, parse, term_words


def test_terms_are_all_required():
    assert parse("电子商务 就业") == And((Term("电子商务"), Term("就业")))


def test_quotes_straight_and_curly():
    assert parse('"电子商务之都"') == Term("电子商务之都", quoted=True)
    assert parse("“电子商务之都”") == Term("电子商务之都", quoted=True)
    assert parse("「电子商务」 就业") == And((Term("电子商务", quoted=True), Term("就业")))


def test_or_not_minus_and_parentheses():
    assert parse("(电子商务 OR 网购) -杭州") == And((Or((Term("电子商务"), Term("网购"))), Not(Term("杭州"))))
    assert parse("发展 NOT 经济") == And((Term("发展"), Not(Term("经济"))))
    assert parse("（电子商务）") == Term("电子商务")


def test_lowercase_or_is_a_word():
    assert parse("a or b") == And((Term("a"), Term("or"), Term("b")))


@pytest.mark.parametrize(
    "query, expected",
    [
        ('"电子商务', Term("电子商务", quoted=True)),  # open quote runs to the end
        ("(电子商务 OR 网购", Or((Term("电子商务"), Term("网购")))),  # missing ) implied
        ("电子商务)", Term("电子商务")),  # stray ) ignored
        ("电子商务 OR", Term("电子商务")),
        ("，电子商务。", Term("，电子商务。")),
    ],
)
def test_malformed_queries_read_literally(query, expected):
    assert parse(query) == expected


@pytest.mark.parametrize("query", ["", "   ", '""', "OR", "NOT", "-", "()", "，。", "-杭州", "NOT 杭州"])
def test_queries_without_words_are_usage_errors(query):
    with pytest.raises(QueryError):
        parse(query)


def test_huge_query_is_refused():
    with pytest.raises(QueryError, match="limit"):
        parse("电子商务 " * 1000)


def test_term_words_split_by_jieba_and_glue_single_characters():
    assert term_words(Term("电子商务就业")) == ["电子商务", "就业"]
    assert term_words(Term("发展经济的")) == ["发展", "经济的"]
    assert term_words(Term("電子商務")) == ["电子商务"]
    assert term_words(Term("发展 经济", quoted=True)) == ["发展 经济"]


def test_negated_terms_are_not_highlighted():
    assert highlight_terms(parse("电子商务 -杭州")) == [("电子商务",)]
    assert highlight_terms(parse("电子商务就业 -杭州")) == [("电子商务就业", "电子商务", "就业")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('电子商务 ()"“”-ORNTAD（），')), max_size=40))
def test_any_query_parses_or_fails_cleanly(query):
    try:
        parse(query)
    except QueryError:
        pass


def test_curly_quotes_inside_straight_quotes_are_text():
    assert parse('"“十四五”"') == Term("“十四五”", quoted=True)
    assert parse("“十四五” 规划") == And((Term("十四五", quoted=True), Term("规划")))
    assert parse('"互联网+" "PM2.5"') == And((Term("互联网+", quoted=True), Term("PM2.5", quoted=True)))


def test_exact_quotes_every_term():
    assert exact(parse("新农村建设 OR (改革 -开放)")) == Or(
        (Term("新农村建设", quoted=True), And((Term("改革", quoted=True), Not(Term("开放", quoted=True)))))
    )


def test_groups_nested_too_deep_are_a_query_error_not_a_crash():
    # 400 "(" fit in the length limit; the recursive parser ran out of stack (a web 500, a CLI internal error).
    for query in ["(" * 400 + "经济", "经济 " + "-(" * 300 + "发展", "(" * 300 + "经济" + ")" * 300]:
        with pytest.raises(QueryError, match="nests groups"):
            parse(query)
    assert parse("(" * 50 + "经济" + ")" * 50) == Term("经济")
