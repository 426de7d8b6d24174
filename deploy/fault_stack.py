"""The topology `make faults` runs on loopback, and the switches that break it.

PostgreSQL (the machine's own cluster, one database of its own), a private Redis, two gunicorn app servers
started with gunicorn.conf.py, the outbox sender (`manage.py send_pending_emails --watch`, which delivers the
e-mails the app servers queue), nginx with the configuration in deploy/nginx in a temporary prefix, and a mail
server that accepts everything (deploy/mail_sink.py). Every process is started here and stopped here.
"""

import getpass
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg2
from mail_sink import MailSink

ROOT = Path(__file__).resolve().parent.parent
NGINX_DIR = ROOT / "deploy" / "nginx"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def run(args: list[str], *, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run a command of ours (never a shell), its output kept for the error message."""
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def command(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed.")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"Timed out after {seconds:.0f} s waiting for {what}.")
        time.sleep(0.1)


def answers(port: int, path: str = "/healthz") -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", path)
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def ensure_nginx() -> str:
    """Debian's nginx, installed with apt when missing (needs root)."""
    if shutil.which("nginx") is None:
        print("Installing nginx with apt-get ...", flush=True)
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run([command("apt-get"), "install", "-y", "-q", "nginx"], env=apt_env)
    return command("nginx")


class Process:
    """A child process in its own process group, so that killing it kills its workers too."""

    def __init__(self, name: str, args: list[str], *, env: dict, log_dir: Path):
        self.name, self.args, self.env, self.log = name, args, env, log_dir / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as log:
            self.popen = subprocess.Popen(  # noqa: S603 (our own programs and arguments)
                self.args, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def is_running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def send(self, sig: int) -> None:
        if self.is_running():
            os.killpg(self.popen.pid, sig)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen is None:
            return
        self.send(sig)
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.send(signal.SIGKILL)
            self.popen.wait()
        self.popen = None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


class PostgreSQL:
    """The local PostgreSQL cluster that serves the database URL's port, stopped and started as a service."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.user = parts.hostname or "127.0.0.1", parts.port or 5432, parts.username
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
        conn = psycopg2.connect(host=self.host, port=self.port, user=self.user, dbname=database or self.database)
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


class Stack:
    APP_SERVERS = 2
    MAIL_SENDER_INTERVAL = "1"  # seconds between the outbox sender's looks (production: 5)

    def __init__(self, workdir: Path, database_url: str, *, workers_per_server: int):
        self.workdir = workdir
        self.database_url = database_url
        self.postgresql = PostgreSQL(database_url)
        self.redis_port, self.nginx_port = free_port(), free_port()
        self.app_ports = [free_port() for _ in range(self.APP_SERVERS)]
        self.mail = MailSink(free_port())
        self.workers_per_server = workers_per_server
        self.env = self._environment()
        self.redis = Process(
            "redis",
            [command("redis-server"), "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", ""],
            env=self.env,
            log_dir=workdir,
        )
        self.app_servers = [
            Process(
                f"app-{port}",
                [GUNICORN, "--config", "gunicorn.conf.py"],
                env={**self.env, "PORT": str(port), "WEB_CONCURRENCY": str(workers_per_server)},
                log_dir=workdir,
            )
            for port in self.app_ports
        ]
        # Requests only queue their e-mails; this process sends them, as clinic-mail-sender.service does.
        self.mail_sender = Process(
            "mail-sender",
            [PYTHON, "manage.py", "send_pending_emails", "--watch", self.MAIL_SENDER_INTERVAL],
            env=self.env,
            log_dir=workdir,
        )
        self.nginx: Process | None = None

    def _environment(self) -> dict:
        """The production settings, on loopback: debug off, PostgreSQL, Redis, SMTP, behind nginx."""
        return {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "faults-only-" + secrets.token_urlsafe(40),
            "FIELD_ENCRYPTION_KEYS": "faults-only-" + secrets.token_urlsafe(24),
            "LOOKUP_HASH_KEY": "faults-only-" + secrets.token_urlsafe(24),
            "DATABASE_URL": self.database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CLIENT_IP_HEADERS": "HTTP_X_REAL_IP",
            # nginx listens for plain HTTP on loopback here: nothing to redirect to.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            # Every simulated person comes from 127.0.0.1: the per-address limit would stop the test, not a robot.
            "RATELIMIT_PUBLIC_POST": "100000/m",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(self.mail.port),
            "DJANGO_EMAIL_USE_TLS": "0",
            "DJANGO_EMAIL_TIMEOUT": "5",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_ADMINS": "",
        }

    def manage(self, *args: str) -> str:
        return run([PYTHON, "manage.py", *args], env=self.env).stdout

    def prepare(self) -> None:
        self.postgresql.ensure_running()
        self.postgresql.recreate_database()
        self.manage("migrate", "--no-input", "--verbosity", "0")
        self.manage("load_content")
        self.manage("collectstatic", "--no-input", "--verbosity", "0")

    def start(self) -> None:
        self.redis.start()
        self.mail.start()
        for index in range(self.APP_SERVERS):
            self.start_app_server(index)
        self.start_mail_sender()
        self._start_nginx()

    def start_app_server(self, index: int) -> None:
        self.app_servers[index].start()
        wait_until(lambda: answers(self.app_ports[index]), seconds=60, what=f"app server on {self.app_ports[index]}")

    def start_mail_sender(self) -> None:
        """Started after the app servers (they answer, so the database is migrated and up); it must keep running."""
        self.mail_sender.start()
        time.sleep(2)  # a few of its looks at the outbox: long enough for a bad setting to stop it
        if not self.mail_sender.is_running():
            raise RuntimeError(f"The outbox sender stopped at once:\n{self.mail_sender.log_text()}")

    def kill_app_server(self, index: int) -> None:
        """As if the machine under it died: the master and its workers, with no chance to finish anything."""
        self.app_servers[index].stop(signal.SIGKILL)

    def stop_redis(self) -> None:
        self.redis.stop()

    def start_redis(self) -> None:
        self.redis.start()
        wait_until(lambda: self._redis_answers(), seconds=10, what="Redis")

    def _redis_answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(7) == b"+PONG\r\n"
        except OSError:
            return False

    def app_logs(self) -> str:
        return "".join(server.log_text() for server in self.app_servers)

    def access_log(self) -> list[str]:
        return (self.workdir / "nginx" / "logs" / "access.log").read_text().splitlines()

    def _start_nginx(self) -> None:
        nginx = ensure_nginx()
        prefix = self.workdir / "nginx"
        (prefix / "logs").mkdir(parents=True, exist_ok=True)
        upstream = re.sub(
            r"127\.0\.0\.1:800([12])",
            lambda match: f"127.0.0.1:{self.app_ports[int(match.group(1)) - 1]}",
            (NGINX_DIR / "clinic-http.conf").read_text(),
        )
        (prefix / "clinic-http.conf").write_text(upstream)
        (prefix / "nginx.conf").write_text(
            f"""
user {getpass.getuser()};
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/clinic-http.conf;
    server {{
        listen 127.0.0.1:{self.nginx_port};
        access_log {prefix}/logs/access.log clinic;
        set $clinic_error_pages {NGINX_DIR}/errors;
        include {NGINX_DIR}/clinic-proxy.conf;
    }}
}}
"""
        )
        args = [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "logs/error.log")]
        run([*args, "-t", "-q"])
        self.nginx = Process("nginx", [*args, "-g", "daemon off;"], env=self.env, log_dir=self.workdir)
        self.nginx.start()
        wait_until(lambda: answers(self.nginx_port), seconds=20, what="nginx")

    def stop(self) -> None:
        """Everything started here, stopped; PostgreSQL left running whatever happened."""
        for process in [self.nginx, *self.app_servers, self.mail_sender, self.redis]:
            if process:
                process.stop()
        self.mail.stop()
        self.postgresql.ensure_running()
