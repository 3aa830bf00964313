"""One small exception tree.

    RumormillError
     ├── InputError (ValueError)      bad data: empty, binary, undecodable, malformed, not English
     ├── ConfigError (ValueError)     a setting or argument that cannot work
     ├── ModelError (RuntimeError)    the spaCy model cannot be loaded
     ├── StoreError (RuntimeError)    the database cannot be opened, migrated or written
     │    └── StoreTimeout            a query ran past the store's statement timeout
     └── PipelineError (RuntimeError) a stage broke its contract (a bug, not bad data)

Bad data and wrong use stay apart: `InputError` is the reader's or the caller's input,
the others are about the installation or the code.
"""

from __future__ import annotations


class RumormillError(Exception):
    """Base class of every error rumormill raises on purpose."""


class InputError(RumormillError, ValueError):
    """The input cannot be read as an article. `source` names it, `line` points into it."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        self.reason = message
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(f"{where}{message}")


class ConfigError(RumormillError, ValueError):
    """A setting or argument has a value that cannot work."""


class ModelError(RumormillError, RuntimeError):
    """The spaCy model could not be loaded."""


class StoreError(RumormillError, RuntimeError):
    """The store cannot be opened, migrated, read or written (the message names the database)."""


class StoreTimeout(StoreError):
    """A read ran past the store's statement timeout and was stopped."""


class PipelineError(RumormillError, RuntimeError):
    """A stage broke its contract (for example, returned a span outside the text)."""
