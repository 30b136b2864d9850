"""Charset precedence: BOM, HTTP header, <meta>, detection; lying declarations caught."""

from __future__ import annotations

import pytest

from scraper.decode import decode, normalise_label
from scraper.errors import DecodeError

ZH = "<html><head><title>宁波志愿服务</title></head><body><p>全市注册志愿者222万余人。</p></body></html>"


def _meta(charset: str, body: str = ZH) -> str:
    return body.replace("<head>", f'<head><meta charset="{charset}">')


@pytest.mark.parametrize(
    ("data", "headers", "encoding", "source"),
    [
        (b"\xef\xbb\xbf" + ZH.encode(), None, "utf-8", "bom"),
        ("\ufeff<p>x</p>".encode("utf-16-le"), None, "utf-16-le", "bom"),
        (ZH.encode("gb18030"), {"Content-Type": "text/html; charset=GBK"}, "gb18030", "http"),
        (_meta("gb2312").encode("gb18030"), None, "gb18030", "meta"),
        (_meta("utf-8").encode(), {"content-type": "text/html"}, "utf-8", "meta"),
        (_meta("gb2312").encode("utf-8"), None, "utf-8", "utf-8-over-meta"),
        (ZH.encode("utf-8"), {"Content-Type": "text/html; charset=gbk"}, "utf-8", "utf-8-over-http"),
        ("<p>Café crème</p>".encode("cp1252"), {"Content-Type": "text/html; charset=ISO-8859-1"}, "cp1252", "http"),
        (ZH.encode("utf-8"), None, "utf-8", "sniff"),
        ("<html><body><p>日本語のテキストです。東京都の天気は晴れ。</p></body></html>".encode("shift_jis"),
         {"Content-Type": "text/html; charset=Shift_JIS"}, "cp932", "http"),
        ("<html><body><p>臺灣新聞報導，今天天氣晴朗。</p></body></html>".encode("big5"),
         {"Content-Type": "text/html; charset=big5"}, "big5hkscs", "http"),
    ],
    ids=["bom-utf8", "bom-utf16", "http-gbk", "meta-gb2312", "meta-utf8", "lying-meta",
         "lying-header", "latin1-is-cp1252", "undeclared-utf8", "shift-jis", "big5"],
)
def test_precedence(data: bytes, headers: dict[str, str] | None, encoding: str, source: str) -> None:
    """Each rule picks the expected codec and says which rule it was."""
    decoded = decode(data, headers)
    assert (decoded.encoding, decoded.source) == (encoding, source)


@pytest.mark.parametrize(
    ("data", "headers", "vouched"),
    [
        (_meta("utf-8").encode(), None, True),
        (_meta("gb2312").encode("utf-8"), None, True),
        (ZH.encode("utf-8"), None, True),
        (b"\xef\xbb\xbf" + ZH.encode(), None, False),
        (ZH.encode("gb18030"), {"Content-Type": "text/html; charset=GBK"}, False),
        (_meta("utf-8").encode() + b"\xff", None, False),
    ],
    ids=["meta-utf8", "lying-meta", "undeclared-utf8", "bom", "gbk", "stray-byte"],
)
def test_utf8_bytes_are_vouched_for(data: bytes, headers: dict[str, str] | None, vouched: bool) -> None:
    """`Decoded.utf8` holds the input exactly when it is the UTF-8 encoding of the text."""
    decoded = decode(data, headers)
    assert (decoded.utf8 is not None) == vouched
    if decoded.utf8 is not None:
        assert decoded.utf8 == decoded.text.encode("utf-8")


def test_vouched_bytes_parse_as_the_text() -> None:
    """Parsing the vouched bytes gives the same tree as parsing the decoded text."""
    from scraper.dom import parse

    decoded = decode(_meta("utf-8", ZH.replace("<p>", "<p>“引号” café ")).encode())
    assert decoded.utf8 is not None
    assert parse(decoded.utf8).html == parse(decoded.text).html


def test_gbk_text_round_trips() -> None:
    """A GBK page declared as gb2312 decodes to the original text."""
    assert decode(_meta("gb2312").encode("gbk")).text == _meta("gb2312")


def test_undeclared_gbk_is_detected() -> None:
    """A GBK page with no declaration is detected as a GB charset."""
    text = ZH * 5
    decoded = decode(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.source == "sniff"


def test_empty_is_an_error() -> None:
    """Empty bytes raise DecodeError naming the URL."""
    with pytest.raises(DecodeError, match="empty"):
        decode(b"", url="https://example.cn/")


@pytest.mark.parametrize(("label", "codec"), [("GB2312", "gb18030"), ("x-gbk", "gb18030"),
                                              ("latin1", "cp1252"), ("nonsense-8", None)])
def test_labels(label: str, codec: str | None) -> None:
    """WHATWG labels map to the superset codecs."""
    assert normalise_label(label) == codec
