"""Aliases: an unquoted term also finds its aliases (exact strings), a quoted one is only itself; the
curated table has a source for every group; user files add groups; counts equal brute force."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from searchkit import InputError
from searchkit.text import normalize
from searchkit.cli import app
from searchkit.engine.aliases import built_in_groups, expansions, load_aliases, parse_aliases
from searchkit.language.reports import kwic, trend

from language_fixtures import scope_paragraphs

runner = CliRunner()


def keys(hits):
    return {(h.speech_id, h.paragraph) for h in hits}


def holding(index, forms):
    return {(p.speech_id, p.paragraph) for p in scope_paragraphs(index)
            if any(normalize(f) in normalize(p.text) for f in forms)}


def test_every_curated_group_has_a_source_and_folded_forms():
    groups = built_in_groups()
    assert len(groups) > 100
    for group in groups:
        assert group.source and len(group.forms) >= 2
        for form in group.forms:  # the table is loaded without OpenCC: its forms must be folded already
            assert normalize(form) == form.lower(), form


def test_known_expansions_and_what_is_not_an_alias():
    table = load_aliases()
    assert {"党的第十八次全国代表大会", "中国共产党第十八次全国代表大会"} <= set(table.others("十八大"))
    assert "第十四个五年规划" in table.others("十四五")
    assert "十四五规划" not in table.others("十四五")  # holds the term: finds nothing more
    assert table.others("十四五规划") == ("十四五", "第十四个五年规划")
    assert "丝绸之路经济带和21世纪海上丝绸之路" in table.others("一带一路")
    assert "十八大" not in table.others("十八届三中全会")
    assert "中国共产党第十八届中央委员会第三次全体会议" in table.others("十八届三中全会")
    assert table.others("經濟") == () and "十八大" in table.others("中國共產黨第十八次全國代表大會")
    assert expansions('"十八大" 经济') == []  # quoted: exact, no expansion
    assert [term for term, _ in expansions("十八大 OR 十四五")] == ["十八大", "十四五"]


def test_user_files_add_groups_and_bad_lines_are_one_clear_error(tmp_path):
    mine = tmp_path / "mine.txt"
    mine.write_text("# my terms\n新质生产力 = 新型生产力 | 自己整理\n", encoding="utf-8")
    assert load_aliases(mine).others("新质生产力") == ("新型生产力",)
    assert load_aliases().others("新质生产力") == ()
    with pytest.raises(InputError, match="two or more forms"):
        parse_aliases("just one\n", "x.txt")
    with pytest.raises(InputError, match="cannot read aliases file"):
        load_aliases(tmp_path / "missing.txt")


def test_gov_search_finds_paragraphs_that_only_hold_an_alias(gov_index):
    for term in ("一带一路", "十二五", "三农", "十六大"):
        forms = (term, *load_aliases().others(term))
        expanded = keys(gov_index.search(term, limit=None, aliases=True))
        assert expanded == holding(gov_index, forms) | keys(gov_index.search(term, limit=None))
        assert gov_index.count(term, aliases=True) == len(expanded)
    only_alias = holding(gov_index, ["丝绸之路经济带和21世纪海上丝绸之路"]) - holding(gov_index, ["一带一路"])
    assert only_alias and only_alias <= keys(gov_index.search("一带一路", limit=None, aliases=True))
    assert not only_alias & keys(gov_index.search('"一带一路"', limit=None, aliases=True))  # quoted: exact


def test_gov_hits_highlight_the_alias_that_matched(gov_index):
    hits = gov_index.search("一带一路", limit=None, aliases=True)
    marked = {hit.text[s:e] for hit in hits for s, e in hit.matches}
    assert "丝绸之路经济带和21世纪海上丝绸之路" in marked and "一带一路" in marked


def test_gov_trend_and_kwic_count_aliases_only_when_asked(gov_index):
    forms = ("十二五", *load_aliases().others("十二五"))
    assert sum(r.paragraphs for r in trend(gov_index, ["十二五"], aliases=True)) == len(holding(gov_index, forms))
    assert sum(r.paragraphs for r in trend(gov_index, ["十二五"])) == len(holding(gov_index, ["十二五"]))
    lines = kwic(gov_index, "十二五", aliases=True)
    assert {line.match for line in lines} >= {"十二五", "第十二个五年规划"}
    # One line per mention: 十二五规划 is not also listed apart from the 十二五 inside it.
    expected = sum(len(spans_in(p.text, f)) for p in scope_paragraphs(gov_index) for f in ("十二五", "第十二个五年规划"))
    assert len(lines) == expected > len(kwic(gov_index, "十二五"))


def spans_in(text, form):
    folded, found, start = normalize(text), [], normalize(text).find(form)
    while start >= 0:
        found.append(start)
        start = folded.find(form, start + 1)
    return found


def test_cli_says_what_it_expanded(gov_index, tmp_path):
    ix = str(gov_index.path)
    result = runner.invoke(app, ["search", "一带一路", "--index", ix, "-n", "1"])
    assert result.exit_code == 0 and "一带一路 → also 丝绸之路经济带和21世纪海上丝绸之路" in result.stderr
    result = runner.invoke(app, ["search", "一带一路", "--no-aliases", "--index", ix, "-n", "1"])
    assert "→ also" not in result.stderr
    result = runner.invoke(app, ["kwic", "十二五", "--aliases", "--index", ix, "--json"])
    assert "第十二个五年规划" in result.stdout and "十二五 → also" in result.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("one form only\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "经济", "--alias-file", str(bad), "--index", ix])
    assert result.exit_code == 1 and "bad.txt:1" in result.stderr and "Traceback" not in result.output
