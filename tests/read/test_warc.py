"""WARC files: HTML responses become Articles; other records are skipped or reported by offset."""

from __future__ import annotations

import io

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rumormill import InputError, read
from rumormill.read import read_warc

from .conftest import PAGE, PAGE_TEXT, PNG

UNDATED = (
    b"<html><body><article><p>"
    + b"Kanye West is said to be staying at his ranch in Wyoming. " * 3
    + b"</p></article></body></html>"
)


def _response(writer, uri, payload, content_type="text/html; charset=utf-8", status="200 OK", date=None):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    headers = {"WARC-Date": date} if date else None
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
    )
    writer.write_record(record)


def write_warc(path, gzip=True):
    """warcinfo, request, a dated page, an image, a 404, an undated page, JavaScript, an HTML resource."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "gossip.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://gossip.example/a", "request", http_headers=request))
        _response(writer, "https://gossip.example/a", PAGE)
        _response(writer, "https://gossip.example/photo.png", PNG, "image/png")
        _response(writer, "https://gossip.example/gone", b"<html>gone</html>", status="404 Not Found")
        _response(writer, "https://gossip.example/b", UNDATED, date="2021-03-04T05:06:07Z")
        _response(writer, "https://gossip.example/app.js", b"var x = 1;", "application/javascript")
        resource = writer.create_warc_record(
            "file:///saved/c.html", "resource", payload=io.BytesIO(UNDATED), warc_content_type="text/html"
        )
        writer.write_record(resource)
    return path


def _offsets(path):
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        return {record.rec_headers.get_header("WARC-Target-URI"): records.get_record_offset() for record in records}


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_read_warc_mixed_records(tmp_path, name):
    path = write_warc(tmp_path / name, gzip=name.endswith(".gz"))
    offsets = _offsets(path)
    errors = []
    articles = list(read(path, on_error=errors.append))
    assert [(a.url, a.origin, a.published) for a in articles] == [
        ("https://gossip.example/a", f"{path}@{offsets['https://gossip.example/a']}", "2020-07-31"),
        ("https://gossip.example/b", f"{path}@{offsets['https://gossip.example/b']}", "2021-03-04"),  # WARC-Date
        ("file:///saved/c.html", f"{path}@{offsets['file:///saved/c.html']}", articles[2].published),
    ]
    assert articles[0].text == "\n\n".join(PAGE_TEXT)
    assert [(e.source, e.reason) for e in errors] == [
        (f"{path}@{offsets['https://gossip.example/photo.png']}", "content-type image/png is not HTML"),
        (f"{path}@{offsets['https://gossip.example/gone']}", "HTTP status 404, not a page"),
        (f"{path}@{offsets['https://gossip.example/app.js']}", "content-type application/javascript is not HTML"),
    ]


@pytest.mark.parametrize("gzip", [True, False])
def test_read_warc_truncated_keeps_the_records_before(tmp_path, gzip):
    path = write_warc(tmp_path / "full.warc", gzip=gzip)
    offsets = _offsets(path)
    cut = offsets["https://gossip.example/b"] + 300  # inside the undated page's record
    data = path.read_bytes()[:cut]
    errors = []
    articles = list(read_warc(io.BytesIO(data), "cut.warc", on_error=errors.append))
    assert [a.url for a in articles] == ["https://gossip.example/a"]
    assert len(errors) == 3  # the image, the 404 and the break
    assert errors[-1].source == f"cut.warc@{offsets['https://gossip.example/b']}"
    assert "truncated" in errors[-1].reason


@pytest.mark.parametrize("data", [b"", b"not a warc at all\r\n\r\n", b"\x1f\x8b\x08\x00garbage"])
def test_read_warc_not_a_warc(data):
    with pytest.raises(InputError, match=r"^x\.warc(@0)?: (empty input|the WARC is (corrupt|truncated))"):
        list(read_warc(io.BytesIO(data), "x.warc"))
