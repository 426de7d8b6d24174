import datetime
import os
import shutil
from pathlib import Path

import hypothesis
import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db.backends.postgresql.operations import DatabaseOperations
from django.test import Client, override_settings
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic_site import page_cache
from education.content_loader import load_content
from education.models import Article, Reviewer, Topic
from tests.site.test_settings import run_python

# Property tests (tests/security/test_fuzz_public_forms.py). By default the same examples every run, so a failure is
# the code's and not the draw's; HYPOTHESIS_PROFILE=thorough tries ten times as many new ones and keeps any that
# fail in .hypothesis/ (not committed), so the next run tries them first.
hypothesis.settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis.settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    database=hypothesis.database.DirectoryBasedExampleDatabase(Path(__file__).parents[1] / ".hypothesis" / "examples"),
)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the shipped articles, FAQ and glossary loaded."""
    with django_db_blocker.unblock():
        load_content()


def emptied_row_by_row(sql_flush):
    """PostgreSQL's flush, but with DELETE where Django writes one TRUNCATE of every table.

    A database test that commits (the browser tests, the outbox sender's) ends with a flush. TRUNCATE makes new files
    for all the tables and syncs them at the commit, over a second each time here; deleting the few rows a test
    leaves takes milliseconds. The database is left just as empty. Foreign keys are checked at the commit, when
    every table is empty, so the order of the deletes does not matter.
    """

    def flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    return flush


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete_on_postgresql():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", emptied_row_by_row(DatabaseOperations.sql_flush))
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_files_from_the_source_folders(tmp_path_factory):
    """Pages name static files as the development server serves them, whether or not `make serve` hashed them.

    Nor do the tests read what `make serve` or `make bench` collected into STATIC_ROOT: WhiteNoise lists every file
    there each time a test client starts (about 850 files, some 20 ms each time), which made a checkout that had
    served the site run its tests a tenth slower than a fresh clone."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path_factory.mktemp("nothing-collected")):
        yield


@pytest.fixture(scope="session", autouse=True)
def _plain_http_test_client():
    """The test client speaks plain HTTP. Production's redirect to HTTPS (on whenever debug is off) is tested with the
    production environment in tests/site/test_deployment.py."""
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(autouse=True)
def _each_test_starts_in_english(settings):
    """A request in Spanish leaves Spanish active in the thread that served it, which in tests is the test's own."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing takes a third of a second per sign-in; the tests sign in hundreds of times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _memory_mail(settings):
    """E-mail goes to django.core.mail.outbox, where tests read it."""
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    page_cache.forget_in_this_process()
    yield
    cache.clear()
    page_cache.forget_in_this_process()


@pytest.fixture(scope="session")
def production_database_copy(tmp_path_factory):
    """`copy(folder)`: the DATABASE_URL of a copy, in `folder`, of a SQLite database that `manage.py migrate` made
    under the production settings (tests/site/test_deployment.py). Migrating takes seconds in a new process, so it is
    done once per test process, and each test works on its own copy."""
    from tests.site.test_deployment import PRODUCTION_ENV  # here: that module imports this one

    migrated = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    result = run_python(
        "manage.py", "migrate", "--verbosity", "0", **PRODUCTION_ENV, DATABASE_URL=f"sqlite:///{migrated}"
    )
    assert result.returncode == 0, result.stderr

    def copy(folder: Path) -> str:
        shutil.copyfile(migrated, folder / "db.sqlite3")
        return f"sqlite:///{folder / 'db.sqlite3'}"

    return copy


@pytest.fixture
def redis_url(worker_id):
    """The local Redis, in a database of this test process's own (15, 14, ...: tests empty it; bench uses 13)."""
    number = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    return f"redis://127.0.0.1:6379/{15 - number}"


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Test topic", slug="test-topic", description="Articles made by tests.", order=99)


@pytest.fixture
def reviewer(db):
    return Reviewer.objects.create(key="test-reviewer", name="Dr. Test Reviewer", credentials="MD")


@pytest.fixture
def make_article(topic, reviewer):
    """Create an article; published today unless told otherwise."""
    counter = iter(range(1, 100_000))

    def make(**overrides):
        n = next(counter)
        today = timezone.localdate()
        fields = {
            "title": f"Test article {n}",
            "slug": f"test-article-{n}",
            "topic": topic,
            "summary": "A short summary for a test article.",
            "body": "## First part\n\nThis is a short sentence. It is easy to read [1].\n",
            "status": Article.Status.PUBLISHED,
            "published_at": today,
            "author": "Test author",
            "reviewer": reviewer,
            "last_reviewed": today,
            "next_review_due": today + datetime.timedelta(days=365),
        }
        fields.update(overrides)
        return Article.objects.create(**fields)

    return make


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.org", "a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


def verified_login(client, user):
    """Sign a staff member in with both factors, as the admin requires when debug is off."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test app", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def clinician(db):
    user = User.objects.create_user("clinician", "c@example.org", "a-long-clinician-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Clinical staff"))
    return user


@pytest.fixture
def clinician_client(client, clinician):
    return verified_login(client, clinician)


@pytest.fixture
def admin_client(admin_user):
    """A superuser's own browser, signed in with both factors (separate from the `client` fixture)."""
    return verified_login(Client(), admin_user)


@pytest.fixture
def editor_client(client, editor):
    return verified_login(client, editor)
