"""Batch inputs made here: a WARC of news pages (with an image and a 404 among them) and a JSONL
file with a copy of a page's text, a non-English article, a record without text and a broken
line; and helpers that read a batch output or a store back as comparable snapshots."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rumormill.scale import manifest, run_serial
from rumormill.scale.parquet import TABLES, read_analyses, read_table

NEWS = [
    (
        "Kim and Kanye living apart",
        "2020-07-31",
        "Kim Kardashian and Kanye West have been living apart for months, a source close to the couple said. "
        "The rapper is said to be staying at his ranch in Wyoming while the reality star remains in Calabasas.",
    ),
    (
        "Harry Styles denies engagement",
        "2021-02-11",
        "Harry Styles is not engaged, his representative told People on Thursday. "
        'Reports that the singer proposed in London were "completely untrue", the spokesperson said.',
    ),
    (
        "Selena Gomez may release album in spring",
        "2021-03-02",
        "Selena Gomez could release a new album as early as April, according to an insider. "
        "The singer reportedly finished recording in Los Angeles last month.",
    ),
    (
        "Bank raises interest rates",
        "2022-05-05",
        "The Bank of England raised interest rates to 1% on Thursday, the highest level in 13 years. "
        "Governor Andrew Bailey said inflation could exceed 10% by the end of the year.",
    ),
    (
        "Taylor Swift to play extra shows",
        "2023-06-20",
        "Taylor Swift will add three more shows in London next summer, her tour promoter announced. "
        "Fans are expected to queue for hours when tickets go on sale on Friday, the promoter said.",
    ),
    (
        "Justin Bieber cancels tour dates",
        "2022-09-06",
        "Justin Bieber has cancelled the rest of his world tour to focus on his health, a statement said. "
        "The singer was diagnosed with Ramsay Hunt syndrome in June, he told fans on Instagram.",
    ),
]
MORE = [
    (
        "Storm closes schools",
        "2024-01-22",
        "Storm Isha closed hundreds of schools across Scotland on Monday, the government said. "
        "Forecasters warned that winds of up to 90mph could hit the north coast overnight.",
    ),
    (
        "Club signs striker",
        "2023-08-14",
        "Chelsea have signed the striker Nicolas Jackson from Villarreal on an eight-year contract, the club said. "
        "The fee is reported to be about 32 million pounds.",
    ),
]
GERMAN = "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen. Die Opposition kritisierte die Entscheidung scharf und kündigte eine Klage an."


def _page(title: str, date: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{p}.</p>" for p in text.rstrip(".").split(". "))
    return (
        f'<html><head><title>{title}</title><meta property="article:published_time" content="{date}T09:00:00Z">'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _response(writer, uri: str, payload: bytes, content_type="text/html; charset=utf-8", status="200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http))


def write_warc(path: Path, news) -> Path:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "rumormill tests"}))
        for i, (title, date, text) in enumerate(news):
            _response(writer, f"https://news.example/{i}", _page(title, date, text))
            if i == 1:
                _response(writer, "https://news.example/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
            if i == 2:
                _response(writer, "https://news.example/gone", b"<html>gone</html>", status="404 Not Found")
    return path


def write_jsonl(path: Path) -> Path:
    """Records: the WARC's first text again (a copy from another file), new texts, a copy within
    two records (one task), German, a blank line, a broken line, no text, a copy further on."""
    wire = [
        {"title": t, "text": x, "published": d, "url": f"https://wire.example/{i}"} for i, (t, d, x) in enumerate(MORE)
    ]
    rows = [
        {"id": "j0", "title": NEWS[0][0], "text": NEWS[0][2], "published": NEWS[0][1], "outlet": "Gossip Daily"},
        {"id": "j1", **wire[0]},
        {"id": "j2", **wire[1]},
        {"id": "j2-again", **wire[1], "url": "https://mirror.example/2", "outlet": "Mirror"},
        {"id": "de", "title": "Gesetz", "text": GERMAN, "published": "2024-02-01"},
    ]
    tail = [
        {"id": "empty", "title": "Nothing", "text": "  "},
        {"id": "j1-again", **wire[0], "url": None, "outlet": "Wire"},
    ]
    lines = [json.dumps(r) for r in rows] + ["", '{"id": "broken", "text": '] + [json.dumps(r) for r in tail]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "warc").mkdir()
    write_warc(folder / "warc" / "news-1.warc.gz", NEWS[:3])
    write_warc(folder / "warc" / "news-2.warc.gz", NEWS[3:])
    write_jsonl(folder / "wire.jsonl")
    return [str(folder / "warc"), str(folder / "wire.jsonl")]


RECORDS_PER_TASK = 2


@pytest.fixture(scope="session")
def serial_out(inputs, tmp_path_factory) -> Path:
    """The reference: the inputs run in this process, without Dask."""
    out = tmp_path_factory.mktemp("serial") / "out"
    report = run_serial(inputs, str(out), records_per_task=RECORDS_PER_TASK)
    assert report.done == report.tasks and not report.failed_tasks
    return out


def snapshot(out: Path) -> dict:
    """Everything a batch output holds, in a form two runs can be compared in: each table's rows
    sorted, each task's analyses, each task's counts."""
    fs, root = manifest.output(str(out))
    entries = manifest.finished(fs, root)
    tables = {}
    for table in TABLES:
        rows = read_table(fs, root, table).to_pylist()
        tables[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    analyses = {key: list(read_analyses(fs, root, key)) for key in entries}
    counts = {key: {k: e[k] for k in ("records", "analysed", "copies", "failures")} for key, e in entries.items()}
    return {"tables": tables, "analyses": analyses, "counts": counts}


def store_snapshot(store) -> dict:
    """What a store holds, without its own keys and clocks: articles with their Analysis JSON,
    appearances, claims, quotes, entities, times and failures, each sorted."""
    import sqlalchemy as sa

    skip = {"pk", "added_at", "analysed_at", "seen_at", "first_seen", "last_seen", "attempts"}
    result = {}
    with store.engine.connect() as conn:
        for name in ("articles", "appearances", "claims", "quotes", "entities", "times", "failures"):
            table = store.t[name]
            columns = [c for c in table.c if c.name not in skip]
            rows = [dict(r._mapping) for r in conn.execute(sa.select(*columns))]
            result[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return result
