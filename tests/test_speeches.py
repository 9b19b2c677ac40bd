from hypothesis import given
from hypothesis import strategies as st

from searchkit.ingest.readers import Document
from searchkit.ingest.speeches import make_speech, split_paragraphs


def test_indented_lines_are_paragraphs():
    text = "标题\n——2014年3月5日\n　　第一段。\n    第二段，\n　　第三段。\n"
    assert split_paragraphs(text) == ["标题", "——2014年3月5日", "第一段。", "第二段，", "第三段。"]


def test_blank_line_blocks_join_hard_wrapped_lines():
    first = "我们要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推"
    text = f"标题\n\n{first}\n动高质量发展。\n\n第二段。\r\n"
    assert split_paragraphs(text) == ["标题", first + "动高质量发展。", "第二段。"]


def test_crlf_and_cr_line_endings():
    assert split_paragraphs("一。\r\n二。\r三。") == ["一。", "二。", "三。"]


@given(st.text(alphabet=st.sampled_from(list("中文段落。，ab \u3000\t\n\r")), max_size=200))
def test_split_loses_no_text(text):
    def visible(s):
        return "".join(c for c in s if not c.isspace())

    assert visible("".join(split_paragraphs(text))) == visible(text)
    assert all(p == p.strip() and p for p in split_paragraphs(text))


def test_jsonl_fields_win_and_title_defaults_to_first_line():
    speech = make_speech(Document("a", "/x/a.jsonl", "第一行\n第二行", {"title": "真标题", "speaker": "李强"}))
    assert (speech.title, speech.speaker, speech.paragraphs) == ("真标题", "李强", ("第一行", "第二行"))
    assert make_speech(Document("b", "/x/b.txt", "\n\n  标题行\n正文。")).title == "标题行"


def test_hash_changes_with_text():
    a = make_speech(Document("a", "/x", "正文。"))
    b = make_speech(Document("a", "/x", "正文！"))
    assert a.content_hash != b.content_hash
