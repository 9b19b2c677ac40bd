"""Trend chart geometry (searchkit/web/chart.py): round ticks that cover the data, a time axis, links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searchkit.models import TrendRow
from searchkit.web.chart import build, nice_ticks


@given(st.one_of(st.integers(0, 10**7), st.floats(0.001, 1e6)))
def test_ticks_start_at_zero_cover_the_peak_and_are_few(peak):
    ticks = nice_ticks(peak)
    assert ticks[0] == 0 and ticks[-1] >= peak and 2 <= len(ticks) <= 7
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    if isinstance(peak, int):
        assert all(float(t).is_integer() for t in ticks)


def test_years_are_placed_on_a_time_axis_and_gaps_break_the_line():
    rows = [TrendRow("改革", year, 1, n) for year, n in (("2000", 3), ("2001", 0), ("2010", 5), ("?", 2))]
    chart = build(rows, "year", "paragraphs", lambda term, group: f"/?q={term}&since={group}")
    (series,) = chart.series
    xs = [p.x for p in series.points]
    assert [p.group for p in series.points] == ["2000", "2001", "2010"]  # no place for "?" on a time axis
    assert abs((xs[1] - xs[0]) * 9 - (xs[2] - xs[1])) < 1e-6  # 1 year apart vs 9 years apart
    assert series.path.count("M") == 2  # 2001 → 2010 is not drawn as a line through missing years
    assert [p.href for p in series.points] == ["/?q=改革&since=2000", None, "/?q=改革&since=2010"]  # zero: nothing to list
    assert max(p.y for p in series.points) == chart.baseline  # zero sits on the axis
