"""HTML, DOCX and PDF readers: fixtures are built here, in tmp_path, never committed."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

import searchkit
from searchkit.errors import InputError
from searchkit.ingest.readers import SINGLE, docx as docx_reader, html as html_reader, pdf as pdf_reader

PARAGRAPHS = [
    "各位代表：现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
    "过去一年，朱镕基同志倡导的务实作风得到发扬，我国经济运行总体平稳，居民收入持续增长。",
    "新的一年，我们要坚定信心，迎难而上，奋力完成全年经济社会发展目标任务，推动高质量发展。",
]
NAVIGATION = ["首页", "政策", "互动", "正文", "分享到", "微信", "微博", "网友评论", "版权所有", "网站地图",
              "上一篇", "相关新闻", "责任编辑"]


def gov_page(charset_meta: str, body: str | None = None, title: str = "政府工作报告（全文）_滚动新闻_中国政府网") -> str:
    body = body if body is not None else "\n".join(f"<p>　　{p}</p>" for p in PARAGRAPHS)
    links = "".join(f'<li><a href="/{n}/">{word}</a></li>' for n, word in enumerate("首页 政策 互动 服务 数据 国情".split()))
    related = "".join(f'<li><a href="/r{n}.htm">相关新闻第{n}条：国务院常务会议部署近期工作</a></li>' for n in range(6))
    return f"""<!DOCTYPE html>
<html><head>{charset_meta}
<title>{title}</title>
<meta name="keywords" content="政府工作报告">
</head><body>
<div class="header"><a href="/" class="logo"><img src="logo.png" alt="中国政府网"></a><ul class="nav">{links}</ul></div>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>政府工作报告（全文）</h1>
<div class="info">来源：新华社　2024-03-05　<span class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></span></div>
<div id="UCAP-CONTENT" class="pages_content">
{body}
</div>
<div class="editor">【我要纠错】 责任编辑：张三</div>
<div class="prev-next"><a href="/p.htm">上一篇：国务院关于加强审计工作的意见</a> <a href="/n.htm">下一篇：国务院关于促进就业的通知</a></div>
</div>
<div class="sidebar"><h3>相关新闻</h3><ul>{related}</ul></div>
<div class="comments"><h3>网友评论</h3><p>写得真好，支持！</p><p>期待新的一年更好。</p></div>
</div>
<div class="footer"><p>版权所有：中国政府网 | 中文域名：中国政府网.政务</p>
<p><a href="/about">关于本网</a> | <a href="/sitemap">网站地图</a> | <a href="/contact">联系我们</a></p></div>
</body></html>"""


CHARSETS = {
    "utf-8": ('<meta charset="utf-8">', "utf-8"),
    "gbk": ('<meta charset="gbk">', "gbk"),
    "gb2312-http-equiv": ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk"),
}


@pytest.mark.parametrize("label", CHARSETS)
def test_html_main_text_one_line_per_paragraph(tmp_path: Path, label: str) -> None:
    meta, encoding = CHARSETS[label]
    file = tmp_path / "report.html"
    file.write_bytes(gov_page(meta).encode(encoding))  # 镕 is GBK-only: a GB2312 label must still read it
    text, fields = html_reader.read(file.read_bytes(), str(file))
    assert text.split("\n") == PARAGRAPHS
    for word in NAVIGATION:
        assert word not in text
    assert fields == {"title": "政府工作报告（全文）"}


def test_html_old_table_layout_page() -> None:
    # 2000s government sites: menus, sidebar, article and footer all in layout tables, GB2312.
    paragraphs = [f"第{n}段：" + PARAGRAPHS[n % 3] * 2 for n in range(8)]
    page = (
        "<html><head><meta http-equiv=Content-Type content='text/html; charset=gb2312'>"
        "<title>在全市经济工作会议上的讲话_某某市人民政府</title></head><body><table width=980>"
        "<tr><td colspan=2><a href=/>首页</a> | <a href=/a>政务公开</a> | <a href=/b>办事服务</a></td></tr>"
        "<tr><td width=200><a href=/x>领导之窗</a><br><a href=/y>政策法规</a><br><a href=/z>通知公告</a></td>"
        "<td><table><tr><td align=center><b>在全市经济工作会议上的讲话</b></td></tr>"
        "<tr><td>发布时间：2009-12-28 来源：市政府办公室 【字体：大 中 小】</td></tr><tr><td>"
        + "<br>".join("&nbsp;&nbsp;&nbsp;&nbsp;" + p for p in paragraphs)
        + "</td></tr><tr><td>【<a href='javascript:print()'>打印本页</a>】【<a href='#'>关闭窗口</a>】</td></tr>"
        "</table></td></tr><tr><td colspan=2>主办：某某市人民政府办公室 版权所有</td></tr></table></body></html>"
    )
    text, fields = html_reader.read(page.encode("gbk"), "old.htm")
    assert text.split("\n") == paragraphs
    assert fields == {"title": "在全市经济工作会议上的讲话"}


def test_html_br_separated_paragraphs_and_htm_suffix(tmp_path: Path) -> None:
    body = "<div>" + "<br>\n".join(f"&nbsp;&nbsp;{p}" for p in PARAGRAPHS) + "</div>"
    file = tmp_path / "report.htm"
    file.write_text(gov_page('<meta charset="utf-8">', body), encoding="utf-8")
    text, _ = SINGLE[".htm"](file.read_bytes(), str(file))
    assert text.split("\n") == PARAGRAPHS


@pytest.mark.parametrize(
    ("page_title", "expected"),
    [
        ("坚定信心 - 新华网", "坚定信心"),
        ("坚定信心|人民网", "坚定信心"),
        ("坚定信心_滚动新闻_中国政府网", "坚定信心"),
        ("坚定信心——在全国人民代表大会上的讲话", "坚定信心——在全国人民代表大会上的讲话"),
    ],
)
def test_html_title_without_h1_drops_site_name(page_title: str, expected: str) -> None:
    page = f"<html><head><title>{page_title}</title></head><body><div><h1>中国政府网</h1>"
    page += "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></body></html>"
    text, fields = html_reader.read(page.encode(), "t.html")
    assert fields == {"title": expected}  # the logo <h1> does not match the title, so it is not used
    assert text.split("\n")[-3:] == PARAGRAPHS


def test_html_og_title(tmp_path: Path) -> None:
    meta = '<meta charset="utf-8"><meta property="og:title" content="2024年政府工作报告">'
    page = gov_page(meta, title="首页").replace("<h1>政府工作报告（全文）</h1>", "")
    _, fields = html_reader.read(page.encode(), "t.html")
    assert fields == {"title": "2024年政府工作报告"}


def test_html_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty.html"):
        html_reader.read(b"<html><head><title>x</title></head><body><script>render()</script></body></html>", "empty.html")


# --- DOCX -----------------------------------------------------------------------------------


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "在全省经济工作会议上的讲话"
    document.add_paragraph(PARAGRAPHS[0])
    document.add_paragraph("")
    document.add_paragraph("　　")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数值"
    table.cell(1, 1).text = "百分之五"
    table.cell(0, 0).merge(table.cell(1, 0))  # a merged cell is read once
    document.add_paragraph(PARAGRAPHS[1])
    document.add_paragraph(PARAGRAPHS[2])
    document.save(str(path))


def test_docx_paragraphs_tables_and_title(tmp_path: Path) -> None:
    file = tmp_path / "speech.docx"
    make_docx(file)
    text, fields = docx_reader.read(file.read_bytes(), str(file))
    assert text.split("\n") == [PARAGRAPHS[0], "指标", "数值", "百分之五", PARAGRAPHS[1], PARAGRAPHS[2]]
    assert fields == {"title": "在全省经济工作会议上的讲话"}


def test_corrupt_docx_names_the_file(tmp_path: Path) -> None:
    file = tmp_path / "坏文件.docx"
    file.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="坏文件.docx") as caught:
        docx_reader.read(file.read_bytes(), str(file))
    assert "\n" not in str(caught.value)


def test_old_doc_renamed_to_docx(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"old\.docx.*binary \.doc"):
        docx_reader.read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old.docx")


# --- PDF ------------------------------------------------------------------------------------
# A minimal PDF written by hand: a non-embedded CID font (Identity-H, code = Unicode code point,
# every glyph 1000 units wide) with a ToUnicode map, text placed line by line like a Word export.


def make_pdf(pages: list[list[tuple[float, float, str]]], encrypt: bool = False) -> bytes:
    chars = sorted({ord(c) for page in pages for _, _, t in page for c in t})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n" + "".join(f"<{c:04X}> <{c:04X}>\n" for c in chars)
            + "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(zlib.compress(cmap)), zlib.compress(cmap)),
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 "
        b"/Ascent 859 /Descent -141 /CapHeight 859 /StemV 80 >>",
    ]
    kids = []
    for page in pages:
        ops = "".join(f"BT /F1 12 Tf 1 0 0 1 {x} {y} Tm <{''.join(f'{ord(c):04X}' for c in t)}> Tj ET\n"
                      for x, y, t in page).encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects)))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    if encrypt:  # RC4 40-bit with a user password: /U cannot match the empty password
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"ab" * 16, b"ab" * 16) if encrypt else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, extra, xref)
    return bytes(out)


def wrap(paragraphs: list[str], per_line: int = 30, lines_per_page: int = 6) -> list[list[tuple[float, float, str]]]:
    """Typeset like a Word export: centred title, 2-character first-line indent, page numbers."""
    pages: list[list[tuple[float, float, str]]] = [[(72 + 12 * (per_line - 6) / 2, 770, "政府工作报告")]]
    y = 745.0
    for paragraph in paragraphs:
        rows = [paragraph[: per_line - 2]] + [paragraph[i:i + per_line] for i in range(per_line - 2, len(paragraph), per_line)]
        for n, row in enumerate(rows):
            if len(pages[-1]) >= lines_per_page:
                pages[-1].append((72 + 12 * per_line / 2, 60, f"- {len(pages)} -"))
                pages.append([])
                y = 770.0
            pages[-1].append((96 if n == 0 else 72, y, row))
            y -= 20
    return pages


def test_pdf_hard_wrapped_lines_are_joined(tmp_path: Path) -> None:
    long_one = PARAGRAPHS[1] * 3  # wraps over several lines and across a page break, some lines end with ，
    # Its first line (28 characters after the indent) ends with 。 at the margin; the next line is
    # not indented, and this document indents its paragraphs, so the paragraph goes on.
    full_stop = "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。" + PARAGRAPHS[2]
    assert full_stop.index("。") == 27
    paragraphs = [PARAGRAPHS[0], long_one, "一、今年的主要任务", full_stop, PARAGRAPHS[2]]
    file = tmp_path / "report.pdf"
    file.write_bytes(make_pdf(wrap(paragraphs)))
    text, fields = pdf_reader.read(file.read_bytes(), str(file))
    assert text.split("\n") == ["政府工作报告", *paragraphs]  # page numbers dropped
    assert fields == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n%%EOF garbage " + bytes(range(256)), "is not a readable PDF"),
        (b"PK\x03\x04 a zip, not a pdf", "is not a PDF file"),
        (make_pdf([[]]), r"has no text layer \(scanned\?\); OCR it first"),
        (make_pdf([[(72, 700, "加密文件")]], encrypt=True), "password-protected"),
    ],
    ids=["corrupt", "not-pdf", "no-text", "encrypted"],
)
def test_unreadable_pdf_is_an_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        pdf_reader.read(data, "/corpus/报告.pdf")
    assert "报告.pdf" in str(caught.value) and "\n" not in str(caught.value)


# --- end to end -------------------------------------------------------------------------------


def test_index_and_search_html_and_docx(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "report.html").write_bytes(gov_page('<meta charset="gbk">').encode("gbk"))
    make_docx(folder / "speech.docx")
    searchkit.update_index([folder], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        hits = index.search("全国政协委员")
        assert {(hit.speech_id, hit.text) for hit in hits} == {("report", PARAGRAPHS[0]), ("speech", PARAGRAPHS[0])}
        titles = {hit.speech_id: hit.title for hit in hits}
        assert titles == {"report": "政府工作报告（全文）", "speech": "在全省经济工作会议上的讲话"}
        assert index.search("网站地图").hits == () and index.search("网友评论").hits == ()
