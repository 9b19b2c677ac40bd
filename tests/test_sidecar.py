"""Sidecar metadata: NAME.meta.json beside NAME.txt (or .md, .html, …) overrides what the text says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import searchkit

REPORT_2014 = """2014年政府工作报告
——2014年3月5日在第十二届全国人民代表大会第二次会议上
国务院总理　李克强
各位代表：
　　现在，我代表国务院，向大会报告政府工作，请予审议。
　　我们要全面深化改革，推动创新驱动发展。
"""

TALK = """在座谈会上的讲话
　　要坚持改革开放，推动高质量发展。
"""

PAGE = """<html><head><title>在调研时的讲话</title></head><body><article>
<h1>在调研时的讲话</h1>
<p>——2019年5月20日在江西调研时</p>
<p>我们要坚定不移推进改革开放，推动高质量发展，让人民群众有更多获得感。</p>
<p>各级干部要深入基层，了解群众的所思所盼，切实解决群众急难愁盼问题。</p>
</article></body></html>
"""


def sidecar(folder: Path, stem: str, data, *, raw: bytes | None = None) -> Path:
    path = folder / f"{stem}.meta.json"
    path.write_bytes(raw if raw is not None else json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return path


def listing(index_dir: Path) -> dict:
    with searchkit.open_index(index_dir) as index:
        return {s.speech_id: s for s in index.speeches()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A corpus where every kind of sidecar occurs once, indexed once."""
    base = tmp_path_factory.mktemp("sidecar")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(REPORT_2014, encoding="utf-8")
    sidecar(corpus, "report", {"title": "2026年政府工作报告", "speaker": "李强", "date": "2026-03-05",
                               "source": "中国政府网", "venue": "第十四届全国人民代表大会第四次会议", "extra": "ignored"})
    (corpus / "partial.txt").write_text(REPORT_2014, encoding="utf-8")
    sidecar(corpus, "partial", {"speaker": "李克强同志", "date": 2014, "title": "   "})  # only speaker usable
    (corpus / "plain.txt").write_text(REPORT_2014, encoding="utf-8")  # no sidecar: the text's metadata
    (corpus / "bom.md").write_text(TALK, encoding="utf-8")
    sidecar(corpus, "bom", None, raw=b"\xef\xbb\xbf" + json.dumps({"speaker": "韩正"}, ensure_ascii=False).encode())
    (corpus / "page.html").write_text(PAGE, encoding="utf-8")
    sidecar(corpus, "page", {"speaker": "习近平"})
    sidecar(corpus, "orphan", {"title": "没有正文的元数据"})  # no orphan.txt beside it
    (corpus / "broken.txt").write_text(TALK, encoding="utf-8")
    sidecar(corpus, "broken", None, raw='{"speaker": "韩正",'.encode())
    (corpus / "listed.txt").write_text(TALK, encoding="utf-8")
    sidecar(corpus, "listed", ["speaker", "韩正"])
    (corpus / "gbk.txt").write_text(TALK, encoding="utf-8")
    sidecar(corpus, "gbk", None, raw=json.dumps({"speaker": "韩正"}, ensure_ascii=False).encode("gb18030"))
    index_dir = base / "index"
    report = searchkit.update_index([corpus], index_dir)
    return corpus, index_dir, report, listing(index_dir)


def test_sidecar_overrides_title_speaker_date_venue_source(built):
    _, index_dir, _, speeches = built
    report = speeches["report"]
    assert (report.title, report.speaker, report.date, report.year) == ("2026年政府工作报告", "李强", "2026-03-05", 2026)
    assert (report.source, report.venue) == ("中国政府网", "第十四届全国人民代表大会第四次会议")
    plain = speeches["plain"]
    assert (plain.title, plain.speaker, plain.date) == ("2014年政府工作报告", "李克强", "2014-03-05")
    with searchkit.open_index(index_dir) as index:
        [hit] = index.search("全面深化改革", speaker="李强")
        assert (hit.speech_id, hit.title, hit.speaker, hit.date, hit.source) == (
            "report", "2026年政府工作报告", "李强", "2026-03-05", "中国政府网")
        assert {h.speech_id for h in index.search("全面深化改革", limit=None, since="2026")} == {"report"}
        assert {h.speech_id for h in index.search("全面深化改革", limit=None, speaker="李克强")} == {"plain", "partial"}
        assert [p.date for p in index.speech("report")] == ["2026-03-05"] * 6
        # The text is untouched: its own title line is still its first paragraph.
        assert index.speech("report")[0].text == "2014年政府工作报告"


def test_sidecar_keys_are_each_optional(built):
    _, _, _, speeches = built
    partial = speeches["partial"]
    # Only the speaker is usable (a number is not an ISO date, a blank title is no title): the rest
    # comes from the text.
    assert (partial.title, partial.date, partial.year) == ("2014年政府工作报告", "2014-03-05", 2014)
    assert partial.speaker == "李克强同志"
    assert speeches["bom"].speaker == "韩正"  # a UTF-8 BOM is fine
    assert speeches["page"].speaker == "习近平" and speeches["page"].date == "2019-05-20"  # beside .html too


def test_invalid_sidecar_is_reported_but_the_speech_is_indexed(built):
    corpus, index_dir, report, speeches = built
    skipped = {Path(s.source).name: s.reason for s in report.skipped}
    assert set(skipped) == {"broken.meta.json", "listed.meta.json", "gbk.meta.json"}
    assert all(reason.startswith("sidecar ignored") for reason in skipped.values())
    for stem in ("broken", "listed", "gbk"):
        assert stem in speeches and speeches[stem].speaker is None  # indexed, with the text's metadata
        assert speeches[stem].title == "在座谈会上的讲话"
    with searchkit.open_index(index_dir) as index:
        assert {"broken", "listed", "gbk"} <= {h.speech_id for h in index.search("高质量发展", limit=None)}


def test_sidecar_files_are_not_speeches(built):
    _, index_dir, report, speeches = built
    assert set(speeches) == {"report", "partial", "plain", "bom", "page", "broken", "listed", "gbk"}
    assert report.speeches == 8
    with searchkit.open_index(index_dir) as index:
        assert not index.search("没有正文的元数据") and not index.search("speaker")
        assert all(".meta" not in p.speech_id and "meta.json" not in p.source for p in index.paragraphs())


def counts(report):
    return report.added, report.updated, report.removed, report.unchanged


def test_editing_only_the_sidecar_updates_that_speech(tmp_path):
    corpus, index_dir = tmp_path / "c", tmp_path / "ix"
    corpus.mkdir()
    for stem in ("a", "b", "c"):
        (corpus / f"{stem}.txt").write_text(REPORT_2014, encoding="utf-8")
    text_before = (corpus / "a.txt").stat().st_mtime_ns
    assert counts(searchkit.update_index([corpus], index_dir)) == (3, 0, 0, 0)

    sidecar(corpus, "a", {"speaker": "李强"})  # a sidecar appears
    report = searchkit.update_index([corpus], index_dir)
    assert counts(report) == (0, 1, 0, 2) and report.updated_ids == ("a",)
    assert listing(index_dir)["a"].speaker == "李强"

    assert counts(searchkit.update_index([corpus], index_dir)) == (0, 0, 0, 3)  # nothing changed

    sidecar(corpus, "a", {"speaker": "李强", "date": "2026-03-05"})  # the sidecar is edited
    report = searchkit.update_index([corpus], index_dir)
    assert counts(report) == (0, 1, 0, 2) and report.updated_ids == ("a",)
    assert (listing(index_dir)["a"].date, listing(index_dir)["a"].year) == ("2026-03-05", 2026)

    (corpus / "a.meta.json").unlink()  # and removed: back to what the text says
    report = searchkit.update_index([corpus], index_dir)
    assert counts(report) == (0, 1, 0, 2) and report.updated_ids == ("a",)
    a = listing(index_dir)["a"]
    assert (a.speaker, a.date) == ("李克强", "2014-03-05")
    assert (corpus / "a.txt").stat().st_mtime_ns == text_before  # the text itself never changed


def test_a_sidecar_turning_invalid_drops_its_values(tmp_path):
    corpus, index_dir = tmp_path / "c", tmp_path / "ix"
    corpus.mkdir()
    (corpus / "a.txt").write_text(REPORT_2014, encoding="utf-8")
    sidecar(corpus, "a", {"speaker": "李强"})
    searchkit.update_index([corpus], index_dir)
    sidecar(corpus, "a", None, raw=b"{oops")
    report = searchkit.update_index([corpus], index_dir)
    assert counts(report) == (0, 1, 0, 0) and len(report.skipped) == 1
    assert listing(index_dir)["a"].speaker == "李克强"


def test_an_impossible_sidecar_date_is_not_the_speech_date(tmp_path):
    corpus, index_dir = tmp_path / "c", tmp_path / "ix"
    corpus.mkdir()
    (corpus / "a.txt").write_text(REPORT_2014, encoding="utf-8")
    sidecar(corpus, "a", {"date": "2026-02-30"})
    searchkit.update_index([corpus], index_dir)
    assert listing(index_dir)["a"].date != "2026-02-30"


def test_a_lone_surrogate_escape_in_a_sidecar_is_replaced_not_fatal(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "talk.txt").write_text(TALK, encoding="utf-8")
    sidecar(corpus, "talk", None, raw=b'{"title": "\\u8bb2\\u8bdd\\ud800", "speaker": "\\udfff"}')
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        [speech] = index.speeches()
        assert (speech.title, speech.speaker) == ("讲话\ufffd", "\ufffd")
