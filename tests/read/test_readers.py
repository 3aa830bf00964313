"""Readers: every format yields Articles; bad input raises InputError naming input and line."""

from __future__ import annotations

import json

import pytest

from rumormill import InputError, read
from rumormill.read import parse_html, parse_text
from rumormill.read.language import guess_language

DATED = (
    ' date 2020-07-31 Kim and Kanye "living apart"\n\nKim reportedly lives in Calabasas.\n\nKanye lives in Wyoming.\n'
)
ENGLISH = "The couple have been living apart for a year, and the rapper is said to be based at his ranch in Wyoming."


@pytest.mark.parametrize("text", [DATED, DATED.lstrip(" "), "\n" + DATED])
def test_read_dated_text_with_or_without_leading_space(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    [article] = read(path)
    assert (article.published, article.title) == ("2020-07-31", 'Kim and Kanye "living apart"')
    assert article.text == "Kim reportedly lives in Calabasas.\n\nKanye lives in Wyoming."
    assert article.origin == str(path)


def test_read_plain_text(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("\n" + ENGLISH + "\n", encoding="utf-8")
    [article] = read(path)
    assert (article.text, article.published, article.title) == (ENGLISH, None, None)


def test_read_article_id_is_hash_of_normalised_text():
    a = parse_text("Kim  lives\nin Calabasas.", "a")
    b = parse_text("Kim lives in Calabasas.  ", "b")
    assert a.id == b.id and len(a.id) == 64


def test_read_jsonl_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [
        {
            "id": "x1",
            "title": "T",
            "text": ENGLISH,
            "published": "2020-07-31T09:00:00Z",
            "url": "https://e.com/a",
            "outlet": "E",
        },
        {"id": "x2", "text": "Kim lives in Calabasas.", "publication_date": "Fri, 31 Jul 2020 10:00:00 GMT"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = read(path)
    assert (first.ref, first.title, first.published, first.url, first.outlet) == (
        "x1",
        "T",
        "2020-07-31",
        "https://e.com/a",
        "E",
    )
    assert first.origin == f"{path}:1"
    assert (second.ref, second.published, second.origin) == ("x2", "2020-07-31", f"{path}:2")


def test_read_jsonl_takes_fakenewsnet_dates_and_domains(tmp_path):
    """GossipCop's records (FakeNewsNet) name their date `publish_date` and outlet `source_domain`."""
    path = tmp_path / "gossipcop.jsonl"
    row = {"id": "gossipcop-1", "text": ENGLISH, "publish_date": "2018-05-10T04:18:10Z", "source_domain": "people.com"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (article,) = read(path)
    assert (article.published, article.outlet) == ("2018-05-10", "people.com")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"title": "no text"}', "no 'text'"),
        ('["a", "list"]', "expected a JSON object"),
        ('{"text": "x y z", "published": "not a date at all"}', "cannot read the date"),
    ],
)
def test_read_jsonl_bad_line_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": ENGLISH}) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read(path))
    assert (info.value.source, info.value.line) == (str(path), 2)
    assert message in str(info.value) and f"{path}:2:" in str(info.value)


def test_read_on_error_keeps_going_and_loses_nothing(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join([json.dumps({"text": "one"}), "{broken", json.dumps({"text": "three"})]), encoding="utf-8"
    )
    errors = []
    articles = list(read(path, on_error=errors.append))
    assert [a.text for a in articles] == ["one", "three"]
    assert [(e.source, e.line) for e in errors] == [(str(path), 2)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"   \n\n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary input"),
        (b"Caf\xe9 society gossip\n", "not valid UTF-8"),
        (b" date 2020-13-45 Bad date\n\nText.", "is not an ISO date"),
        (b" date 2020-07-31 Header only\n\n", "no text"),
    ],
)
def test_read_bad_text_input_raises_named_error(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        list(read(path))
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_read_undecodable_names_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"first line\nsecond line\nthird caf\xe9\n")
    with pytest.raises(InputError) as info:
        list(read(path))
    assert info.value.line == 3


def test_read_directory_and_glob(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text(json.dumps({"text": ENGLISH}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert len(list(read(tmp_path))) == 2
    assert len(list(read(str(tmp_path / "**" / "*.jsonl")))) == 1


@pytest.mark.parametrize("source", ["does/not/exist.txt", "no/match/*.jsonl"])
def test_read_missing_input(source):
    with pytest.raises(InputError, match="no such file|no files match"):
        list(read(source))


HTML = b"""<!DOCTYPE html><html><head><title>Kim and Kanye living apart | Gossip Daily</title>
<meta property="og:site_name" content="Gossip Daily">
<meta property="article:published_time" content="2020-07-31T08:00:00Z"></head>
<body><nav>Home | News | Sport</nav><article><h1>Kim and Kanye living apart</h1>
<p>Kim Kardashian and her husband Kanye West have reportedly been living separated for a year amid their alleged marriage troubles.</p>
<p>The KKW Beauty owner, 39, is said to have been living at the couple's palatial Calabasas home while the rapper is thought to have been based at his ranch in Wyoming.</p>
<p>"Kanye has been in Wyoming for the last year. Kim goes about once every five weeks and brings the kids," a source claims.</p>
</article><footer>Copyright 2020</footer></body></html>"""


def test_read_html_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(HTML)
    [article] = read(path)
    assert article.text.startswith("Kim Kardashian and her husband")
    assert "Home | News" not in article.text and "Copyright" not in article.text
    assert article.published == "2020-07-31"
    assert article.outlet == "Gossip Daily"
    assert "Kim and Kanye living apart" in article.title


@pytest.mark.parametrize("html", [b"<html><body><nav>menu</nav></body></html>", b"<<<>>><p", b"<html><p>"])
def test_read_html_without_article_text(html):
    with pytest.raises(InputError, match="no article text|empty"):
        parse_html(html, "page.html")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH, "en"),
        (
            "Kim Kardashian et Kanye West vivraient séparés depuis un an, selon plusieurs médias américains qui citent une source proche.",
            "fr",
        ),
        ("Kim Kardashian y Kanye West viven separados desde hace un año, según la prensa de Estados Unidos.", "es"),
        ("Earlier studies showed that mice lacking Htt die early (Duyao et al., 1995; Nasir et al., 1995).", "en"),
        ("Other cytokines including IL-2, IL-4 and IL-27 inhibit Th17 differentiation in mice.", "en"),
        ("Apple Microsoft Google Amazon Facebook Netflix Tesla Nvidia Intel", None),
        (
            "Ким Кардашьян и Канье Уэст живут раздельно уже год, сообщают американские СМИ со ссылкой на источник.",
            "und",
        ),
        ("Too short to judge.", None),
    ],
)
def test_read_language_guess(text, language):
    assert guess_language(text) == language
