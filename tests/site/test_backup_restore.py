"""A pg_dump of the site's database, restored into a fresh database, is served by the site: encrypted contact
details and questionnaire answers read back the same, staff find and open the request, articles are there.

The commands are the ones docs/operations.md gives. PostgreSQL only: on SQLite a backup is a copy of one file.
The records are made, and read back, by separate Python processes configured like app servers: the test's own
connection holds a transaction that pg_dump could not see into.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump and pg_restore back up PostgreSQL; SQLite is one file"
    ),
    pytest.mark.django_db,
]

# Questionnaire answers as the questionnaire stores them (each step's cleaned form data).
ANSWERS = {
    "about-you": {"age": 45, "pregnant_or_breastfeeding": "no", "height_inches": 68, "weight_pounds": 170},
    "diagnosis": {"diagnosis": "mdd", "episode_length": "over_2_years", "has_mental_health_clinician": "yes"},
    "antidepressants": [
        {"name": "Sertraline", "highest_dose": "200 mg", "weeks": 10, "result": "none", "current_episode": "yes"},
    ],
    "phq-9": {f"phq9_item{n}": 1 for n in range(1, 9)} | {"phq9_item9": 0},
}

SETUP = """
import json, sys, uuid, django
django.setup()
from django.conf import settings
from django.test.utils import override_settings
# Static files as the rest of the suite names them: a clean checkout has not run collectstatic.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
from eligibility.models import ConsultationRequest, Questionnaire
"""

MAKE_RECORDS = (
    SETUP
    + """
answers = json.loads(sys.stdin.read())
record = ConsultationRequest.objects.create(
    name="Jordan Rivers", email="jordan@example.com", phone="+12075550123", preferred_contact="phone",
    preferred_time="morning", state="Maine", message="Please call after work.", submission_key=uuid.uuid4(),
)
Questionnaire.objects.create(request=record, status=Questionnaire.Status.SUBMITTED, answers=answers)
print(record.reference)
"""
)

DELETE_RECORDS = SETUP + "ConsultationRequest.objects.filter(reference=sys.stdin.read()).delete()\n"

SERVE_RESTORED = (
    SETUP
    + """
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from education.models import Article
from eligibility.lookup import email_hash

record = ConsultationRequest.objects.get(reference=sys.stdin.read())
staff = Client()
staff.force_login(User.objects.create_superuser("restore-check", "restore@example.org", "restore-check-password"))
article = Article.objects.published().first()
print(json.dumps({
    "contact": [record.name, record.email, record.phone, record.message],
    "answers": record.questionnaire.answers,
    "found_by_email": list(ConsultationRequest.objects.filter(email_lookup=email_hash("jordan@example.com"))
                          .values_list("reference", flat=True)),
    "admin_page": staff.get(reverse("admin:eligibility_consultationrequest_change", args=[record.pk])).content.decode(),
    "article": [article.title, Client().get(article.get_absolute_url()).content.decode()],
}))
"""
)


def libpq_env() -> dict:
    """The test database's server and account, as libpq's variables, for pg_dump, pg_restore, createdb, dropdb."""
    settings = connection.settings_dict
    values = {"PGHOST": settings["HOST"], "PGPORT": str(settings["PORT"] or ""), "PGUSER": settings["USER"],
              "PGPASSWORD": settings["PASSWORD"]}  # fmt: skip
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def run(*args: str, stdin: str = "", env: dict | None = None) -> str:
    result = subprocess.run(  # noqa: S603 (our own commands)
        args, input=stdin, env=env or libpq_env(), cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def app(database: str, script: str, stdin: str) -> str:
    """Run a script as an app server on `database` would: same keys, that database, no shared cache."""
    settings = connection.settings_dict
    user, password = quote(settings["USER"] or "", safe=""), quote(settings["PASSWORD"] or "", safe="")
    address = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    env = {
        **{key: value for key, value in libpq_env().items() if key != "REDIS_URL"},
        "DATABASE_URL": f"postgres://{user}:{password}@{address}/{database}",
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_STAFF_TWO_FACTOR_REQUIRED": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # the script's test client speaks plain HTTP
    }
    return run(sys.executable, "-c", script, stdin=stdin, env=env)


@pytest.fixture
def reference():
    """A request with questionnaire answers, committed to the test database, and deleted afterwards."""
    database = connection.settings_dict["NAME"]
    made = app(database, MAKE_RECORDS, json.dumps(ANSWERS)).strip()
    yield made
    app(database, DELETE_RECORDS, made)


@pytest.fixture
def restore_target():
    name = f"{connection.settings_dict['NAME']}_restore"
    run(shutil.which("dropdb"), "--if-exists", "--force", name)
    run(shutil.which("createdb"), name)
    yield name
    run(shutil.which("dropdb"), "--if-exists", "--force", name)


def test_a_restored_dump_is_served_with_its_encrypted_fields(reference, restore_target, tmp_path):
    dump = tmp_path / "clinic.dump"
    run(shutil.which("pg_dump"), "--format=custom", "--compress=0", f"--file={dump}", connection.settings_dict["NAME"])
    run(shutil.which("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", restore_target, str(dump))

    backup = dump.read_bytes()
    assert reference.encode() in backup
    for private in (b"Jordan Rivers", b"jordan@example.com", b"2075550123", b"Sertraline"):
        assert private not in backup  # encrypted at rest, in the backup too: unreadable without the keys

    shown = json.loads(app(restore_target, SERVE_RESTORED, reference))
    assert shown["contact"] == ["Jordan Rivers", "jordan@example.com", "+12075550123", "Please call after work."]
    assert shown["answers"] == ANSWERS
    assert shown["found_by_email"] == [reference]
    assert reference in shown["admin_page"]
    assert "Jordan Rivers" in shown["admin_page"]
    assert "Sertraline" in shown["admin_page"]
    title, article_page = shown["article"]
    assert title in article_page
