"""Aliases: official abbreviations and their full forms (十八大 = 中国共产党第十八次全国代表大会).

An alias table is a set of groups of equivalent forms. With aliases on, an unquoted query term equal
(after normalization) to a form of a group also matches every other form of it, each as its exact
string; a quoted term is only itself. Matching stays exact: 十八届三中全会 is its own group, never 十八大.

File format (the curated table ``aliases.txt`` beside this module, and user files): one group a line,
forms joined by `` = ``, optionally `` | `` and the source; ``#`` starts a comment line. Party congresses,
Central Committee plenums and five-year plans follow naming rules, so they are generated (``_RULES``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..text import normalize
from .query import Or, Term, map_terms, parse
from ..errors import InputError

BUILT_IN = Path(__file__).with_name("aliases.txt")

_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] + [f"十{d}" for d in "一二三四五六七八九"] + ["二十", "二十一"]
_SOURCE_CONGRESS = "《中国共产党章程》第三章（党的全国代表大会）; 政府工作报告: 党的十八大 / 中国共产党第十六次全国代表大会"
_SOURCE_PLENUM = "《中国共产党章程》第二十二条（中央委员会全体会议）; 政府工作报告: 党的十六届五中全会"
_SOURCE_PLAN = "《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》; 2011年政府工作报告: 第十二个五年规划 / “十二五”"


@dataclass(frozen=True)
class AliasGroup:
    forms: tuple[str, ...]  # as written; the first is the short form
    source: str


def _generated() -> list[AliasGroup]:
    groups = []
    # Congresses from the 12th (1982): 八大 or 十大 alone mean other things (八大菜系, 十大工程).
    for n in _NUMERALS[11:]:
        groups.append(AliasGroup((f"{n}大", f"党的第{n}次全国代表大会", f"中国共产党第{n}次全国代表大会"), _SOURCE_CONGRESS))
        for m in _NUMERALS[:9]:
            groups.append(AliasGroup((f"{n}届{m}中全会", f"中国共产党第{n}届中央委员会第{m}次全体会议",
                                      f"党的第{n}届中央委员会第{m}次全体会议"), _SOURCE_PLENUM))
    # Five-year plans: 计划 up to the 10th (十五计划; 十五 alone is fifteen), 规划 from the 11th (十一五).
    for i, n in enumerate(_NUMERALS[5:10], start=6):
        groups.append(AliasGroup((f"{n}五计划", f"第{n}个五年计划"), _SOURCE_PLAN))
    for n in _NUMERALS[10:15]:
        groups.append(AliasGroup((f"{n}五", f"{n}五规划", f"第{n}个五年规划"), _SOURCE_PLAN))
    return groups


def parse_aliases(text: str, origin: str, require_source: bool = False) -> list[AliasGroup]:
    groups = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        body, _, source = line.partition(" | ")
        forms = tuple(dict.fromkeys(form.strip() for form in body.split(" = ") if form.strip()))
        if len(forms) < 2:
            raise InputError(f"{origin}:{number}: an alias line is two or more forms joined by ' = ' (e.g. 央行 = 中国人民银行)")
        if require_source and not source.strip():
            raise InputError(f"{origin}:{number}: the curated table needs a source after ' | '")
        groups.append(AliasGroup(forms, source.strip()))
    return groups


class AliasTable:
    """Groups of equivalent forms, looked up by any form (normalized)."""

    def __init__(self, groups: list[AliasGroup], folded: bool = False) -> None:
        """``folded``: every form is already simplified, half-width text (the built-in table, checked
        by the tests), so lower case is its normalized form and OpenCC need not run at load."""
        self.groups = tuple(groups)
        self._by_form: dict[str, list[AliasGroup]] = {}
        fold = str.lower if folded else normalize
        for group in self.groups:
            for form in group.forms:
                self._by_form.setdefault(fold(form).strip(), []).append(group)

    def others(self, term: str) -> tuple[str, ...]:
        """The other forms of every group ``term`` is a form of, in table order; () if none."""
        key = normalize(term).strip()
        groups = self._by_form.get(key, ())
        found = dict.fromkeys(form for group in groups for form in group.forms if normalize(form).strip() != key)
        # A form holding the term or another form (十二五规划 holds 十二五) finds nothing more, and its
        # span would count one mention twice in kwic and trend: leave it out.
        folded = {form: normalize(form).strip() for form in found}
        return tuple(form for form in found
                     if key not in folded[form] and not any(o != form and folded[o] in folded[form] for o in found))

    def __len__(self) -> int:
        return len(self.groups)


@functools.lru_cache(maxsize=1)
def built_in_groups() -> tuple[AliasGroup, ...]:
    return tuple(_generated() + parse_aliases(BUILT_IN.read_text(encoding="utf-8"), BUILT_IN.name, require_source=True))


@functools.lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> AliasTable:
    if not paths:
        return AliasTable(list(built_in_groups()), folded=True)
    groups = list(built_in_groups())
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read aliases file {path}: {getattr(error, 'strerror', None) or error}") from None
        groups += parse_aliases(text, str(path))
    return AliasTable(groups)


def load_aliases(*paths: str | Path) -> AliasTable:
    """The curated table plus the groups of each user file in ``paths``."""
    return _load(tuple(Path(p) for p in paths))


def _table(aliases) -> AliasTable:
    return aliases if isinstance(aliases, AliasTable) else load_aliases()


def expand(tree, aliases):
    """``tree`` (from ``query.parse``) with each unquoted term that has aliases replaced by the term OR
    its aliases (exact strings), and the expansions made: [(term, (alias, …)), …]."""
    table = _table(aliases)
    made: list[tuple[str, tuple[str, ...]]] = []

    def change(leaf, _):
        others = table.others(leaf.text) if isinstance(leaf, Term) and not leaf.quoted else ()  # NEAR sides are exact
        if not others:
            return leaf
        made.append((leaf.text, others))
        return Or((leaf, *(Term(form, quoted=True) for form in others)))

    return map_terms(tree, change), made


def expansions(query: str, aliases=True) -> list[tuple[str, tuple[str, ...]]]:
    """What ``query`` expands to with ``aliases``: for the CLI to say so."""
    return expand(parse(query), aliases)[1]
