import json

import pytest

from searchkit.errors import InputError
from searchkit.models import Skipped
from searchkit.ingest.readers import decode, discover, read_file

TEXT = "　　发展电子商务，促进就业。\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]),
        TEXT.replace("\n", "\r\n").encode("gb18030"),
    ],
)
def test_decodes_the_encodings_speeches_come_in(data):
    assert decode(data, "f.txt").replace("\r\n", "\n") == TEXT


TRADITIONAL = "香港律師會會長致辭全文\n　　各位嘉賓：今天是法律年度開啟典禮，我謹代表律師會向各位致意。\n"
LONG = "政府工作报告\n　　各位代表：现在，我代表国务院，向大会报告工作，请予审议，并请全国政协各位委员提出意见。\n"


@pytest.mark.parametrize("text", [TRADITIONAL, TRADITIONAL[:11], "蔡英文給民進黨員的一封信", "馬道立法律年度開啟典禮演辭"])
def test_big5_is_read_as_big5_not_as_gb18030_garbage(text):
    data = text.encode("big5")
    data.decode("gb18030")  # the trap: these bytes are valid GB18030 too
    assert decode(data, "hk.txt") == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [LONG, TEXT, "国务院总理李克强", TRADITIONAL])
def test_utf16_without_bom_is_read_not_called_binary(encoding, text):
    assert decode(text.encode(encoding), "u16.txt") == text


def test_gb18030_and_utf8_bom_crlf_samples_are_read():
    assert decode(LONG.encode("gb18030"), "gb.txt") == LONG
    crlf = LONG.replace("\n", "\r\n")
    assert decode(b"\xef\xbb\xbf" + crlf.encode("utf-8"), "bom.txt") == crlf


def test_bytes_no_encoding_reads_as_chinese_are_reported_not_indexed():
    # Valid GB18030 (and Big5) byte for byte, but no Chinese text: rare characters and private-use points.
    junk = bytes([0xA1, 0x40, 0xA3, 0x7E, 0xF9, 0x40, 0xA1, 0x7E] * 20)
    junk.decode("gb18030")
    with pytest.raises(InputError, match="encoding is unclear"):
        decode(junk, "junk.txt")


def test_binary_and_undecodable_files_get_a_clear_error():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "a.png.txt")
    with pytest.raises(InputError, match="not UTF-8"):
        decode(bytes(range(0x80, 0x100)) * 4, "junk.txt")


def test_discover_walks_folders_and_skips_hidden(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "y.txt").write_text("y")
    (tmp_path / "z.xyz").write_text("z")
    assert [f.name for _, f in discover([tmp_path])] == ["x.txt"]
    with pytest.raises(InputError, match="does not exist"):
        list(discover([tmp_path / "missing"]))


def test_speech_id_is_the_path_below_the_indexed_folder(tmp_path):
    (tmp_path / "2014").mkdir()
    file = tmp_path / "2014" / "报告.txt"
    file.write_text(TEXT, encoding="utf-8")
    [document] = read_file(tmp_path, file)
    assert document.speech_id == "2014/报告"
    assert document.source == str(file.resolve())


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path):
    file = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "n1", "title": "标题", "date": "2020-01-02", "text": "第一段\n第二段"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "无正文"}, ensure_ascii=False),
        json.dumps({"text": "无编号"}, ensure_ascii=False),
    ]
    file.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_file(tmp_path, file))
    documents = [i for i in items if not isinstance(i, Skipped)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.speech_id for d in documents] == ["n1", "news#4"]
    assert documents[0].fields == {"title": "标题", "date": "2020-01-02"}
    assert [s.source.rsplit(":", 1)[1] for s in skipped] == ["2", "3"]


def test_front_matter_is_taken_out_of_markdown_and_other_rules_stay_text(tmp_path):
    from searchkit.ingest.readers import frontmatter

    body, stated = frontmatter.split('---\ntitle: "讲话"\ndate: 2021-09-10\nauthor: [新闻中心]\ntags: [a, b]\n---\n\n正文。\n')
    assert (body, stated) == ("正文。\n", {"title": "讲话", "date": "2021-09-10", "author": "新闻中心"})
    for text in ("---\n来源: 新华网\n---\n正文。\n", "---\n只是一行字\n---\n正文。\n", "正文。\n---\ntitle: x\n---\n"):
        assert frontmatter.split(text) == (text, {})


def test_big5_and_bomless_utf16_files_are_indexed_as_text_and_garbage_is_skipped(tmp_path):
    import searchkit

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "hk.txt").write_bytes(TRADITIONAL.encode("big5"))
    (corpus / "u16.txt").write_bytes(LONG.encode("utf-16-le"))
    (corpus / "junk.txt").write_bytes(bytes([0xA1, 0x40, 0xA3, 0x7E, 0xF9, 0x40, 0xA1, 0x7E] * 20))
    report = searchkit.update_index([corpus], tmp_path / "ix")
    [skipped] = report.skipped
    assert skipped.source.endswith("junk.txt") and "encoding is unclear" in skipped.reason
    with searchkit.open_index(tmp_path / "ix") as index:
        assert {h.speech_id for h in index.search("律师会")} == {"hk"}  # simplified query, Big5 text
        assert {h.speech_id for h in index.search("国务院")} == {"u16"}


def test_jsonl_lone_surrogate_escapes_are_replaced_not_fatal(tmp_path):
    # JSON may escape half of a surrogate pair ("\ud800"); Python keeps it, and no UTF-8 or UTF-16
    # step downstream can encode it: the run died with an internal error, losing every other speech.
    import searchkit

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(
        '{"id": "bad", "title": "标题\\udc80", "text": "经济\\ud800发展\\n改革开放"}\n'
        '{"id": "good", "text": "经济发展 𠀀 \\ud840\\udc00"}\n', encoding="utf-8")
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        assert {h.speech_id for h in index.search("改革开放")} == {"bad"}
        assert [p.text for p in index.speech("bad")] == ["经济\ufffd发展", "改革开放"]
        assert index.count('"𠀀 𠀀"') == 1  # an escaped pair that is whole stays the character


def test_front_matter_lone_surrogate_escapes_are_replaced_not_fatal():
    # YAML's "\ud800" escape gives half a surrogate pair, which ended the index run with an internal error.
    from searchkit.ingest.readers import frontmatter

    body, stated = frontmatter.split('---\ntitle: "讲话\\ud800"\nauthor: "\\udfff张三"\n---\n\n正文。\n')
    assert (body, stated) == ("正文。\n", {"title": "讲话\ufffd", "author": "\ufffd张三"})
