"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, a Unix socket
there, no TCP. Real PostgreSQL with PostGIS (Debian's packages, installed by
``scripts/bootstrap.sh --test``); never a mock. As root (CI containers), the server runs as
``nobody``, since initdb refuses root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote


def _bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(map(str, Path("/usr/lib/postgresql").glob(f"*/bin/{name}")), reverse=True)),
        None,
    )
    if not found:
        msg = (
            f"PostgreSQL's {name} is missing: the PostGIS tests need Debian's postgresql and "
            "postgresql-15-postgis-3 packages. Run scripts/bootstrap.sh --test."
        )
        raise RuntimeError(msg)
    return found


class Cluster:
    """A running cluster; :meth:`url` names a database or a schema in it.

    The tests run it with ``fsync=off`` (a throwaway cluster need not survive power loss);
    the benchmarks with ``fsync=True``, durable like the GeoPackage's ``synchronous=FULL``.
    """

    def __init__(self, *, fsync: bool = False) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="facmap-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "nobody")
        self.data = self.dir / "data"
        self.user = "facmap"
        self._run(
            _bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", self.user,
            "-E", "UTF8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        self._run(
            _bin("pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.dir / "log"),
            "-o", f"-k {self.dir} -c listen_addresses='' -c fsync={'on' if fsync else 'off'} "
            "-c max_connections=60",
            "start",
        )  # fmt: skip

    def _run(self, *cmd: str) -> None:
        prefix = ["runuser", "-u", "nobody", "--"] if self.as_root else []
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, timeout=120)

    def url(self, db: str = "postgres", schema: str | None = None) -> str:
        """Return a libpq URL for ``db`` (and ``schema`` first on the search path)."""
        url = f"postgresql://{self.user}@/{db}?host={quote(str(self.dir), safe='')}"
        if schema:
            url += "&options=" + quote(f"-csearch_path={schema},public", safe="")
        return url

    def sql(self, statement: str, db: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True) as conn:
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description else []

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
