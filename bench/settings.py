"""The production settings, unchanged, plus the benchmark's baseline page (bench/urls.py). Never used in production."""

from clinic_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
