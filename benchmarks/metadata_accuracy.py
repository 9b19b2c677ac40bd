"""Metadata accuracy: title, date and speaker that searchkit reads, against a folder's truth.

Usage: python benchmarks/metadata_accuracy.py FOLDER [--details dev|held-out|all]

With ``FOLDER/truth.json`` (``{"relative/path": {"title", "date", "speaker"}, …}``): every listed file is
read exactly as ``searchkit index`` reads it (decoding, HTML, front matter, sidecar, paragraphs, metadata
rules), and its title, date and speaker are compared with the truth after folding width, case and
traditional/simplified script and dropping whitespace (``null`` must be ``null``). A file that cannot be
read counts as wrong on all three. Figures are printed for all files and for two parts fixed BEFORE the
rules were tuned: a file is *held out* when ``sha256(relative path) % 3 == 0``; the rest is the *dev* part
the rules were developed on. Report the held-out figure.

Without truth.json (``gov-work-reports``): the truth is what file names like ``2014政府工作报告_李克强.txt``
carry (year and speaker); a title is only checked for being present. "text only" repeats the run
without the file name, to show what the text alone yields.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searchkit.text import normalize  # noqa: E402
from searchkit.errors import SearchkitError  # noqa: E402
from searchkit.ingest.metadata import extract_metadata  # noqa: E402
from searchkit.ingest.readers import read_file  # noqa: E402
from searchkit.ingest.speeches import make_speech  # noqa: E402

FIELDS = ("title", "date", "speaker")
TRUTH = re.compile(r"^(?P<year>\d{4})[^_]*_(?P<speaker>[^_.]+)")


def held_out(relative_path: str) -> bool:
    return int(hashlib.sha256(relative_path.encode("utf-8")).hexdigest(), 16) % 3 == 0


def fold(value: str | None) -> str | None:
    return None if value is None else re.sub(r"\s+", "", normalize(value))


def read_speech(root: Path, relative: str):
    """The file's Speech as the indexer builds it, or the one-line reason it cannot be read."""
    documents = [d for d in read_file(root, root / relative) if hasattr(d, "text")]
    if not documents:
        raise SearchkitError(f"{relative}: nothing read")
    return make_speech(documents[0])


def run_truth(root: Path, details: str = "all") -> int:
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    parts = {"all": [], "dev": [], "held-out": []}
    elapsed = 0.0
    for relative in sorted(truth):
        expected = truth[relative]
        start = time.perf_counter()
        try:
            speech = read_speech(root, relative)
            got = {"title": speech.title, "date": speech.date, "speaker": speech.speaker}
            problem = ""
        except SearchkitError as error:
            got, problem = {key: "\0unread" for key in FIELDS}, f"  UNREAD: {error}"
        elapsed += time.perf_counter() - start
        ok = {key: fold(got[key]) == fold(expected.get(key)) for key in FIELDS}
        part = "held-out" if held_out(relative) else "dev"
        parts["all"].append(ok)
        parts[part].append(ok)
        marks = " ".join(f"!{key}" for key in FIELDS if not ok[key])
        if details not in ("all", part):
            continue  # figures only: look at the held-out files' failures only when reporting
        print(f"[{part}] {relative}{problem}")
        for key in FIELDS:
            if not ok[key]:
                print(f"    {key}: got {got[key]!r}, want {expected.get(key)!r}")
        if not marks:
            print("    ok")
    print()
    for part, rows in parts.items():
        if rows:
            figures = "  ".join(f"{key} {sum(r[key] for r in rows) / len(rows):.2f}" for key in FIELDS)
            print(f"{part:<9} {len(rows):>3} files  {figures}")
    print(f"read + metadata: {1000 * elapsed / max(1, len(truth)):.1f} ms per file")
    return 0


def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [s for s in (line.strip(" \t\r\u3000\xa0") for line in text.splitlines()) if s]


def in_year(date: str | None, year: int) -> bool:
    return date is not None and datetime.date.fromisoformat(date).year == year


def run_file_names(folder: Path) -> int:
    files = sorted(folder.glob("*.txt"))
    counts = dict.fromkeys(("scored", "year", "date", "speaker", "speaker_text", "title"), 0)
    elapsed = 0.0
    for path in files:
        lines = read_lines(path)
        start = time.perf_counter()
        meta = extract_metadata(lines, path.name)
        elapsed += time.perf_counter() - start
        text_only = extract_metadata(lines)
        truth = TRUTH.match(path.name)
        mark = ""
        if truth:
            year, speaker = int(truth["year"]), truth["speaker"]
            checks = {
                "year": meta.year == year,
                "date": in_year(meta.date, year),
                "speaker": meta.speaker == speaker,
                "speaker_text": text_only.speaker == speaker,
                "title": bool(meta.title),
            }
            counts["scored"] += 1
            for key, ok in checks.items():
                counts[key] += ok
            mark = " ".join(f"!{key}" for key, ok in checks.items() if not ok)
        print(f"{path.name}\t{meta.title}\t{meta.date}\t{meta.year}\t{meta.speaker}\t{meta.venue}\t{mark}")

    n = counts["scored"]
    print()
    print(f"files: {len(files)}, scored against file names: {n}")
    if n:
        for key, label in (("year", "year == file-name year"), ("date", "date present, in that year"),
                           ("speaker", "speaker == file-name speaker"),
                           ("speaker_text", "same, text only (no file name)"), ("title", "title found")):
            print(f"  {label:<32} {counts[key]:>4}/{n}  {100 * counts[key] / n:5.1f}%")
    if files:
        print(f"  extract_metadata: {1000 * elapsed / len(files):.2f} ms per file")
    return 0


def main(argv: list[str]) -> int:
    details = "all"
    if len(argv) == 4 and argv[2] == "--details" and argv[3] in ("dev", "held-out", "all"):
        details, argv = argv[3], argv[:2]
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder = Path(argv[1])
    return run_truth(folder, details) if (folder / "truth.json").is_file() else run_file_names(folder)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
