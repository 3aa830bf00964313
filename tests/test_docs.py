"""The README stays true: every command, setting and public name it promises exists, and back."""

from __future__ import annotations

import re

import pytest

import rumormill
from rumormill import settings
from rumormill.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands():
    import typer.main

    return sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", _commands())
def test_docs_readme_shows_every_command(command):
    assert f"rumormill {command}" in README


@pytest.mark.parametrize("setting", [s.name for s in settings.SETTINGS])
def test_docs_readme_lists_every_setting(setting):
    assert f"`RUMORMILL_{setting.upper()}`" in README


def test_docs_readme_quick_start_is_two_commands():
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make demo", "make test"]


def test_docs_public_api_is_sorted_and_exists():
    assert rumormill.__all__ == sorted(rumormill.__all__)
    for name in rumormill.__all__:
        assert hasattr(rumormill, name)


def test_docs_readme_layout_names_real_paths():
    block = README.split("## Layout", 1)[1]
    for name in re.findall(r"^  ([a-z_]+(?:\.py|/))", block, flags=re.M):
        assert (ROOT / "src" / "rumormill" / name.rstrip("/")).exists(), name
