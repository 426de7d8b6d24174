"""The bare-Django anchor (bench/urls.py): the production settings with only Security and Common middleware.

`make bench` serves it from a gunicorn of its own, beside the site's, with the same workers. Never used in production.
"""

from clinic_site.settings import *  # noqa: F403

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "bench.urls"
