"""Scorers that measure the analysis against annotated data in the shared datasets' schemas.

Each task module has `evaluate(path, **filters) -> dict` returning
`{"task": name, "n": <records scored>, "metrics": {...}}`; `TASKS` maps names to them.
"""

from __future__ import annotations

import importlib

TASKS = ("attribution", "hedging", "times")


def evaluate(task: str, path, **filters) -> dict:
    if task not in TASKS:
        from ..errors import ConfigError

        raise ConfigError(f"unknown evaluation task {task!r}; choose one of: {', '.join(TASKS)}")
    module = importlib.import_module(f"{__name__}.{task}")
    return module.evaluate(path, **filters)
