"""Metadata extraction accuracy against the truth that file names like `2014政府工作报告_李克强.txt` carry.

Usage: python benchmarks/metadata_accuracy.py CORPUS_DIR

Prints, per file, what `extract_metadata` found, then accuracy figures over the files whose names hold
a year and a speaker. "text only" repeats the run without the file name, to show what the text alone
yields. Files without that truth are listed but not scored.
"""

from __future__ import annotations

import datetime
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searchkit.metadata import extract_metadata  # noqa: E402

TRUTH = re.compile(r"^(?P<year>\d{4})[^_]*_(?P<speaker>[^_.]+)")


def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [s for s in (line.strip(" \t\r\u3000\xa0") for line in text.splitlines()) if s]


def in_year(date: str | None, year: int) -> bool:
    return date is not None and datetime.date.fromisoformat(date).year == year


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    files = sorted(Path(argv[1]).glob("*.txt"))
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


if __name__ == "__main__":
    sys.exit(main(sys.argv))
