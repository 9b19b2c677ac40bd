"""User query syntax → a query tree (evaluate.py runs it), plus the strings to highlight.

Syntax: space-separated terms are all required; ``"quoted"`` (also “curly”, 「corner」) is the exact
string, symbols included (``"互联网+"``, ``"PM2.5"``; inside straight quotes curly ones are literal:
``'"“十四五”"'``); ``OR``; ``NOT term`` or ``-term`` (also ``-"phrase"``, ``-(group)``); parentheses. Operators are upper-case words, so
``or`` is an ordinary term. ``A NEAR/N B`` (``NEAR`` = ``NEAR/10``, N at most 10,000): both exact strings within N
characters of each other, either order (see proximity.py); it binds tighter than AND and OR. An operator
right after NOT or NEAR (``NOT NEAR``, ``NEAR AND``) is a ``QueryError``. Unbalanced quotes or parentheses are read literally: an open quote runs to
the end, a missing ``)`` is implied, a stray ``)`` is ignored.

Matching (the exact-substring guarantee): a term typed without spaces is split by jieba into words and
every word must occur as a *substring* (the character index), so a paragraph containing the term intact
is always found, whatever jieba made of the paragraph. Ranking: BM25 over those substrings plus a boost
for the term found intact, the best hits re-scored by jieba's words (evaluate.py, rerank.py). ``exact(tree)`` quotes every term: what trend and kwic count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from collections.abc import Callable, Iterator

from ..text import normalize, pieces, segment
from ..errors import QueryError
from .proximity import NearPair, operator_distance

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 100  # groups within groups: the parser and every walk of the tree recurse once a level

_CURLY = "“”„‟〝〞〟＂「」『』"
_PARENS = str.maketrans({"（": "(", "）": ")"})
# A straight-quoted phrase runs to the next straight quote, so curly marks inside it are text; a
# curly mark (any of them: IMEs and web copies pair them loosely) runs to the next quote mark.
_TOKEN = re.compile(
    rf'\s*(?:(?P<quote>"[^"]*"?|[{_CURLY}][^"{_CURLY}]*["{_CURLY}]?)|(?P<open>\()|(?P<close>\))'
    rf'|(?P<word>[^\s()"{_CURLY}]+))'
)


@dataclass(frozen=True)
class Term:
    text: str  # as typed
    quoted: bool = False


@dataclass(frozen=True)
class Near:
    left: Term
    right: Term
    distance: int


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Union[Term, Near, Not, And, Or]
Cut = Callable[[str], list[str]]  # a normalized Han run -> its words


def jieba_cut(run: str) -> list[str]:
    """jieba's dictionary alone (a snapshot cuts by its own vocabulary: text/lexicon.py)."""
    return [word for word, _, _ in segment(run)]


def _lex(query: str) -> list[tuple[str, str]]:
    text = query.translate(_PARENS).replace("\u3000", " ")
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        value = match.group(kind)
        if kind == "quote":
            tokens.append(("phrase", value[1:-1] if value[-1:] in '"' + _CURLY and len(value) > 1 else value[1:]))
        elif kind == "word" and value in ("OR", "AND", "NOT"):
            tokens.append((value, value))
        elif kind == "word" and value.startswith("NEAR") and (distance := operator_distance(value)) is not None:
            tokens.append(("NEAR", (distance, value)))
        elif kind == "word" and value.startswith("-") and len(value) > 1:
            tokens.append(("NOT", "-"))
            tokens.append(("word", value[1:]))
        elif kind == "word" and value == "-" and match.end() < len(text) and text[match.end()] in '"(' + _CURLY:
            tokens.append(("NOT", "-"))  # -"phrase", -(group)
        else:
            tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def parse(self) -> Node | None:
        node = self.or_expr()
        while self.peek() == "close":  # stray ")": ignore and go on
            self.i += 1
            rest = self.or_expr()
            node = _and([n for n in (node, rest) if n is not None])
        return node

    def or_expr(self) -> Node | None:
        children = [self.and_expr()]
        while self.peek() == "OR":
            self.i += 1
            children.append(self.and_expr())
        children = [c for c in children if c is not None]
        if len(children) > 1:
            return Or(tuple(children))
        return children[0] if children else None

    def and_expr(self) -> Node | None:
        children = []
        while self.peek() not in (None, "OR", "close"):
            if self.peek() == "AND":
                self.i += 1
                continue
            if self.peek() == "NEAR":  # nothing to its left: not an operator here
                self.i += 1
                continue
            node = self.unary()
            while node is not None and self.peek() == "NEAR":
                node = self.near(node)
            if node is not None:
                children.append(node)
        return _and(children)

    def near(self, left: Node) -> Node:
        """``left NEAR/N right``; a chain ``A NEAR B NEAR C`` is (A NEAR B) AND (B NEAR C)."""
        distance = self.tokens[self.i][1][0]
        self.i += 1
        if self.peek() in (None, "OR", "close", "NEAR"):
            return left  # nothing to its right: dropped
        right = self.unary()
        if right is None:
            return left
        chain = left.children if isinstance(left, And) else (left,)  # (A NEAR B) so far, or A
        last = chain[-1].right if isinstance(chain[-1], Near) else left
        if not isinstance(last, Term) or not isinstance(right, Term):
            raise QueryError("NEAR joins two terms (e.g. 改革 NEAR/5 开放), not groups or NOT terms")
        pair = Near(last, right, distance)
        return And((*chain, pair)) if last is not left else pair

    def unary(self) -> Node | None:
        kind, value = self.tokens[self.i]
        self.i += 1
        if kind in ("AND", "NEAR"):  # only NOT and NEAR hand an operator on to here
            typed = value[1] if kind == "NEAR" else value
            after = self.tokens[self.i - 2]
            before = after[1][1] if after[0] == "NEAR" else after[1]
            raise QueryError(f"{before} needs a term after it, not {typed} "
                             f'(quote it, "{typed}", to search for the word)')
        if kind == "NOT":
            if self.peek() in (None, "OR", "close"):
                return None
            child = self.unary()
            return Not(child) if child is not None else None
        if kind == "open":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"the query nests groups more than {MAX_DEPTH} deep")
            node = self.or_expr()
            self.depth -= 1
            if self.peek() == "close":
                self.i += 1
            return node
        if kind == "phrase":
            return Term(value, quoted=True) if value.strip() else None
        return Term(value)


def _and(children: list[Node]) -> Node | None:
    if not children:
        return None
    return children[0] if len(children) == 1 else And(tuple(children))


def parse(query: str) -> Node:
    """The query tree of ``query``; ``QueryError`` when it has nothing to search for."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
    node = _prune(_Parser(_lex(query)).parse())
    if node is None:
        raise QueryError("the query has no words to search for")
    if not _has_positive(node):
        raise QueryError("the query only excludes (NOT/-); add a word to search for")
    return node


def walk(node: Node, skip: tuple[type, ...] = ()) -> Iterator[Node]:
    """Every node of the tree, parents before children, left to right; nodes of the ``skip`` types
    are neither given nor descended into. The one traversal every pass over a query uses."""
    if isinstance(node, skip):
        return
    yield node
    if isinstance(node, Not):
        yield from walk(node.child, skip)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from walk(child, skip)


def map_terms(node: Node, change: Callable[[Term | Near, "Node | None"], "Node | None"]) -> Node | None:
    """The tree with each leaf (``Term`` or ``Near``) replaced by ``change(leaf, parent)`` (None drops
    it); a group left empty is dropped, one left with a single child becomes that child, and an OR
    inside an OR is spliced into it."""

    def rebuilt(node: Node, parent: Node | None) -> Node | None:
        if isinstance(node, (Term, Near)):
            return change(node, parent)
        if isinstance(node, Not):
            child = rebuilt(node.child, node)
            return Not(child) if child is not None else None
        children: list[Node] = []
        for child in node.children:
            new = rebuilt(child, node)
            if new is None:
                continue
            children.extend(new.children if isinstance(node, Or) and isinstance(new, Or) else (new,))
        if not children:
            return None
        return children[0] if len(children) == 1 else type(node)(tuple(children))

    return rebuilt(node, None)


def exact(node: Node) -> Node:
    """``node`` with every term quoted: each is the exact string as typed (normalized), never its
    words apart — grep's count, for trend and kwic. A NEAR's sides are exact strings already."""
    return map_terms(node, lambda leaf, _: Term(leaf.text, quoted=True) if isinstance(leaf, Term) else leaf)


def _prune(node: Node | None) -> Node | None:
    """Drop terms that hold no letters, digits or Han characters (punctuation only); a NEAR with such
    a side leaves the other term."""

    def kept(term: Term) -> bool:
        return any(True for _ in pieces(normalize(term.text)))

    def change(leaf: Term | Near, _) -> Node | None:
        if isinstance(leaf, Term):
            return leaf if kept(leaf) else None
        left, right = kept(leaf.left), kept(leaf.right)
        return leaf if left and right else (leaf.left if left else leaf.right if right else None)

    return None if node is None else map_terms(node, change)


def _has_positive(node: Node) -> bool:
    if isinstance(node, (Term, Near)):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_has_positive(c) for c in node.children)
    return all(_has_positive(c) for c in node.children)


def words_of(normalized: str, cut: Cut) -> list[str]:
    """Words of a normalized string: Han runs cut by ``cut``, other words whole."""
    words: list[str] = []
    for match in pieces(normalized):
        words.extend([match.group()] if match.lastgroup == "word" else cut(match.group()))
    return words


def term_words(term: Term, cut: Cut = jieba_cut) -> list[str]:
    """The normalized strings a term requires as substrings: the whole phrase when quoted; otherwise
    its jieba words, a one-character word glued to its neighbour (a lone 的 would match everything
    and cost a prefix scan; glued, the term found intact still matches)."""
    normalized = normalize(term.text)
    if term.quoted:
        return [normalized.strip()]
    words: list[str] = []
    for match in pieces(normalized):
        if match.lastgroup == "word":
            words.append(match.group())
            continue
        run_words = cut(match.group())
        glued: list[str] = []
        for word in run_words:
            if glued and (len(word) == 1 or len(glued[-1]) == 1):
                glued[-1] += word
            else:
                glued.append(word)
        words.extend(glued)
    return words


def highlight_terms(node: Node, cut: Cut = jieba_cut) -> list[tuple[str, ...]]:
    """What to highlight, per term not under NOT: the whole term first, then its words. Where the
    whole term occurs, only it is marked; its words alone only where it does not."""
    groups: list[tuple[str, ...]] = []
    for leaf in walk(node, skip=(Not,)):
        if isinstance(leaf, Term):
            words = term_words(leaf, cut)
            whole = normalize(leaf.text).strip()
            groups.append((whole, *words) if words != [whole] else (whole,))
        elif isinstance(leaf, Near):
            groups.append(NearPair(_side(leaf.left), _side(leaf.right), leaf.distance))
    return groups


def _side(term: Term) -> str:
    return normalize(term.text).strip()
