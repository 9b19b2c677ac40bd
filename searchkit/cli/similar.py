"""`searchkit similar`: where does this passage come from? Paragraphs that reuse it, reused spans marked."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import InputError, QueryError, SearchkitError
from .options import (CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, emit, open_index)

app = typer.Typer()

COLUMNS = ["speech_id", "paragraph", "score", "shared", "date", "speaker", "title", "matches", "passage_matches", "text", "source"]
SHOWN_CHARS = 240  # of a long hit, the window holding most reused spans


@app.command("similar")
def similar_command(
    text: Annotated[
        Optional[str],
        typer.Argument(help="The passage; omit it or give - to read standard input.", metavar="[TEXT]", show_default=False),
    ] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the passage from this file.")] = None,
    speech: Annotated[Optional[str], typer.Option("--speech", help="Use an indexed speech's paragraph as the passage.")] = None,
    paragraph: Annotated[Optional[int], typer.Option("--paragraph", "-p", help="That paragraph's number (without it: the whole speech).")] = None,
    passage_title: Annotated[
        Optional[str],
        typer.Option("--passage-title", help="The title of the document the passage comes from (with --speech, by default: that speech's title)."),
    ] = None,
    by: Annotated[str, typer.Option("--by", help="paragraph, or speech (each speech once, its best paragraph).")] = "paragraph",
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many hits to show.")] = 10,
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Paragraphs that reuse a passage's wording, most shared content first (source tracing)."""
    given = [name for name, value in (("TEXT", text), ("--file", file), ("--speech", speech)) if value is not None]
    if len(given) > 1:
        raise QueryError(f"give the passage one way, not as {' and '.join(given)}")
    if paragraph is not None and speech is None:
        raise QueryError("--paragraph needs --speech ID")
    filters = dict(speaker=speaker, since=since, until=until, title=title, source=source)
    with open_index(index) as speech_index:
        exclude: list[tuple[str, int]] = []
        if speech is not None:
            passage, exclude, own_title = _indexed_passage(speech_index, speech, paragraph)
            passage_title = own_title if passage_title is None else passage_title  # "" switches it off
        elif file is not None:
            passage = _read_file(file)
        else:
            passage = _read_stdin() if text in (None, "-") else text
        hits = speech_index.similar(passage, limit, by=by, exclude=exclude, passage_title=passage_title, **filters)
        emit(hits, json_output, csv_output, COLUMNS, lambda hits: _show(hits, passage, by))


def _indexed_passage(speech_index, speech: str, paragraph: int | None) -> tuple[str, list[tuple[str, int]], str | None]:
    """The passage, the paragraphs to leave out of the results, and the speech's title."""
    paragraphs = speech_index.speech(speech)
    title = paragraphs[0].title if paragraphs else None
    if paragraph is None:  # the whole speech, none of it a result
        return "\n".join(p.text for p in paragraphs), [(speech, p.paragraph) for p in paragraphs], title
    for p in paragraphs:
        if p.paragraph == paragraph:
            return p.text, [(speech, paragraph)], title
    raise SearchkitError(f"speech {speech!r} has paragraphs 1–{len(paragraphs)}, not {paragraph}")


def _read_file(file: Path) -> str:
    from ..ingest.readers import decode

    try:
        return decode(file.read_bytes(), str(file))
    except OSError as error:
        raise InputError(f"{file} cannot be read: {error.strerror}") from None


def _read_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise QueryError("give the passage as TEXT, --file F, --speech ID, or on standard input")
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, bytes):
        from ..ingest.readers import decode

        return decode(data, "standard input")
    return data


def _show(hits, passage: str, by: str) -> None:
    from rich.text import Text

    from . import render
    from ..engine.highlight import snippet_window

    out = render.console()
    length = len(passage.strip())
    if not hits:
        out.print(f"No indexed paragraph shares wording with this passage ({length} characters).")
        return
    if by == "speech":
        what = "speech (its best paragraph)" if len(hits) == 1 else "speeches (the best paragraph of each)"
    else:
        what = "paragraph" if len(hits) == 1 else "paragraphs"
    out.print(f"Passage of {length} characters; {len(hits)} {what} sharing its wording: sources (repeating "
              f"nearly all of it) first, then by the ranking model's score.", style="dim")
    for rank, hit in enumerate(hits, 1):
        hit = render.printable_fields(hit, body=("text",))
        head = Text()
        head.append(f"{rank:>3}. ", style="bold")
        head.append(f"{hit.speech_id} ¶{hit.paragraph}", style="cyan")
        head.append(f"  shares {hit.shared:.0%} of the passage", style="bold yellow" if hit.shared >= 0.5 else "yellow")
        if hit.verbatim:
            head.append("  source", style="bold green")
        head.append(f"  score {hit.score:.2f}", style="dim")
        where = " · ".join(x for x in (hit.date, hit.speaker, hit.title) if x)
        if where:
            head.append(f"\n     {where}", style="green")
        start, end = snippet_window(hit.text, hit.matches, SHOWN_CHARS)
        body = Text("\n     " + ("…" if start else ""))
        body.append_text(render.highlighted(hit.text[start:end], hit.matches, start))
        body.append("…" if end < len(hit.text) else "")
        out.print(head + body)
        out.print()
