"""The machine's PostgreSQL: the database the stack runs on, and the cluster under it."""

import shutil
import subprocess
import time
import urllib.parse

import psycopg2

from local_production.processes import command, run, wait_until


class PostgreSQL:
    """The database a URL names, on the machine's own cluster, which `make faults` stops and starts as a service."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.user = parts.hostname or "127.0.0.1", parts.port or 5432, parts.username
        self.password = urllib.parse.unquote(parts.password) if parts.password else None
        self.database = parts.path.lstrip("/")
        self.cluster = self._cluster()

    def _cluster(self) -> list[str] | None:
        """`version name` of the Debian cluster on our port, for pg_ctlcluster; None to use the service command."""
        if shutil.which("pg_lsclusters") is None:
            return None
        for line in run([command("pg_lsclusters"), "-h"]).stdout.splitlines():
            version, name, port, *_ = line.split()
            if int(port) == self.port:
                return [version, name]
        return None

    def _control(self, action: str) -> list[str]:
        if self.cluster:
            return [command("pg_ctlcluster"), *self.cluster, action]
        return [command("service"), "postgresql", action]

    def is_running(self) -> bool:
        return run([command("pg_isready"), "-q", "-h", self.host, "-p", str(self.port)], check=False).returncode == 0

    def others_connected(self) -> list[str]:
        """Other databases with client sessions: the people a stop would cut off."""
        sql = """SELECT DISTINCT datname FROM pg_stat_activity
                 WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname <> %s"""
        return [name for (name,) in self.query(sql, [self.database], database="postgres")]

    def wait_for_others_to_leave(self, seconds: float) -> None:
        """Give other databases' sessions a little time to end before a stop cuts them off; then go ahead."""
        deadline = time.monotonic() + seconds
        while (others := self.others_connected()) and time.monotonic() < deadline:
            print(f"  PostgreSQL is in use by {', '.join(others)}: waiting before stopping it ...", flush=True)
            time.sleep(5)

    def stop(self) -> None:
        run(self._control("stop"))

    def start(self) -> float:
        """Start the cluster; the moment it accepted connections (its start command returns a little later)."""
        starting = subprocess.Popen(self._control("start"), stdout=subprocess.DEVNULL)  # noqa: S603 (ours)
        wait_until(self.is_running, seconds=60, what="PostgreSQL")
        accepting_at = time.time()
        if starting.wait(timeout=60) != 0:
            raise RuntimeError("Starting PostgreSQL failed.")
        return accepting_at

    def ensure_running(self) -> None:
        if not self.is_running():
            print("Starting PostgreSQL again ...", flush=True)
            self.start()

    def query(self, sql: str, params=(), *, database: str | None = None) -> list[tuple]:
        """Run one statement on its own connection (autocommit); the rows it returns, if any."""
        conn = psycopg2.connect(
            host=self.host, port=self.port, user=self.user, password=self.password, dbname=database or self.database
        )
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            conn.close()

    def recreate_database(self) -> None:
        self.query(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)', database="postgres")
        self.query(f'CREATE DATABASE "{self.database}"', database="postgres")
