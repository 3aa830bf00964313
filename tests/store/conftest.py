"""Store fixtures: every store test runs on SQLite and on a real, throwaway PostgreSQL server.

PostgreSQL comes from `RUMORMILL_TEST_POSTGRES` (a server URL to create test databases on), or
else a cluster this fixture creates with the local PostgreSQL binaries (initdb, pg_ctl) in a
temporary folder on a free loopback port, and removes afterwards. Without either, the
PostgreSQL half is skipped with the reason, unless `RUMORMILL_REQUIRE_POSTGRES=1` (as CI sets
it), where it fails instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from rumormill.store import open_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in p.split("/")[-2].split(".") if x.isdigit()],
    )
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _unavailable(reason: str):
    if os.environ.get("RUMORMILL_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server URL (without a database) for the session."""
    url = os.environ.get("RUMORMILL_TEST_POSTGRES")
    if url:
        yield url.rstrip("/")
        return
    bindir = _pg_bin()
    if bindir is None:
        _unavailable("no PostgreSQL server binaries (initdb) were found; install postgresql")
    root = Path(tempfile.mkdtemp(prefix="rumormill-pg-"))
    as_root = os.geteuid() == 0
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres")
    port = _free_port()
    data, log = root / "data", root / "log"
    try:
        subprocess.run(
            [
                *run_as,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "rumormill",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [
                *run_as,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-o",
                f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.SubprocessError, OSError) as e:
        detail = getattr(e, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"a throwaway cluster did not start: {e} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql://rumormill@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the server, dropped after the test."""
    import psycopg

    name = f"rm_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of an empty store on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'rumormill.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        yield opened
