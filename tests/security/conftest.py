import pytest

from tests.eligibility.test_staff_review import clinician, clinician_client  # noqa: F401 (shared fixtures)


@pytest.fixture(autouse=True)
def _unthrottled_public_forms(settings):
    """Security tests post far more often than a person could; the per-address rate limit would answer 429."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture(autouse=True)
def _memory_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
