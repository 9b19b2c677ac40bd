"""Geometry of the trend chart, drawn as SVG by the template: lines over years, grouped bars over
speakers. Every point links to the paragraphs it counts."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import TrendRow
from ..language.reports import UNKNOWN

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
WIDTH, HEIGHT = 860, 340
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 16, 70
MAX_SPEAKERS = 20
# What a trend row can be charted by, preferred first: a rate per 10,000 characters (when the library's
# TrendRow carries it) compares long and short reports fairly; then the raw counts.
MEASURES = tuple(m for m in ("per_10k_chars", "occurrences", "paragraphs", "speeches") if m in TrendRow.__dataclass_fields__)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    group: str
    term: str
    href: str | None  # the search that lists these paragraphs; None for the unknown group


@dataclass(frozen=True)
class Series:
    term: str
    colour: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        """The line through the points, broken across years that have no speeches at all (no data is
        not zero)."""
        parts = []
        for i, p in enumerate(self.points):
            joined = i > 0 and _year(p.group) is not None and _year(self.points[i - 1].group) == _year(p.group) - 1
            parts.append(f"{'L' if joined else 'M'}{p.x:.1f},{p.y:.1f}")
        return " ".join(parts)


def _year(group: str) -> int | None:
    return int(group) if group.isdigit() else None


@dataclass(frozen=True)
class Chart:
    kind: str  # "line" or "bar"
    width: int
    height: int
    series: tuple[Series, ...]
    labels: tuple[tuple[float, str], ...]  # x, group
    ticks: tuple[tuple[float, float], ...]  # y, value
    bar_width: float
    baseline: float
    left: int
    right_edge: int


def groups_shown(rows: list[TrendRow], by: str, measure: str) -> list[str]:
    groups = list(dict.fromkeys(r.group for r in rows))
    if by == "speaker" and len(groups) > MAX_SPEAKERS:
        totals = {g: 0 for g in groups}
        for row in rows:
            totals[row.group] += getattr(row, measure)
        keep = set(sorted(groups, key=lambda g: -totals[g])[:MAX_SPEAKERS])
        groups = [g for g in groups if g in keep]
    return groups


def nice_ticks(peak: float) -> list[float]:
    """0 and at most five more round tick values (1, 2 or 5 × 10^k apart) reaching ``peak``; integer
    ticks for counts, so a count axis never shows 0.5."""
    import math

    integral = float(peak).is_integer()
    peak = max(peak, 1 if integral else 1e-9)
    magnitude = 10 ** math.floor(math.log10(peak / 5))
    step = next(m * magnitude for m in (1, 2, 5, 10) if peak <= m * magnitude * 5)
    if integral:
        step = max(1, round(step))
    digits = max(0, 2 - math.floor(math.log10(step)))  # enough to print the step exactly
    ticks = [0.0]
    while ticks[-1] < peak:
        ticks.append(round(len(ticks) * step, digits))
    return ticks


def build(rows: list[TrendRow], by: str, measure: str, link) -> Chart | None:
    """``link(term, group)`` gives the href of a point (or None)."""
    groups = groups_shown(rows, by, measure)
    if by == "year":  # speeches without a year have no place on a time axis (the table lists them)
        groups = [g for g in groups if g != UNKNOWN]
    terms = list(dict.fromkeys(r.term for r in rows))
    if not groups or not terms:
        return None
    values = {(r.term, r.group): getattr(r, measure) for r in rows}
    ticks = nice_ticks(max(values.get((t, g), 0) for t in terms for g in groups))
    top_value = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(groups)
    years = [_year(g) for g in groups]
    kind = "line" if by == "year" and len(groups) > 1 and None not in years else "bar"
    bar_width = slot * 0.8 / len(terms)
    baseline = TOP + plot_h

    def y_of(value: int) -> float:
        return baseline - value / top_value * plot_h

    series = []
    for n, term in enumerate(terms):
        points = []
        for i, group in enumerate(groups):
            value = values.get((term, group), 0)
            if kind == "line":  # a time axis: years without speeches keep their place
                x = LEFT + slot / 2 + (years[i] - years[0]) / (years[-1] - years[0]) * (plot_w - slot)
            else:
                x = LEFT + slot * i + slot * 0.1 + bar_width * n
            points.append(Point(x, y_of(value), value, group, term, link(term, group) if group != UNKNOWN and value else None))
        series.append(Series(term, COLOURS[n % len(COLOURS)], tuple(points)))
    # Label every group when they fit, else every k-th (on a time axis: every k-th year).
    if kind == "line":
        span = years[-1] - years[0]
        every = next(k for k in (1, 2, 5, 10, 20, 50, 100, 10**6) if span / k <= plot_w / 40)
        labels = tuple((series[0].points[0].x + (y - years[0]) / span * (plot_w - slot), str(y))
                       for y in range(years[0], years[-1] + 1) if y % every == 0)
    else:
        every = max(1, round(len(groups) / (plot_w / 34)))
        labels = tuple((LEFT + slot * (i + 0.5), g) for i, g in enumerate(groups) if i % every == 0)
    ticks = tuple((y_of(v), int(v) if float(v).is_integer() else v) for v in ticks)
    return Chart(kind, WIDTH, HEIGHT, tuple(series), labels, ticks, bar_width, baseline, LEFT, WIDTH - RIGHT)
