from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from education.images import validate_image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo_with_gps(width=1600, height=900, image_format="JPEG") -> SimpleUploadedFile:
    image = Image.new("RGB", (width, height), (40, 120, 130))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (45.0, 30.0, 0.0)}  # GPS position
    buffer = BytesIO()
    image.save(buffer, format=image_format, exif=exif.tobytes())
    return SimpleUploadedFile("holiday.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_real_photo_passes_the_checks():
    validate_image_upload(photo_with_gps())


def test_a_file_that_only_claims_to_be_an_image_is_refused():
    fake = SimpleUploadedFile("cat.jpg", b"<?php system($_GET['c']); ?>" * 20, content_type="image/jpeg")
    with pytest.raises(ValidationError, match="not an image we can read"):
        validate_image_upload(fake)


def test_an_oversized_file_is_refused_with_its_size(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match=r"Upload an image of 0 MB or less|MB or less"):
        validate_image_upload(photo_with_gps())


def test_too_many_pixels_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1000 * 1000
    with pytest.raises(ValidationError, match="1600 × 900 pixels, which is too large"):
        validate_image_upload(photo_with_gps())


def test_a_tiny_image_is_refused():
    with pytest.raises(ValidationError, match="at least 320 pixels wide"):
        validate_image_upload(photo_with_gps(width=100, height=100))


def test_saved_image_loses_its_exif_and_gets_webp_and_jpeg_renditions(make_article):
    article = make_article(image=photo_with_gps(), image_alt="A calm treatment room")
    with default_storage.open(article.image.name) as stored, Image.open(stored) as image:
        assert not image.getexif()
    renditions = article.image_renditions
    assert [width for width, _ in renditions["webp"]] == [480, 960, 1440]
    assert [width for width, _ in renditions["jpeg"]] == [480, 960, 1440]
    for _, name in renditions["webp"]:
        with default_storage.open(name) as stored, Image.open(stored) as image:
            assert image.format == "WEBP"
            assert not image.getexif()
    assert article.image_srcset_webp.count("w,") == 2


def test_article_page_serves_the_image_with_srcset_and_alt_text(client, make_article):
    article = make_article(image=photo_with_gps(), image_alt="A calm treatment room")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in html
    assert 'alt="A calm treatment room"' in html
    assert " 960w" in html


def test_an_image_without_alt_text_is_refused(make_article):
    article = make_article(image=photo_with_gps(), image_alt="A room")
    article.image_alt = "  "
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "image_alt" in error.value.message_dict
