"""Settings come from the environment and refuse to start unsafely."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic_site.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def run_python(*args: str, **env) -> subprocess.CompletedProcess:
    """Run Python in the project with only the given settings variables (none inherited from the test run)."""
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "FIELD_ENCRYPTION_KEYS", "LOOKUP_HASH_KEY"))
    }
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args], cwd=ROOT, env={**clean_env, **env}, capture_output=True, text=True, check=False
    )


def load_settings(**env) -> subprocess.CompletedProcess:
    return run_python("-c", "import clinic_site.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])", **env)


KEYS = {"DJANGO_SECRET_KEY": "k", "FIELD_ENCRYPTION_KEYS": "f", "LOOKUP_HASH_KEY": "h"}


def test_without_a_secret_key_production_settings_refuse_to_load():
    result = load_settings()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_without_encryption_keys_production_settings_refuse_to_load():
    result = load_settings(DJANGO_SECRET_KEY="k")
    assert result.returncode != 0
    assert "Set FIELD_ENCRYPTION_KEYS and LOOKUP_HASH_KEY" in result.stderr


def test_debug_is_off_and_sqlite_is_the_default_database():
    result = load_settings(**KEYS)
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_database_url_selects_postgresql():
    result = load_settings(**KEYS, DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_env_helpers_read_and_reject_values(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    monkeypatch.setenv("COUNT", "12")
    assert env_bool("FLAG") is True
    assert env_list("HOSTS") == ["a.example", "b.example"]
    assert env_int("COUNT", 0) == 12
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be one of"):
        env_bool("FLAG")
    monkeypatch.setenv("COUNT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="COUNT must be a whole number"):
        env_int("COUNT", 0)


def test_every_variable_the_settings_read_is_documented_in_env_example():
    settings_source = (ROOT / "clinic_site" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE))
    assert read
    assert read - documented == set()
