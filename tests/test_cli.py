"""The command line, run in-process with Typer's runner on the real pipeline."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rumormill.cli import app
from tests.conftest import EXAMPLE

runner = CliRunner()


def test_cli_analyze_prints_the_report():
    result = runner.invoke(app, ["analyze", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    for heading in ("Sourcing profile", "Claims", "Quotes", "Entities", "Times"):
        assert heading in result.output
    assert "Kim Kardashian and Kanye West have been" in result.output


def test_cli_analyze_json_is_the_analysis():
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["schema"] == "rumormill.analysis/1"
    assert payload["article"]["published"] == "2020-07-31"
    assert set(payload) >= {"entities", "relations", "quotes", "claims", "times", "sourcing", "pipeline"}


def test_cli_analyze_published_overrides_the_date():
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--format", "json", "--published", "2021-02-19"])
    assert json.loads(result.stdout)["article"]["published"] == "2021-02-19"


def test_cli_analyze_several_articles_is_jsonl(tmp_path):
    path = tmp_path / "two.jsonl"
    rows = [{"id": "a", "text": "Kim lives in Calabasas."}, {"id": "b", "text": "Kanye lives in Wyoming."}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["article"]["ref"] for line in lines] == ["a", "b"]


def test_cli_analyze_reads_stdin():
    result = runner.invoke(app, ["analyze", "-", "--format", "json"], input=EXAMPLE.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["title"].startswith("Kim Kardashian")


def test_cli_analyze_bad_input_exits_with_one_line(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert str(path) in result.stderr and "binary" in result.stderr


def test_cli_analyze_not_english(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(
        "Kim Kardashian et Kanye West vivraient séparés depuis un an, selon plusieurs médias américains "
        "qui citent une source proche du couple.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert "not in English" in result.stderr and str(path) in result.stderr


def test_cli_analyze_keeps_going_after_a_bad_record(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "Kim lives in Calabasas."}\n{broken\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    assert f"{path}:2" in result.stderr


def test_cli_eval_unknown_task():
    result = runner.invoke(app, ["eval", "sentiment", "--data", "x.jsonl"])
    assert result.exit_code == 2
    assert "unknown evaluation task" in result.stderr


def test_cli_version_and_help():
    assert runner.invoke(app, ["--version"]).stdout.startswith("rumormill ")
    help_text = runner.invoke(app, ["analyze", "-h"]).stdout
    assert "Example:" in help_text


def test_cli_analyze_bad_published_date_is_one_error():
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--published", "someday"])
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 1 and "not an ISO date" in result.stderr


def test_cli_error_message_is_not_read_as_markup(tmp_path):
    path = tmp_path / "notes[red].txt"
    path.write_bytes(b"\x00binary")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert "notes[red].txt" in result.stderr
