"""Terminal and machine-readable output. Only this module and the cli package know about rich.

Nothing from a document reaches the terminal as a control character: ``printable`` (one character for
one, so match offsets still hold) is applied to every text a printer shows and to every ``--csv`` cell;
``--json`` escapes them instead, leaving the text and its offsets exact."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Hit, IndexReport, KwicLine, Paragraph, SpeechSummary, TrendRow
from ..text.spreadsheet import write_csv as write_spreadsheet_csv

MATCH_STYLE = "bold black on yellow"

# C0 controls as their visible Control Pictures (ESC → ␛, BEL → ␇), DEL as ␡, C1 controls (CSI U+009B,
# OSC U+009D … which some terminals obey as UTF-8 too) as U+FFFD: one character for one.
_SHOWN = {**{c: 0x2400 + c for c in range(0x20)}, 0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}}
_SHOWN_IN_TEXT = {c: shown for c, shown in _SHOWN.items() if chr(c) not in "\n\t"}  # a paragraph's own layout
_JSON_ESCAPED = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0))}  # json.dumps escapes C0 itself


def printable(text: str, *, one_line: bool = True) -> str:
    """``text`` with every control character made visible and harmless, one character for one;
    with ``one_line=False`` (a paragraph's text) newlines and tabs stay."""
    return text.translate(_SHOWN if one_line else _SHOWN_IN_TEXT)


def printable_fields(item, body: tuple[str, ...] = ()):
    """A copy of a frozen result with each text field ``printable`` (``body`` fields keep newlines)."""
    changes = {f.name: printable(value, one_line=f.name not in body)
               for f in dataclasses.fields(item) if isinstance(value := getattr(item, f.name), str)}
    return dataclasses.replace(item, **changes)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits 1 here; a reader that stops early (`| head`) is no error: let the CLI end quietly.
        self.quiet = True
        raise BrokenPipeError


def console(stderr: bool = False) -> Console:
    return _Console(stderr=stderr, highlight=False, soft_wrap=True)


def say(out: Console, text: Text | str, indent: int = 0) -> None:
    """``text`` wrapped to the console's width (80 columns when piped), each line indented by
    ``indent`` and without trailing spaces; a Chinese character takes two columns."""
    text = Text(text) if isinstance(text, str) else text
    for line in text.wrap(out, max(out.width - indent, 20), overflow="fold"):
        line.rstrip()
        out.print(Text(" " * indent) + line, no_wrap=True, crop=False)


def json_line(data: dict) -> str:
    # Raw DEL and C1 characters can only stand inside JSON strings, where their \\u escapes are the same text.
    return json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPED)


def highlighted(text: str, matches: Iterable[tuple[int, int]], offset: int = 0) -> Text:
    """``text`` (which starts at ``offset`` of the paragraph) with the paragraph's match spans styled."""
    rich_text = Text(text)
    for start, end in matches:
        start, end = max(start - offset, 0), min(end - offset, len(text))
        if start < end:
            rich_text.stylize(MATCH_STYLE, start, end)
    return rich_text


def _where(p: Paragraph) -> str:
    parts = [p.date, p.speaker, p.title]
    return " · ".join(x for x in parts if x)


def count_of(n: int, thing: str, things: str | None = None) -> str:
    """``1 paragraph``, ``2 paragraphs``."""
    return f"{n} {thing if n == 1 else things or thing + 's'}"


def paragraphs_match(n: int) -> str:
    """``1 paragraph matches``, ``3 paragraphs match``."""
    return f"{count_of(n, 'paragraph')} {'matches' if n == 1 else 'match'}"


HIT_INDENT = 5


def hit_lines(rank: int, hit: Hit) -> list[Text]:
    """The lines of one hit: its rank and id, then (indented) where it is from, its section, its snippet."""
    hit = printable_fields(hit, body=("text", "snippet"))
    head = Text()
    head.append(f"{rank:>3}. ", style="bold")
    head.append(f"{hit.speech_id} ¶{hit.paragraph}", style="cyan")
    head.append(f"  score {hit.score:.2f}", style="dim")
    lines = [head]
    where = _where(hit)
    if where:
        lines.append(Text(where, style="green"))
    if hit.section:
        lines.append(Text(f"§ {hit.section}", style="magenta"))
    body = Text()
    if hit.snippet_start > 0:
        body.append("…")
    body.append_text(highlighted(hit.snippet, hit.matches, hit.snippet_start))
    if hit.snippet_start + len(hit.snippet) < len(hit.text):
        body.append("…")
    return lines + [body]


def hit_text(rank: int, hit: Hit) -> Text:
    """One hit as plain lines (a pipe gets every line whole)."""
    head, *rest = hit_lines(rank, hit)
    for line in rest:
        head = head + Text("\n" + " " * HIT_INDENT) + line
    return head


def print_hit(out: Console, rank: int, hit: Hit) -> None:
    """In a terminal the indented lines wrap at the terminal's width and keep their indent."""
    if not out.is_terminal:
        out.print(hit_text(rank, hit))
        return
    from rich.padding import Padding

    head, *rest = hit_lines(rank, hit)
    out.print(head, soft_wrap=False)
    for line in rest:
        out.print(Padding(line, (0, 0, 0, HIT_INDENT)), soft_wrap=False)


def print_hits(
    hits: list[Hit],
    total: int,
    offset: int,
    query: str,
    limit: int | None = None,
    unfiltered: int | None = None,
    filters: dict | None = None,
) -> None:
    """The hits under a count line. ``unfiltered``: how many match without ``filters`` (when these left none)."""
    out = console()
    if total == 0 and unfiltered:
        given = ", ".join(f"{name} {value}" for name, value in (filters or {}).items())
        out.print(f"{paragraphs_match(unfiltered)} {query}; none with {given}.", markup=False)
        return
    if total == 0:
        out.print(f"No paragraphs match {query!r}.", markup=False)
        return
    if limit == 0:
        out.print(f"{paragraphs_match(total)} {query}.", markup=False)
        return
    if not hits:
        out.print(f"No more hits ({total} in all).")
        return
    out.print(f"{paragraphs_match(total)}; showing {offset + 1}–{offset + len(hits)}.", style="dim", soft_wrap=not out.is_terminal)
    for rank, hit in enumerate(hits, offset + 1):
        print_hit(out, rank, hit)
        out.print()


def print_report(report: IndexReport, index: str) -> None:
    out = console()
    if report.repaired:
        console(stderr=True).print(f"{index} was damaged ({report.repaired}): rebuilt it from the files it was made from",
                                   style="yellow", markup=False, highlight=False)
    for skipped in report.skipped:  # a file's name can hold anything
        console(stderr=True).print(Text(printable(f"skipped {skipped.source}: {skipped.reason}"), style="yellow"))
    out.print(
        f"{index}: {report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped — "
        f"{report.speeches} speeches, {report.paragraphs} paragraphs"
    )


def change_lines(report: IndexReport) -> list[str]:
    """One line per speech that changed; a quiet summary line when nothing did."""
    lines = [f"added {printable(i)}" for i in report.added_ids]
    lines += [f"updated {printable(i)}" for i in report.updated_ids]
    lines += [f"removed {printable(i)}" for i in report.removed_ids]
    return lines or [f"up to date: {report.speeches} speeches, {report.paragraphs} paragraphs"]


def print_speech(paragraphs: list[Paragraph], focus: int | None, total: int) -> None:
    out = console()
    paragraphs = [printable_fields(p, body=("text",)) for p in paragraphs]
    first = paragraphs[0]
    for label, value in (("speech", first.speech_id), ("title", first.title), ("speaker", first.speaker),
                         ("date", first.date), ("venue", first.venue), ("source", first.source),
                         ("paragraphs", total)):
        if value:
            out.print(Text(f"{label:>10}: ", style="bold") + Text(str(value)))
    out.print()
    section = None
    for p in paragraphs:
        if p.section and p.section != section:
            section = p.section
            out.print(Text(f"§ {section}", style="magenta"))
        style = "bold" if focus is not None and p.paragraph == focus else None
        out.print(Text(f"{p.paragraph:>4}  ", style="cyan") + Text(p.text, style=style or ""))


def print_stats(stats: dict) -> None:
    out = console()
    for key, value in stats.items():
        out.print(f"{key:>12}: {value}")


def write_lines(lines: Iterable[str]) -> None:
    for line in lines:
        sys.stdout.write(line + "\n")


def write_csv(rows: Iterable[dict], columns: list[str]) -> None:
    """CSV on standard output: formula-like cells neutralized (text/spreadsheet.py), control characters
    ``printable`` (a CSV is as often read in a terminal as in a spreadsheet)."""
    write_spreadsheet_csv(sys.stdout, rows, columns, clean=lambda text: printable(text, one_line=False))


def print_speech_list(speeches: list[SpeechSummary]) -> None:
    """A table; ids are never cut (`show` needs them whole): piped, lines are as long as they need to
    be; in a narrow terminal, titles wrap first, and an id that still does not fit wraps too."""
    out = console()
    if not out.is_terminal:
        out = _Console(highlight=False, soft_wrap=True, width=100_000)
    speeches = [printable_fields(s) for s in speeches]
    rows = [(s.date or (str(s.year) if s.year else ""), s.speaker or "", s.title or "", str(s.paragraphs), s.speech_id)
            for s in speeches]
    headers = ("date", "speaker", "title", "paragraphs", "speech_id")
    natural = [max([cell_len(h)] + [cell_len(row[i]) for row in rows]) for i, h in enumerate(headers)]
    # Widths given outright (rich's own shrinking lets CJK columns overflow by a cell): even widths,
    # so a fold never has to split a two-cell character; the title gives way first, then the id.
    spare = out.width - 2 * (len(headers) - 1) - natural[0] - natural[3]
    speaker = min(natural[1], 8)
    ident = min(natural[4], max(spare - speaker - 8, 10) // 2 * 2)
    title = min(natural[2], max(spare - speaker - ident, 8) // 2 * 2)
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1))
    table.add_column("date", no_wrap=True, width=natural[0])
    table.add_column("speaker", overflow="fold", width=speaker)
    table.add_column("title", overflow="fold", width=title)
    table.add_column("paragraphs", justify="right", no_wrap=True, width=natural[3])
    table.add_column("speech_id", overflow="fold", width=ident)
    for row in rows:
        table.add_row(*map(Text, row))  # Text, not markup: a title may hold "[/b]"
    if out.is_terminal:
        out.print(table)
    else:  # piped: no padding after the last column (rich pads every cell to its column's width)
        with out.capture() as captured:
            out.print(table)
        out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    out.print(f"{len(speeches)} speech" if len(speeches) == 1 else f"{len(speeches)} speeches", style="dim")


def print_trend(rows: list[TrendRow], width: int = 40, measure: str | None = None) -> None:
    """A bar per group and term: paragraphs (bar length) and speeches; with ``measure`` (a TrendRow
    field such as per_10k_chars) the bar and first number are that measure."""
    out = console()
    if not rows:
        out.print("No matches.")
        return
    rows = [printable_fields(r) for r in rows]  # a group may be a speaker's name from a document
    measure = measure or "paragraphs"
    value = lambda row: getattr(row, measure)  # noqa: E731
    peak = max(value(r) for r in rows) or 1
    terms = list(dict.fromkeys(r.term for r in rows))
    styles = ["cyan", "magenta", "green", "yellow", "blue", "red"]
    label_cells = max(cell_len(r.group) for r in rows)
    term_cells = max(cell_len(t) for t in terms)
    name = measure.replace("_", " ")
    out.print(Text(f"bars: {name}; numbers: {name} / paragraphs / speeches" if measure != "paragraphs"
                   else "bars: paragraphs; numbers: paragraphs / speeches", style="dim"))
    for group in dict.fromkeys(r.group for r in rows):
        for n, row in enumerate(r for r in rows if r.group == group):
            style = styles[terms.index(row.term) % len(styles)]
            label = group if n == 0 else ""
            line = Text(label + " " * (label_cells - cell_len(label)) + "  ")
            if len(terms) > 1:
                line.append(row.term + " " * (term_cells - cell_len(row.term)) + " ", style=style)
            bar = round(value(row) / peak * width)
            line.append("█" * bar or ("▏" if value(row) else ""), style=style)
            if measure == "paragraphs":
                line.append(f" {row.paragraphs} / {row.speeches}")
            else:
                shown = f"{value(row):.2f}" if isinstance(value(row), float) else str(value(row))
                line.append(f" {shown} / {row.paragraphs} / {row.speeches}")
            out.print(line)


def _fit_left(text: str, cells: int) -> str:
    while cell_len(text) > cells:
        text = text[1:]
    return " " * (cells - cell_len(text)) + text


def _fit_right(text: str, cells: int) -> str:
    while cell_len(text) > cells:
        text = text[:-1]
    return text


def print_kwic(lines: list[KwicLine], width: int) -> None:
    """The term in one column, context either side, then where it is. In a terminal every line fits
    its width: the contexts narrow, and where there is still no room the source goes on a line below."""
    out = console()
    if not lines:
        out.print("No matches.")
        return
    lines = [printable_fields(line) for line in lines]
    wheres = [" · ".join(x for x in (line.date, line.speaker, f"{line.speech_id} ¶{line.paragraph}") if x) for line in lines]
    cells = width * 2  # contexts are mostly Han, two cells each
    below = False
    if out.is_terminal:
        term = max(cell_len(line.match) for line in lines)
        room = out.width - term - 2  # the spaces either side of the term
        beside = (room - 2 - max(cell_len(w) for w in wheres)) // 2
        below = beside < min(cells, 12)  # too little context left beside the source: put it below
        cells = max(2, min(cells, (room // 2) if below else beside))
    for line, where in zip(lines, wheres):
        text = Text(_fit_left(line.left, cells) + " ")
        text.append(line.match, style=MATCH_STYLE)
        text.append(" " + _fit_right(line.right, cells))
        if below:
            out.print(text, no_wrap=True, overflow="crop")
            from rich.padding import Padding

            out.print(Padding(Text(where, style="dim", overflow="fold"), (0, 0, 0, 4)), soft_wrap=False)
        else:
            text.append(f"  {where}", style="dim")
            out.print(text, no_wrap=True, overflow="crop" if out.is_terminal else "ignore", crop=out.is_terminal)