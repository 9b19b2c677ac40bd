"""What one file may hold or expand to is capped (readers/limits.py): past the cap it is reported as
skipped, saying the cap, and never read whole. The caps are lowered here so the files stay small."""

from __future__ import annotations

import json
import zipfile
import zlib

import pytest

import searchkit
from samples import SPEECH
from searchkit.ingest.readers import limits
from test_formats import make_pdf, wrap

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PARAGRAPH = "<w:p><w:r><w:t>我们要大力发展电子商务，促进就业。</w:t></w:r></w:p>"


def zip_bomb(path, expanded_mb: float) -> None:
    """A valid .docx whose document.xml (repeated paragraphs) unzips to ``expanded_mb``, from a few KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'))
        repeats = int(expanded_mb * limits.MB / len(_PARAGRAPH.encode()))
        archive.writestr("word/document.xml", f"<w:document {_W}><w:body>{_PARAGRAPH * repeats}</w:body></w:document>")


def _index(tmp_path, files: dict):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "speech.txt").write_text(SPEECH, encoding="utf-8")
    for name, make in files.items():
        make(corpus / name)
    report = searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        ids = sorted(s.speech_id for s in index.speeches())
    return ids, sorted((s.source.rsplit("/", 1)[1], s.reason) for s in report.skipped)


def test_a_docx_zip_bomb_is_skipped_before_it_is_unzipped(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_MB", 0.1)  # a .docx may expand to 5 times that: 0.5 MB
    ids, skipped = _index(tmp_path, {"bomb.docx": lambda p: zip_bomb(p, 3), "fine.docx": lambda p: zip_bomb(p, 0.01)})
    assert (tmp_path / "corpus" / "bomb.docx").stat().st_size < 20_000
    assert ids == ["fine", "speech"]
    [(name, reason)] = skipped
    assert name == "bomb.docx" and "expands to more than 0.5 MB (3 MB unzipped: a zip bomb?); not read" in reason


def test_the_same_docx_is_read_under_the_shipped_cap(tmp_path):
    from searchkit.ingest.readers import docx as docx_reader

    zip_bomb(tmp_path / "big.docx", 3)
    text, _ = docx_reader.read((tmp_path / "big.docx").read_bytes(), "big.docx")
    assert text.count("\n") + 1 == 3 * limits.MB // len(_PARAGRAPH.encode())


def test_a_huge_single_line_txt_is_skipped_saying_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_MB", 0.1)
    line = "经济发展" * 10_000  # 120 KB of UTF-8, no line break
    ids, skipped = _index(tmp_path, {"line.txt": lambda p: p.write_text(line, encoding="utf-8"),
                                     "short.txt": lambda p: p.write_text(line[:3000], encoding="utf-8")})
    assert ids == ["short", "speech"]
    [(name, reason)] = skipped
    assert name == "line.txt" and reason.endswith("holds more than 0.1 MB of text, more than a speech holds; split it into speeches")


@pytest.mark.parametrize("size", ["read whole", "read line by line"])
def test_a_huge_jsonl_line_is_skipped_and_the_other_lines_read(tmp_path, monkeypatch, size):
    monkeypatch.setattr(limits, "MAX_TEXT_MB", 0.01)  # 10 KB a line; files over 100 KB are read line by line
    lines = [json.dumps({"id": f"n{i}", "text": f"第{i}条新闻。经济发展。"}, ensure_ascii=False).encode() for i in range(5)]
    lines.insert(2, json.dumps({"id": "huge", "text": "经济" * 5000}, ensure_ascii=False).encode())  # 30 KB
    if size == "read line by line":
        lines += [json.dumps({"id": f"m{i}", "text": "改革开放" * 100}, ensure_ascii=False).encode() for i in range(100)]
        lines.insert(4, b'{"id": "gb", "text": "%s"}' % "经济".encode("gb18030"))
    data = b"\n".join(lines) + b"\n"
    assert (len(data) > limits.file_cap(".jsonl")) == (size == "read line by line")
    ids, skipped = _index(tmp_path, {"news.jsonl": lambda p: p.write_bytes(data)})
    assert "huge" not in ids and {"n0", "n4"} <= set(ids)
    assert ("news.jsonl:3", "longer than 0.01 MB, more text than a speech holds; not read") in skipped
    if size == "read line by line":
        assert len(ids) == 1 + 5 + 100
        assert ("news.jsonl:5", "not UTF-8 (a large JSONL file is read as UTF-8, line by line)") in skipped


def test_a_pdf_with_more_text_than_the_cap_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_MB", 0.001)  # 1 KB of text
    paragraphs = ["我们要大力发展电子商务，促进就业，推进改革开放和社会主义现代化建设。" * 3] * 10
    ids, skipped = _index(tmp_path, {"long.pdf": lambda p: p.write_bytes(make_pdf(wrap(paragraphs)))})
    assert ids == ["speech"]
    assert skipped == [("long.pdf", f"{tmp_path / 'corpus' / 'long.pdf'} expands to more than 0.001 MB of text, more "
                                    "than a speech holds; split it into speeches")]


def test_a_pdf_bomb_is_skipped_before_pdfminer_inflates_it(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_MB", 0.01)  # a PDF's streams may inflate to 0.1 MB
    page = make_pdf(wrap(["我们要大力发展电子商务，促进就业。"]))
    bomb = zlib.compress(b"0 0 m\n" * 100_000, 9)  # 600 KB of drawing operators from 2 KB
    stream = b"7 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n" % (len(bomb), bomb)
    data = page.replace(b"xref\n", stream + b"xref\n", 1)
    ids, skipped = _index(tmp_path, {"bomb.pdf": lambda p: p.write_bytes(data), "page.pdf": lambda p: p.write_bytes(page)})
    assert ids == ["page", "speech"]
    [(name, reason)] = skipped
    assert name == "bomb.pdf" and reason.endswith("expands to more than 0.1 MB (a PDF bomb?); not read")
