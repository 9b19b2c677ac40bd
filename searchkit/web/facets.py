"""Facet counts of a result for the search page: matching paragraphs per year and per speaker, from
the facets of the search itself (every matching paragraph, not just the page shown), with each
speaker's count made what clicking it narrows to."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.filters import Filters
from ..models import SearchResult, SpeechSummary
from ..index import SpeechIndex

UNKNOWN = "?"


@dataclass(frozen=True)
class Facets:
    paragraphs: int  # matching paragraphs
    speeches: int  # speeches with at least one
    years: tuple[tuple[str, int], ...]  # (year, paragraphs), oldest first
    speakers: tuple[tuple[str, int], ...]  # (speaker, paragraphs of speakers whose name holds it), most first

    def to_dict(self) -> dict:
        return {
            "paragraphs": self.paragraphs,
            "speeches": self.speeches,
            "year": [{"value": v, "paragraphs": n} for v, n in self.years],
            "speaker": [{"value": v, "paragraphs": n} for v, n in self.speakers],
        }


def speech_table(index: SpeechIndex) -> dict[str, SpeechSummary]:
    return {s.speech_id: s for s in index.speeches(sort="id")}


FACETS = ("year", "speaker")  # what the search page counts; ask ``search`` for them


def result_facets(result: SearchResult, top: int = 20) -> Facets:
    """The page's counts from a ``search`` run with ``facets=FACETS``: at most ``top`` speakers (the
    most frequent)."""
    years = result.facets["year"]
    speakers = {c.group: c.paragraphs for c in result.facets["speaker"]}
    shown = sorted(speakers.items(), key=lambda item: (-item[1], item[0]))[:top]
    return Facets(
        paragraphs=result.total,
        speeches=sum(c.speeches for c in years),  # a speech has one year
        years=tuple((c.group, c.paragraphs) for c in years),
        speakers=tuple((name, _narrowed_count(name, speakers)) for name, _ in shown),
    )


def _narrowed_count(name: str, speakers: dict[str, int]) -> int:
    """What clicking ``name`` gives: the speaker filter keeps every speaker whose name contains it
    (folded), so 李鹏 also counts 李鹏飞's paragraphs."""
    if name == UNKNOWN:
        return speakers[name]
    wanted = Filters(speaker=name)
    return sum(n for other, n in speakers.items() if other != UNKNOWN and wanted.matches({"speaker": other}))
