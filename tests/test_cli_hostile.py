"""The command line against hostile input: no escape sequence from a title, an outlet, a text or a
file name reaches the terminal; an error stays on one line; a command whose extra is missing says
which to install; and the core (read, analyze, store on SQLite, the CLI) runs without Dask,
FastAPI or psycopg."""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib

import pytest
from typer.testing import CliRunner

from rumormill import ingest
from rumormill.cli import app
from rumormill.cli._common import SafeConsole
from rumormill.model import Article
from tests.conftest import ROOT

runner = CliRunner()
PWNED = "\x1b]0;PWNED\x07"
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b2J"


def _clean(output: str) -> None:
    for bad in ("\x1b", "\x07", "\x9b", "PWNED\x07"):
        assert bad not in output


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("escapes") / "r.db"
    article = Article(
        title=f"{PWNED}Kim {CSI}splits",
        outlet=f"Gossip{C1} Daily{PWNED}",
        published="2020-08-02",
        text=f"Kim Kardashian is said to live apart {PWNED}from Kanye West, a source claims.{CSI}",
    )
    report = ingest([article], str(path))
    assert report.stored == 1
    return str(path), article.id


@pytest.mark.parametrize(
    "command",
    [["stats"], ["search", "Kardashian"], ["show", "ID"], ["stories"], ["failures"]],
)
def test_stored_escapes_never_reach_the_terminal(db, command):
    path, article_id = db
    result = runner.invoke(app, [c.replace("ID", article_id) for c in command] + ["--db", path])
    assert result.exit_code == 0, result.output
    _clean(result.output)


def test_analyze_prints_no_escape_from_a_file_name_or_its_text(tmp_path):
    path = tmp_path / f"a{PWNED}b.txt"
    filler = "Kim Kardashian is said to live apart from Kanye West, a source claims. " * 20
    path.write_text(f"{filler}\n\nThe rapper {PWNED}reportedly visited Cody, Wyoming.")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    _clean(result.output)


def test_a_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "evil\nname\x1b[2J.txt")])
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "evil\\nname" in lines[0], result.stderr
    _clean(result.stderr)


def test_the_console_keeps_its_own_styling_on_a_terminal():
    buffer = io.StringIO()
    console = SafeConsole(file=buffer, force_terminal=True, color_system="standard", highlight=False)
    console.print(f"[red]{PWNED}title[/red]")
    output = buffer.getvalue()
    assert "\x1b[31m" in output  # rich's own colour stays
    assert "\x1b]0;" not in output and "\x07" not in output and "PWNEDtitle" in output


BLOCKED = ["dask", "distributed", "pyarrow", "fastapi", "starlette", "uvicorn", "multipart", "psycopg"]
WITHOUT_EXTRAS = "import sys\nfor name in {blocked!r}:\n    sys.modules[name] = None\nfrom rumormill.cli import app\nsys.argv[0] = 'rumormill'\napp()\n"


def _without_extras(*args: str):
    code = WITHOUT_EXTRAS.format(blocked=BLOCKED)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def test_the_core_needs_no_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"]).lower()
    for name in ("dask", "fastapi", "psycopg", "uvicorn", "pyarrow", "distributed"):
        assert name not in core
    extras = project["optional-dependencies"]
    assert {"serve", "scale", "postgres", "all"} <= set(extras)


@pytest.mark.slow
def test_analyze_ingest_and_search_run_without_the_extras(tmp_path):
    db = str(tmp_path / "core.db")
    result = _without_extras("analyze", str(ROOT / "examples"), "--format", "json")
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"claims"' in result.stdout
    result = _without_extras("ingest", str(ROOT / "examples"), "--db", db)
    assert result.returncode == 0, result.stderr[-2000:]
    result = _without_extras("search", "living apart", "--db", db)
    assert result.returncode == 0 and "apart" in result.stdout


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["serve"], "serve"),
        (["batch", "examples", "--out", "OUT"], "scale"),
        (["stats", "--db", "postgresql://nobody@127.0.0.1:1/none"], "postgres"),
    ],
)
def test_a_command_whose_extra_is_missing_says_which_to_install(tmp_path, args, extra):
    result = _without_extras(*[a.replace("OUT", str(tmp_path / "out")) for a in args])
    assert result.returncode == 2, result.stderr[-2000:]
    assert f"pip install 'rumormill[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr
