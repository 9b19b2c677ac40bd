"""Trend charts as image files (PNG or SVG) with matplotlib: one line per term, groups along the
x axis, per 10,000 characters by default so that long and short reports compare."""

from __future__ import annotations

import functools
import warnings
from pathlib import Path

from ..errors import InputError, QueryError

MEASURES = ("per_10k_chars", "occurrences", "paragraphs", "speeches")
LABELS = {
    "per_10k_chars": "occurrences per 10,000 characters",
    "occurrences": "occurrences",
    "paragraphs": "matching paragraphs",
    "speeches": "speeches mentioning it",
}
FORMATS = (".png", ".svg")
# Fonts that hold Chinese, in order of preference; matplotlib's own DejaVu draws boxes for Han.
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
              "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")


def check_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise QueryError(f"--plot writes {' or '.join(FORMATS)} files, not {path.name!r}")
    return path


def check_measure(measure: str) -> str:
    if measure not in MEASURES:
        raise QueryError(f"--measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    return measure


NO_FONT_HINT = ("no font with Chinese characters was found, so they draw as boxes: install one "
                "(Debian/Ubuntu: apt-get install fonts-noto-cjk) or pip install 'searchkit[fonts]'")


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first font that holds Chinese: an installed one, else the Noto Sans CJK that the optional
    ``mplfonts`` package ships (``searchkit[fonts]``); None when there is neither (Han draws as boxes)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    found = next((name for name in _CJK_FONTS if name in installed), None)
    if found is None:
        try:
            from importlib import resources

            shipped = resources.files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"
            if shipped.is_file():
                font_manager.fontManager.addfont(str(shipped))
                found = font_manager.FontProperties(fname=str(shipped)).get_name()
        except (ImportError, OSError, RuntimeError):
            pass
    return found


def needs_cjk_font(rows) -> bool:
    """Whether drawing ``rows`` without a Chinese font would show boxes (a term or group that is not ASCII)."""
    return cjk_font() is None and any(not (row.term + row.group).isascii() for row in rows)


def plot_trend(rows, path: str | Path, *, measure: str = "per_10k_chars", title: str | None = None) -> Path:
    """Draw ``rows`` (from ``trend``) to ``path``; the suffix picks the format."""
    path = check_path(path)
    check_measure(measure)
    if not rows:
        raise QueryError("nothing to plot: no speeches searched")
    import matplotlib

    matplotlib.use("Agg")  # files only: never open a window
    import matplotlib.pyplot as plt

    groups = list(dict.fromkeys(row.group for row in rows))
    terms = list(dict.fromkeys(row.term for row in rows))
    dated = [g for g in groups if g.isdigit()]
    # Years stand on a time axis (1954, 1955, 1957 are not evenly spaced); undated speeches ("?") have
    # no place on it and are left out of the picture (the numbers still hold them).
    years = len(dated) == len([g for g in groups if g != "?"]) and bool(dated)
    if years:
        groups = dated
    font = cjk_font()
    style = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"], "svg.fonttype": "none"}
    with matplotlib.rc_context(style), warnings.catch_warnings():
        # Without a Chinese font every glyph would warn; the CLI says so once (NO_FONT_HINT).
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        figure, axes = plt.subplots(figsize=(9, 4.2), dpi=100)
        if years:  # a time axis: a line per term
            x = [int(g) for g in groups]
            for term in terms:
                values = {row.group: getattr(row, measure) for row in rows if row.term == term}
                axes.plot(x, [values.get(g, 0) for g in groups], marker="o", markersize=3, linewidth=1.6, label=term)
        else:  # speakers have no order a line could follow: bars, a group of them per speaker
            width = 0.8 / len(terms)
            for n, term in enumerate(terms):
                values = {row.group: getattr(row, measure) for row in rows if row.term == term}
                axes.bar([i + (n - (len(terms) - 1) / 2) * width for i in range(len(groups))],
                         [values.get(g, 0) for g in groups], width=width, label=term)
            x = list(range(len(groups)))
            step = max(1, len(groups) // 16)  # at most ~16 labels stay readable
            axes.set_xticks(x[::step], groups[::step], rotation=45 if len(groups) > 8 else 0)
        axes.set_ylabel(LABELS[measure])
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", alpha=0.3)
        axes.spines[["top", "right"]].set_visible(False)
        if title:
            axes.set_title(title)
        axes.legend(frameon=False)
        figure.tight_layout()
        try:
            figure.savefig(path)
        except OSError as error:
            raise InputError(f"cannot write {path}: {error.strerror or error}") from None
        finally:
            plt.close(figure)
    return path
