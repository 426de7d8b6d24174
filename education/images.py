"""Checks and renditions for article images uploaded through the admin.

Pillow decodes every upload (a file that only claims to be an image is refused), sizes are
checked before the pixels are decoded, EXIF (camera, GPS, time) is dropped by re-encoding, and
each image is served as WebP with a JPEG fallback at a few widths.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MIN_WIDTH = 320


def validate_image_upload(upload) -> None:
    """Refuse anything that is not a real, reasonably sized JPEG, PNG or WebP image."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            f"This image is {upload.size / 1_048_576:.1f} MB. Upload an image of "
            f"{max_bytes / 1_048_576:.0f} MB or less."
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            width, height = probe.size
            image_format = probe.format
            if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    f"This image is {width} × {height} pixels, which is too large. "
                    f"Upload an image of at most {settings.IMAGE_UPLOAD_MAX_PIXELS:,} pixels in all."
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as full:
            full.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise ValidationError("This file is not an image we can read. Upload a JPEG, PNG or WebP image.") from None
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError("Upload the image as a JPEG, PNG or WebP file.")
    if width < MIN_WIDTH:
        raise ValidationError(f"This image is {width} pixels wide. Upload an image at least {MIN_WIDTH} pixels wide.")


def _open_upright(source) -> Image.Image:
    source.seek(0)
    with Image.open(source) as opened:
        upright = ImageOps.exif_transpose(opened)
        upright.load()
    return upright.convert("RGB")


def _encode(image: Image.Image, image_format: str) -> bytes:
    buffer = BytesIO()
    options = {"quality": 80, "method": 4} if image_format == "WEBP" else {"quality": 82, "optimize": True}
    image.save(buffer, format=image_format, **options)  # no exif= argument: metadata is not written
    return buffer.getvalue()


def without_metadata(upload) -> ContentFile:
    """The upload re-encoded as JPEG, upright, with all EXIF and other metadata removed."""
    return ContentFile(_encode(_open_upright(upload), "JPEG"))


def make_renditions(stored_name: str) -> dict:
    """Write WebP and JPEG copies at each configured width; return what the template needs."""
    with default_storage.open(stored_name) as source:
        image = _open_upright(source)
    stem = PurePosixPath(stored_name).stem
    widths = sorted({min(w, image.width) for w in settings.IMAGE_RENDITION_WIDTHS})
    renditions = {"source": stored_name, "width": image.width, "height": image.height, "webp": [], "jpeg": []}
    for width in widths:
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for key, image_format, extension in (("webp", "WEBP", "webp"), ("jpeg", "JPEG", "jpg")):
            name = default_storage.save(
                f"articles/renditions/{stem}-{width}.{extension}", ContentFile(_encode(resized, image_format))
            )
            renditions[key].append([width, name])
    return renditions
