"""Scorers that measure the analysis against annotated data in the shared datasets' schemas.

Each task module has `evaluate(path, **filters) -> dict` returning
`{"task": name, "n": <records scored>, "metrics": {...}}`; `TASKS` names them. `evaluate()`
adds `data` (the file's name and sha256, so a figure can't silently move with its data) and
`filters`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..digest import sha256_file

FILES = ("train", "bodies")  # filters that name a file
TASKS = (
    "attribution",
    "claims",
    "credibility",
    "hedging",
    "judged-threads",
    "resolution",
    "stance",
    "stories",
    "threads",
    "times",
)


def evaluate(task: str, path, **filters) -> dict:
    if task not in TASKS:
        from ..errors import ConfigError

        raise ConfigError(f"unknown evaluation task {task!r}; choose one of: {', '.join(TASKS)}")
    module = importlib.import_module(f"{__name__}.{task.replace('-', '_')}")
    result = module.evaluate(path, **filters)
    result["data"] = {"file": Path(path).name, "sha256": sha256_file(path)}
    # files given beside the data (training data, bodies) are recorded by name, like the data
    result["filters"] = {k: Path(v).name if k in FILES else v for k, v in filters.items() if v is not None}
    return result
