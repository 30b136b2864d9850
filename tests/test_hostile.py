"""Hostile input through `scraper.extract`: a clear InputError or a record, never a crash or hang."""

from __future__ import annotations

import pytest

from scraper import extract
from scraper.errors import InputError
from scraper.extract.body_blocks import MAX_BLOCKS

URL = "https://news.example.com/hostile.html"
SENTENCES = (
    "The council met on Tuesday evening to discuss the new harbour plan, which has divided residents.",
    "Opponents say the plan favours developers, while supporters point to the jobs it would create.",
    "A final vote is expected next month, after a public consultation that closes on Friday.",
)
ARTICLE = "<html><head><title>Harbour plan</title></head><body><article>" + "".join(
    f"<p>{s}</p>" for s in SENTENCES) + "</article></body></html>"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "gzip"),
    ],
    ids=["empty", "whitespace", "binary", "pdf-as-html", "png", "gzip"],
)
def test_non_html_input_raises_input_error_naming_it(data: bytes, message: str) -> None:
    """Empty, binary, PDF, image or compressed bytes raise an InputError that says what they are."""
    with pytest.raises(InputError, match=message) as caught:
        extract(data, url=URL, headers={"Content-Type": "text/html"})
    assert caught.value.url == URL


def test_empty_text_raises_input_error() -> None:
    """An empty str is refused like empty bytes."""
    with pytest.raises(InputError, match="empty"):
        extract("", url=URL)


def test_truncated_html_gives_the_text_that_arrived() -> None:
    """A page cut mid-tag still gives a record with the paragraphs before the cut."""
    data = ARTICLE.encode()
    cut = data[: data.index(SENTENCES[2].encode()) + 20]
    article = extract(cut, url=URL)
    assert article.body.startswith(SENTENCES[0])
    assert SENTENCES[1] in article.body


def test_deeply_nested_markup_does_not_overflow_the_stack() -> None:
    """10,000 nested <div>s give a record with the text at the bottom (no recursion)."""
    html = ("<html><body>" + "<div class='wrap'>" * 10_000 + "".join(f"<p>{s}</p>" for s in SENTENCES)
            + "</div>" * 10_000 + "</body></html>")
    article = extract(html.encode(), url=URL)
    assert article.body.split("\n") == list(SENTENCES)


def test_deeply_nested_boilerplate_boxes_are_removed_safely() -> None:
    """5,000 nested share boxes around the article are pruned without crash or double free."""
    html = ("<html><body><article>" + "".join(f"<p>{s}</p>" for s in SENTENCES)
            + "<div class='share'><span>" * 5_000 + "Share" + "</span></div>" * 5_000
            + "</article></body></html>")
    article = extract(html.encode(), url=URL)
    assert article.body.split("\n") == list(SENTENCES)


def test_twenty_megabyte_page_gives_a_record() -> None:
    """A 20 MB page (230,000 paragraphs) gives a record whose body is capped, not a hang."""
    paragraphs = "".join(
        f"<p>Paragraph {i}: the council published its figures, which show a rise of {i % 97} percent.</p>\n"
        for i in range(230_000)
    )
    data = f"<html><head><title>Big</title></head><body><article>{paragraphs}</article></body></html>".encode()
    assert len(data) > 20_000_000
    article = extract(data, url=URL)
    assert article.body.startswith("Paragraph 0:")
    assert 1_000 <= len(article.blocks) <= MAX_BLOCKS


def test_lying_charset_declaration_is_overruled_by_utf8_bytes() -> None:
    """A page declaring gb2312 whose bytes are UTF-8 is read as UTF-8 (no mojibake in the body)."""
    text = "市政府召开新闻发布会，通报全市防汛工作进展情况。据介绍，今年以来累计投入防汛资金3.2亿元。"
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>防汛</title></head><body><div class='content'><p>{text}</p></div></body></html>")
    article = extract(html.encode("utf-8"), url=URL)
    assert article.body == text


def test_markup_without_body_text_gives_a_record_without_body() -> None:
    """A page of navigation only is a valid record with an empty body, not an error."""
    html = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    article = extract(html.encode(), url=URL)
    assert article.body == ""
    assert article.blocks == []
