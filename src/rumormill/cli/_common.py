"""What every command shares: the Typer app, the consoles, output formats and error printing."""

from __future__ import annotations

from enum import Enum

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(
    name="rumormill",
    help="Read news articles and make their claims checkable: who says what, how sure, and when.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


class Format(str, Enum):
    text = "text"
    json = "json"


class InputFormat(str, Enum):
    """What `read()` knows (see rumormill.read.FORMATS)."""

    text = "text"
    jsonl = "jsonl"
    html = "html"
    feed = "feed"
    urls = "urls"
    warc = "warc"


def print_error(error: Exception) -> None:
    # the message quotes file names and input, which may look like rich markup ("[red]")
    err.print(f"[bold red]error:[/] {escape(str(error))}", markup=True, soft_wrap=True)


def fail(error: Exception, code: int = 2) -> typer.Exit:
    print_error(error)
    return typer.Exit(code)
