"""trend --plot on any machine: Chinese drawn with a font that is there, or one line saying how to get
one (never matplotlib's raw glyph warnings); speakers as bars, years as lines."""

from __future__ import annotations

import re
import sys
import warnings

import pytest
from typer.testing import CliRunner

from searchkit.cli import app
from searchkit.language import plot

runner = CliRunner()


@pytest.fixture
def no_chinese_font(monkeypatch):
    monkeypatch.setattr(plot, "_CJK_FONTS", ())
    monkeypatch.setitem(sys.modules, "mplfonts", None)  # the optional [fonts] extra is not installed either
    plot.cjk_font.cache_clear()
    yield
    plot.cjk_font.cache_clear()


def test_without_a_chinese_font_one_line_says_how_to_get_one(small_index, tmp_path, no_chinese_font):
    chart = tmp_path / "t.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = runner.invoke(app, ["trend", "改革", "互联网", "--plot", str(chart), "--index", str(small_index.path)])
    assert result.exit_code == 0, result.output
    assert chart.read_bytes().startswith(b"\x89PNG")
    lines = result.stderr.splitlines()
    assert [line for line in lines if "no font" in line] == [f"searchkit: {plot.NO_FONT_HINT}"]
    assert "Glyph" not in result.output and not [w for w in caught if "Glyph" in str(w.message)]


def test_with_a_chinese_font_there_is_no_hint(small_index, tmp_path):
    plot.cjk_font.cache_clear()
    if plot.cjk_font() is None:
        pytest.skip("no Chinese font on this machine (apt-get install fonts-noto-cjk, as .ci/run does)")
    result = runner.invoke(app, ["trend", "改革", "--plot", str(tmp_path / "t.svg"), "--index", str(small_index.path)])
    assert result.exit_code == 0 and "no font" not in result.stderr


def test_speakers_are_bars_and_years_are_lines(small_index, tmp_path):
    by_speaker, by_year = tmp_path / "speaker.svg", tmp_path / "year.svg"
    for chart, by in ((by_speaker, "speaker"), (by_year, "year")):
        result = runner.invoke(app, ["trend", "改革", "--by", by, "--plot", str(chart), "--index", str(small_index.path)])
        assert result.exit_code == 0, result.output
    speakers = len({s.speaker for s in small_index.speeches() if s.speaker})
    bars = re.findall(r'<g id="patch_\d+">\s*<path d="M [^"]*z', by_speaker.read_text())
    assert len(bars) >= speakers  # one bar per speaker (plus the frame's patches)
    assert 'id="line2d_' in by_year.read_text() and len(re.findall(r'<g id="patch_\d+">', by_year.read_text())) <= 6
