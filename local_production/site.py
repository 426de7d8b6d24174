"""The site as production runs it, on loopback: its environment, gunicorn app servers and the outbox sender."""

import os
import secrets
from pathlib import Path

from local_production.processes import GUNICORN, PYTHON, Process, run


def environment(*, purpose: str, database_url: str, redis_url: str, **overrides: str) -> dict:
    """The production settings on loopback: debug off, PostgreSQL with persistent connections, Redis, and keys of
    this run's own. Plain HTTP, since there is nothing to redirect to, and no useful per-address limit, since every
    simulated person comes from 127.0.0.1. The caller's DJANGO_* and DATABASE_* variables are left out."""
    inherited = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    return (
        inherited
        | {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": f"{purpose}-only-{secrets.token_urlsafe(40)}",
            "FIELD_ENCRYPTION_KEYS": f"{purpose}-only-{secrets.token_urlsafe(24)}",
            "LOOKUP_HASH_KEY": f"{purpose}-only-{secrets.token_urlsafe(24)}",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": redis_url,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "RATELIMIT_PUBLIC_POST": "1000000/m",
        }
        | overrides
    )


def manage(env: dict, *args: str) -> str:
    """A management command's output; its output and errors in the exception when it fails."""
    return run([PYTHON, "manage.py", *args], env=env).stdout


def app_server(env: dict, *, port: int, log_dir: Path, workers: int | None = None) -> Process:
    """gunicorn with gunicorn.conf.py, as `make serve` starts it, on 127.0.0.1:`port`."""
    env = env | {"HOST": "127.0.0.1", "PORT": str(port)} | ({"WEB_CONCURRENCY": str(workers)} if workers else {})
    return Process(f"app-{port}", [GUNICORN, "--config", "gunicorn.conf.py"], env=env, log_dir=log_dir)


def mail_sender(env: dict, *, log_dir: Path, every_seconds: int = 5) -> Process:
    """The outbox sender, as beside `make serve`: it sends the e-mails the app servers queue."""
    args = [PYTHON, "manage.py", "send_pending_emails", "--watch", str(every_seconds)]
    return Process("mail-sender", args, env=env, log_dir=log_dir)
