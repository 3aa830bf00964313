"""The shipped stance models on hand-made pairs: each label, the questions rule, batching, bad input."""

from __future__ import annotations

import json

import pytest

from rumormill.corpus import stance
from rumormill.errors import ConfigError, ModelError

CLAIM = "Banksy was arrested in London"


def test_a_headline_calling_the_claim_a_hoax_denies_it():
    prediction = stance.predict(CLAIM, "Banksy arrest story is a hoax, police deny it", kind="headline")
    assert prediction.label == "denies"
    assert prediction.score == prediction.probs["denies"]


def test_a_headline_restating_the_claim_supports_it():
    prediction = stance.predict(
        CLAIM, "Street artist Banksy arrested in London, his identity revealed", kind="headline"
    )
    assert prediction.label == "supports"


def test_a_question_about_the_claim_questions_it():
    prediction = stance.predict(CLAIM, "Has Banksy really been arrested in London?", kind="headline")
    assert prediction.label == "questions"
    assert prediction.probs["repeats"] == 0.0  # the rule moves the repeats mass, it does not add any


def test_a_text_about_something_else_is_unrelated():
    prediction = stance.predict(CLAIM, "Apple will sell 19 million watches this year, analysts forecast", kind="claim")
    assert prediction.label == "unrelated"


def test_probabilities_cover_every_label_and_sum_to_one():
    prediction = stance.predict(CLAIM, "Banksy reportedly held by police", kind="claim")
    assert set(prediction.probs) == set(stance.LABELS)
    assert sum(prediction.probs.values()) == pytest.approx(1.0, abs=1e-3)
    assert stance.related_label(prediction) != "unrelated"


def test_a_body_debunking_the_headline_disagrees():
    body = (
        "Reports that the street artist Banksy was arrested in London are false. The story, which spread on "
        "social media this week, was a hoax published by a satirical website. Police said no such arrest "
        "had taken place, and Banksy's representatives denied the claim."
    )
    assert stance.predict(CLAIM, body, kind="body").label == "denies"


def test_a_body_on_another_story_is_unrelated():
    body = (
        "Apple said on Tuesday that its watch will go on sale in April. Analysts expect strong sales in the "
        "first year, with some forecasting 19 million units. The company declined to comment on pricing."
    )
    assert stance.predict(CLAIM, body, kind="body").label == "unrelated"


def test_predict_many_reads_each_text_once_and_matches_predict():
    pairs = [
        (CLAIM, "Banksy arrest is a hoax"),
        (CLAIM, "Banksy arrested in London"),
        (CLAIM, "Banksy arrested in London"),
    ]
    batch = stance.predict_many(pairs, kind="headline")
    assert [p.label for p in batch] == [stance.predict(c, t, kind="headline").label for c, t in pairs]
    assert batch[1] == batch[2]
    assert stance.predict_many([], kind="body") == []


def test_hostile_text_is_read_without_error():
    prediction = stance.predict(CLAIM, "\x00" * 10 + "?" * 5000 + "Banksy " * 10_000, kind="body")
    assert prediction.label in stance.LABELS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is Banksy really under arrest?", True),
        ("Rumours that Banksy was arrested spread online", True),
        ("It is unclear whether Banksy was arrested", True),
        ("Banksy arrested in London", False),
    ],
)
def test_is_question(text, expected):
    assert stance.is_question(text) is expected


def test_an_unknown_kind_or_a_non_string_is_refused():
    with pytest.raises(ConfigError, match="kind"):
        stance.predict(CLAIM, "text", kind="tweet")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="pair 0"):
        stance.predict_many([(CLAIM, None)])  # type: ignore[list-item]


def test_a_file_that_is_not_a_stance_model_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "rumormill.credibility/1"}), encoding="utf-8")
    with pytest.raises(ModelError, match="not a rumormill.stance/1 model"):
        stance.predict(CLAIM, "text", model=str(path))


def test_the_shipped_artefact_records_its_training_splits():
    meta = stance.metadata()
    assert meta["format"] == stance.FORMAT
    assert meta["training_data"]["body"]["split"] == "baseline_split=train"
    assert meta["training_data"]["short"]["split"] == "original_split=train"
    assert len(meta["training_data"]["short"]["sha256"]) == 64
    assert len(meta["training_data"]["body"]["sha256"]) == 64


@pytest.mark.parametrize(
    ("claim", "text", "expected"),
    [
        # a refuting word, a dismissed rumour, a negation of the claim's own words
        (CLAIM, "Banksy arrest story is a hoax", True),
        ("Durex is launching a pumpkin spice condom", "Durex shuts down rumors of a pumpkin spice condom", True),
        ("Kim and Kanye are divorcing", "Kim and Kanye are not divorcing, her rep says", True),
        ("Hugh Hefner is dead", "Relax ladies, Hugh Hefner is alive and kicking", True),
        # negations of something else: a comment, an idea, a compound, a hedge
        ("Rob Kardashian shared explicit photos", "Rob Kardashian's family hasn't made any official comments", False),
        ("Rob Kardashian shared explicit photos", "Rob Kardashian did not respond to a request for comment", False),
        ("An Italian nun gave birth", "Nun who had no idea she was pregnant gives birth", False),
        ("A boy was invoiced for missing a party", "Boy billed a no-show fee for missing a party", False),
        ("Kim Jong Un's sister is in charge", "Kim Jong Un's sister may be in charge. Or not.", False),
        (CLAIM, "Banksy arrested in London", False),
    ],
)
def test_a_denial_needs_grounds_against_the_claim(claim, text, expected):
    assert stance.denies_claim(claim, text) is expected


def test_toward_claim_keeps_a_grounded_denial_and_turns_a_bare_negation_into_repeats():
    claim = "Rob Kardashian shared explicit photos"
    assert stance.toward_claim(claim, "The family hasn't made any official comments", "denies") == "repeats"
    assert stance.toward_claim(claim, "Rob Kardashian denies sharing the photos", "denies") == "denies"
    assert stance.toward_claim(claim, "Rob shared the photos", "supports") == "supports"


def test_a_short_text_without_grounds_is_never_read_as_denying():
    pairs = [
        ("An Italian nun gave birth to a child", "Nun who had no idea she was pregnant gives birth"),
        (
            "A Texas plumber's truck is used by fighters in Syria",
            "Texas plumber has no idea how his truck got to Syria",
        ),
    ]
    for prediction in stance.predict_many(pairs, kind="headline"):
        assert prediction.label != "denies"
        assert prediction.probs["denies"] == 0.0
