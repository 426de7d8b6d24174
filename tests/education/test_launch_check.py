"""`manage.py check --deploy` stops a launch while published articles name a sample reviewer."""

from tests.site.test_deployment import PRODUCTION_ENV
from tests.site.test_settings import run_python


def test_deployment_check_with_the_shipped_sample_content_fails_and_names_the_articles(
    production_database_copy, tmp_path
):
    env = PRODUCTION_ENV | {"DATABASE_URL": production_database_copy(tmp_path)}
    assert run_python("manage.py", "load_content", **env).returncode == 0
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "(education.W001)" in result.stderr
    assert "published article(s) name a sample reviewer" in result.stderr
    assert "What is depression? (reviewer: Dr. Elena Marsh)" in result.stderr
    assert "security." not in result.stderr  # the production settings themselves pass: only the content fails
