"""The cache of training analyses: written once, read back whole, and resumable after an
interruption from the chunks already finished."""

from __future__ import annotations

import gzip

import rumormill
from rumormill.credibility import data
from rumormill.credibility.data import Example, analyse

TEXTS = (
    "Kim Kardashian and Kanye West are living apart, a source told the magazine.",
    "Jennifer Aniston denied the report on Monday, her rep said.",
    "The couple reportedly bought a ranch in Wyoming last year.",
)


def _examples(texts=TEXTS) -> list[Example]:
    return [Example(rumormill.Article(title=f"Story {i}", text=t), i % 2) for i, t in enumerate(texts)]


def test_analyses_are_cached_and_read_back_without_leftover_checkpoints(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "CHUNK", 2)
    first = analyse(_examples(), cache_dir=tmp_path)
    assert [a.article.text for a in first] == list(TEXTS)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 1 and files[0].endswith(".jsonl.gz")  # one file, the checkpoints gone
    again = analyse(_examples(), cache_dir=tmp_path)
    assert [a.to_json() for a in again] == [a.to_json() for a in first]


def test_an_interrupted_run_resumes_from_its_finished_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "CHUNK", 2)
    examples = _examples()
    # what a run that stopped after its first chunk leaves behind, made recognisable: the first
    # chunk's checkpoint holds the analyses of other articles, so reading it back shows
    other = analyse(_examples(("Brad Pitt was seen in Paris, a witness said.", "Nothing happened today.")))
    probe = tmp_path / "probe"  # where the same articles, analysed in full, show the cache's name
    name = next(iter(p.name for p in (analyse(examples, cache_dir=probe) and probe.iterdir())))
    parts = tmp_path / "cache" / (name.removesuffix(".jsonl.gz") + ".parts")
    parts.mkdir(parents=True)
    with gzip.open(parts / "00000.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("".join(a.to_json() + "\n" for a in other))
    resumed = analyse(examples, cache_dir=tmp_path / "cache")
    assert [a.article.text for a in resumed[:2]] == [a.article.text for a in other]  # the checkpoint, reused
    assert resumed[2].article.text == TEXTS[2]  # the unfinished chunk, analysed
    assert not parts.exists()
