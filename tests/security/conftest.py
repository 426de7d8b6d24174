import pytest


@pytest.fixture(autouse=True)
def _unthrottled_public_forms(settings):
    """Security tests post far more often than a person could; the per-address rate limit would answer 429."""
    settings.RATELIMIT_ENABLE = False
