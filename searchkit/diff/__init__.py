"""What changed between two speeches: every paragraph kept, reworded (its changed characters marked, as
a word processor's track changes), added, dropped or moved, and how much of B is new wording.

``diff_speeches(index, a, b)`` compares two indexed speeches; ``diff_paragraphs(a, b)`` any two lists
of paragraphs. How paragraphs, sentences and characters are aligned is in ``align.py``. Every
paragraph of each side is in exactly one item; the items follow B, each dropped paragraph after the
item of the A paragraph before it. Offsets are into the paragraphs' own texts (normalization keeps
them: ``text/normalize.py``), so ``a_text[a_start:a_end]`` is what ``b_text[b_start:b_end]`` replaced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..errors import QueryError
from ..text import normalize, pieces
from .align import align_paragraphs, changes, compact

__all__ = ["Change", "DiffItem", "SpeechDiff", "diff_paragraphs", "diff_speeches", "KINDS"]

KINDS = ("kept", "reworded", "added", "dropped", "moved")


@dataclass(frozen=True)
class Change:
    """One changed span: ``op`` is "replace", "delete" (nothing in B) or "insert" (nothing in A)."""

    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DiffItem:
    """One aligned item. ``a_paragraph``/``b_paragraph``: the paragraph numbers (None where absent);
    ``similarity``: 0–1, how alike the two texts are (1 for kept); ``changes``: the changed spans (an
    added or dropped paragraph is one insert or delete of its whole text; a move may be reworded too)."""

    kind: str
    a_paragraph: int | None
    b_paragraph: int | None
    a_text: str | None
    b_text: str | None
    similarity: float
    changes: tuple[Change, ...] = ()

    def to_dict(self) -> dict:
        data = asdict(self)
        data["changes"] = [c.to_dict() for c in self.changes]
        return data


@dataclass(frozen=True)
class SpeechDiff:
    """Two texts aligned: the items, and the summary of them. ``new_share``: the share of B's letters,
    digits and Han characters that are new wording (in added paragraphs and in inserted or replaced
    spans); ``dropped_share``: likewise the share of A's that is gone."""

    a: dict  # speech_id, title, speaker, date of each side (empty for plain lists of paragraphs)
    b: dict
    items: tuple[DiffItem, ...]
    a_paragraphs: int
    b_paragraphs: int
    new_share: float
    dropped_share: float
    counts: dict = field(default_factory=dict)  # kind → items

    def summary(self) -> dict:
        """The closing line of ``--json``: both sides, the counts and the shares."""
        return {"a": self.a, "b": self.b, "a_paragraphs": self.a_paragraphs, "b_paragraphs": self.b_paragraphs,
                **self.counts, "new_share": self.new_share, "dropped_share": self.dropped_share}

    def to_dict(self) -> dict:
        return {**self.summary(), "items": [item.to_dict() for item in self.items]}


def diff_paragraphs(a: list[str], b: list[str], *, a_numbers=None, b_numbers=None, a_meta=None, b_meta=None) -> SpeechDiff:
    """Align paragraph texts ``a`` with ``b`` (numbered 1, 2, … unless ``a_numbers``/``b_numbers`` say)."""
    a, b = [str(t) for t in a], [str(t) for t in b]
    a_numbers = list(a_numbers or range(1, len(a) + 1))
    b_numbers = list(b_numbers or range(1, len(b) + 1))
    a_norm, b_norm = [normalize(t) for t in a], [normalize(t) for t in b]
    pairs, moved, alike = align_paragraphs(a_norm, b_norm)
    paired_a = {i for i, _ in pairs} | {i for i, _ in moved}

    def item(kind: str, i: int | None, j: int | None) -> DiffItem:
        if i is None:
            return DiffItem(kind, None, b_numbers[j], None, b[j], 0.0, (Change("insert", 0, 0, 0, len(b[j])),))
        if j is None:
            return DiffItem(kind, a_numbers[i], None, a[i], None, 0.0, (Change("delete", 0, len(a[i]), 0, 0),))
        if compact(a_norm[i]) == compact(b_norm[j]):
            found = ()  # the same words; whitespace alone never counts as a change
        else:
            found = tuple(Change(*c) for c in changes(a_norm[i], b_norm[j], float(alike[i, j])))
        if kind == "reworded" and not found:
            kind = "kept"
        return DiffItem(kind, a_numbers[i], b_numbers[j], a[i], b[j], 1.0 if not found else round(float(alike[i, j]), 4), found)

    by_b = {j: (i, "reworded") for i, j in pairs} | {j: (i, "moved") for i, j in moved}
    dropped_after: dict[int, list[int]] = {}  # A paragraphs with no partner, after the A paragraph they follow
    last = -1
    for i in range(len(a)):
        if i in paired_a:
            last = i
        else:
            dropped_after.setdefault(last, []).append(i)
    items = [item("dropped", i, None) for i in dropped_after.get(-1, [])]
    for j in range(len(b)):
        i, kind = by_b.get(j, (None, "added"))
        items.append(item(kind, i, j))
        if i is not None:
            items += [item("dropped", k, None) for k in dropped_after.get(i, [])]
    counts = {kind: sum(1 for x in items if x.kind == kind) for kind in KINDS}
    return SpeechDiff(
        a=dict(a_meta or {}), b=dict(b_meta or {}), items=tuple(items), a_paragraphs=len(a), b_paragraphs=len(b),
        new_share=_share(items, b_norm, "b"), dropped_share=_share(items, a_norm, "a"), counts=counts,
    )


def _content(text: str) -> int:
    return sum(m.end() - m.start() for m in pieces(text))


def _share(items, norms: list[str], side: str) -> float:
    """The share of one side's content characters inside changed spans."""
    total = sum(_content(t) for t in norms)
    if not total:
        return 0.0
    changed = 0
    for x in items:
        text = normalize(getattr(x, f"{side}_text") or "")
        for c in x.changes:
            changed += _content(text[getattr(c, f"{side}_start"): getattr(c, f"{side}_end")])
    return round(changed / total, 4)


def _meta(index, speech_id: str) -> dict:
    entry = index.manifest[speech_id]
    return {"speech_id": speech_id, "title": entry.get("title"), "speaker": entry.get("speaker"), "date": entry.get("date")}


def diff_speeches(index, a: str, b: str) -> SpeechDiff:
    """Align indexed speech ``a`` with speech ``b`` (ids as ``searchkit list`` shows them)."""
    if not isinstance(a, str) or not isinstance(b, str):
        raise QueryError("give two speech ids")
    first, second = index.speech(a), index.speech(b)  # an unknown id fails here, with ids it may mean
    return diff_paragraphs([p.text for p in first], [p.text for p in second],
                           a_numbers=[p.paragraph for p in first], b_numbers=[p.paragraph for p in second],
                           a_meta=_meta(index, a), b_meta=_meta(index, b))

