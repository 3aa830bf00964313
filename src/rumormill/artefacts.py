"""JSON model artefacts: the trained models that ship in the package as JSON (weights and
metadata, no pickle), read the same way whoever reads them."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from .errors import ModelError


def read_json_model(package: str, artefact: str, path: str | None, fmt: str, what: str) -> dict:
    """The artefact shipped in `package` as `artefact` when `path` is None, else the file at
    `path`; a `ModelError` naming the file when it cannot be read or its `format` is not `fmt`."""
    try:
        if path is None:
            text = resources.files(package).joinpath(artefact).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        spec = json.loads(text)
    except (OSError, json.JSONDecodeError) as e:
        raise ModelError(f"cannot read the {what} {path or artefact}: {e}") from e
    if not isinstance(spec, dict) or spec.get("format") != fmt:
        raise ModelError(f"{path or artefact} is not a {fmt} model")
    return spec
