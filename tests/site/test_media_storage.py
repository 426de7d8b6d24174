"""Uploaded images: on local disk by default, or in S3-compatible object storage that every app server shares."""

import json

from tests.site.test_settings import KEYS, run_python

SHOW_STORAGE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
print(json.dumps({
    "backend": type(storages["default"]).__name__,
    "url": storages["default"].url("articles/renditions/brain-480.webp"),
    "img_src": settings.SECURE_CSP["img-src"],
}))
"""


def media_settings(**env) -> dict:
    result = run_python("-c", SHOW_STORAGE, DJANGO_SETTINGS_MODULE="clinic_site.settings", **KEYS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_by_default_images_are_files_on_this_server_and_only_this_site_serves_images():
    shown = media_settings()
    assert shown == {
        "backend": "FileSystemStorage",
        "url": "/media/articles/renditions/brain-480.webp",
        "img_src": ["'self'"],
    }


def test_with_a_bucket_on_an_s3_compatible_service_images_are_stored_and_addressed_there():
    shown = media_settings(MEDIA_S3_BUCKET="clinic-media", MEDIA_S3_ENDPOINT_URL="https://minio.example.org:9000")
    assert shown["backend"] == "S3Storage"
    assert shown["url"] == "https://minio.example.org:9000/clinic-media/articles/renditions/brain-480.webp"
    assert shown["img_src"] == ["'self'", "https://minio.example.org:9000"]


def test_with_a_cdn_in_front_of_the_bucket_images_are_addressed_through_it():
    shown = media_settings(MEDIA_S3_BUCKET="clinic-media", MEDIA_S3_CUSTOM_DOMAIN="media.clinic.example.org")
    assert shown["url"] == "https://media.clinic.example.org/articles/renditions/brain-480.webp"
    assert shown["img_src"] == ["'self'", "https://media.clinic.example.org"]
