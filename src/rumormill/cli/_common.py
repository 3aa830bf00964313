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
# C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F: 8-bit CSI and OSC)
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
_VISIBLE = {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def strip_controls(text: str) -> str:
    """`text` without the control characters a terminal would obey (ESC starts an escape
    sequence: a title, a colour, a cursor move); tabs and newlines stay."""
    return text.translate(_CONTROLS)


class SafeConsole(Console):
    """A rich Console that prints no control character from what it is given: titles, outlets,
    texts and file names come from the input, and `\\x1b]0;...\\x07` would retitle the terminal.
    Rich's own styling and control segments (colours, links, cursor moves) stay."""

    def _render_buffer(self, buffer):
        return super()._render_buffer(
            segment if segment.control else segment._replace(text=strip_controls(segment.text)) for segment in buffer
        )


out = SafeConsole(highlight=False)
err = SafeConsole(stderr=True, highlight=False)


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
    # and a newline or escape in a file name must not split the one-line message or reach the terminal
    message = str(error).translate(_VISIBLE)
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True, soft_wrap=True)


def require(extra: str, *modules: str) -> None:
    """Exit with the install line when a command's optional dependencies are missing."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        from ..errors import ConfigError

        raise fail(
            ConfigError(
                f"this command needs {', '.join(missing)}, which rumormill[{extra}] installs: "
                f"pip install 'rumormill[{extra}]'"
            )
        )


def fail(error: Exception, code: int = 2) -> typer.Exit:
    print_error(error)
    return typer.Exit(code)
