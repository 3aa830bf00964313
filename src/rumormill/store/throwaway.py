"""A throwaway PostgreSQL cluster from the local server binaries, for the tests and benchmarks.

    >>> url, stop = start_postgres()   # "postgresql://rumormill@127.0.0.1:PORT" (no database)
    >>> stop()                         # stops the server and removes its folder

Starts in about a second: `initdb` into a temporary folder (as the `postgres` user when run as
root, as servers refuse to run as root), then `pg_ctl start` on a free loopback port.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path


def server_binaries() -> Path | None:
    """The newest local PostgreSQL bin folder (Debian's layout, else initdb on PATH), or None."""
    folders = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if (Path(p) / "initdb").exists()]
    if folders:
        return max(folders, key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def start_postgres(fast: bool = False) -> tuple[str, Callable[[], None]]:
    """Start a cluster; return its server URL and a function that stops and removes it.

    `fast` turns off fsync and full-page writes (tests: nothing has to survive a crash of the
    server itself). Raises RuntimeError, with initdb's or pg_ctl's message, when it cannot start.
    """
    bindir = server_binaries()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries (initdb) were found; install postgresql")
    root = Path(tempfile.mkdtemp(prefix="rumormill-pg-"))
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if run_as:
        shutil.chown(root, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
    if fast:
        options += " -c fsync=off -c full_page_writes=off"
    commands = [
        [str(bindir / "initdb"), "-D", str(data), "-U", "rumormill", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
        [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o", options, "start"],
    ]
    try:
        for command in commands:
            subprocess.run([*run_as, *command], check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as e:
        detail = (getattr(e, "stderr", b"") or b"").decode(errors="replace")[-300:]
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"a throwaway PostgreSQL cluster did not start: {e} {detail}") from e

    def stop() -> None:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True, timeout=60
        )
        shutil.rmtree(root, ignore_errors=True)

    return f"postgresql://rumormill@127.0.0.1:{port}", stop
