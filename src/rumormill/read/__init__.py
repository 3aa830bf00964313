"""Readers: turn files, directories, globs and streams into `Article`s."""

from __future__ import annotations

from ._dispatch import read

__all__ = ["read"]
