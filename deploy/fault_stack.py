"""The topology `make faults` runs on loopback, and the switches that break it.

PostgreSQL (the machine's own cluster, one database of its own), a private Redis, two gunicorn app servers
started with gunicorn.conf.py, the outbox sender (`manage.py send_pending_emails --watch`, which delivers the
e-mails the app servers queue), nginx with the configuration in deploy/nginx in a temporary prefix, and a mail
server that accepts everything (deploy/mail_sink.py). Every process is started here and stopped here.
"""

import signal
import socket
import time
from pathlib import Path

from deploy.mail_sink import MailSink
from local_production import site
from local_production.nginx import Nginx
from local_production.postgresql import PostgreSQL
from local_production.processes import Process, answers, command, free_port, wait_until


class Stack:
    APP_SERVERS = 2
    MAIL_SENDER_INTERVAL = 1  # seconds between the outbox sender's looks (production: 5)

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
            site.app_server(self.env, port=port, log_dir=workdir, workers=workers_per_server) for port in self.app_ports
        ]
        # Requests only queue their e-mails; this process sends them, as clinic-mail-sender.service does.
        self.mail_sender = site.mail_sender(self.env, log_dir=workdir, every_seconds=self.MAIL_SENDER_INTERVAL)
        self.nginx = Nginx(workdir / "nginx", port=self.nginx_port, app_ports=self.app_ports, env=self.env)

    def _environment(self) -> dict:
        """The production settings on loopback, behind nginx, sending e-mail to the mail sink."""
        return site.environment(
            purpose="faults",
            database_url=self.database_url,
            redis_url=f"redis://127.0.0.1:{self.redis_port}/0",
            CLIENT_IP_HEADERS="HTTP_X_REAL_IP",
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(self.mail.port),
            DJANGO_EMAIL_USE_TLS="0",
            DJANGO_EMAIL_TIMEOUT="5",
            DJANGO_LOG_LEVEL="WARNING",
            DJANGO_ADMINS="",
            # Public pages' max-age (production: 300 s): nginx's copies grow old within each fault, so that readers
            # during an outage get copies the app could not renew, as they would after five minutes.
            EDUCATION_CACHE_SECONDS="2",
        )

    def manage(self, *args: str) -> str:
        return site.manage(self.env, *args)

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
        self.nginx.start()

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
        return self.nginx.access_log.read_text().splitlines()

    def stop(self) -> None:
        """Everything started here, stopped; PostgreSQL left running whatever happened."""
        for process in [self.nginx, *self.app_servers, self.mail_sender, self.redis]:
            process.stop()
        self.mail.stop()
        self.postgresql.ensure_running()
