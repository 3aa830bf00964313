"""The command line: thin wrappers that parse arguments, call the library and print.

rumormill analyze examples/kardashian-west-living-apart-2020-07-31.txt
rumormill analyze articles.jsonl --format json > analyses.jsonl
rumormill eval times --data tempeval3.jsonl --split test --format json

Each group of commands lives in its own module and registers itself on `app`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from ._common import app, out


def _version(value: bool) -> None:
    if value:
        out.print(f"rumormill {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Read news articles and make their claims checkable."""


def _register() -> None:
    """Import every command module of this package; each adds its commands to `app`."""
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
        importlib.import_module(f"{__name__}.{module}")


_register()

__all__ = ["app"]
