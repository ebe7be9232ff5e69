"""A throwaway PostgreSQL cluster for the tests: Debian's PostgreSQL 15 (tests/setup-system.sh
installs it), `initdb` into a temporary folder, run as the `postgres` user when the tests run
as root (the server refuses root), on a free port of 127.0.0.1, removed at the end.

Each test that asks for a database gets a new one, made from a template that is migrated once,
so a test starts from an empty store at the cost of a file copy.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("JANALYQ_PG_BIN", "/usr/lib/postgresql/15/bin"))
_names = itertools.count(1)


def available() -> bool:
    return (PG_BIN / "initdb").is_file() and (PG_BIN / "pg_ctl").is_file()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class Cluster:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="janalyq-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.started = False

    def start(self) -> Cluster:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(_as_server_user([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]),
                       check=True, capture_output=True)
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options,
                                        "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True)
        self.started = True
        self._template()
        return self

    def url(self, name: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def _template(self) -> None:
        """A database holding the migrated, empty schema: new databases are copies of it."""
        from janalyq.store.postgres import PgStore

        self._admin("CREATE DATABASE janalyq_template")
        PgStore(self.url("janalyq_template")).close()

    def new_database(self) -> str:
        name = f"test_{os.getpid()}_{next(_names)}"
        for attempt in range(20):  # the template is busy for a moment after another copy
            try:
                self._admin(f"CREATE DATABASE {name} TEMPLATE janalyq_template")
                return self.url(name)
            except Exception as exc:  # noqa: BLE001 (psycopg's "source database is being accessed")
                if "being accessed" not in str(exc) or attempt == 19:
                    raise
                time.sleep(0.1)
        raise AssertionError("unreachable")

    def drop_database(self, url: str) -> None:
        """Remove a test's database, ending what is still connected to it (a store the test left
        open, a web app's per-thread connections): a long run does not pile up idle servers."""
        name = url.rsplit("/", 1)[1]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.started:
            subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                            "-w", "stop"]), capture_output=True)
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)
