import io

import pytest
from django.core.management import CommandError, call_command
from django.core.signals import setting_changed
from django.dispatch import receiver

from eligibility.key_rotation import encrypted_fields
from eligibility.models import ConsultationRequest

pytestmark = pytest.mark.django_db

OLD, NEW = "old-field-key", "new-field-key"


@receiver(setting_changed, dispatch_uid="tests.forget_derived_field_keys")
def forget_derived_field_keys(*, setting, **kwargs):
    """The library derives its keys once and caches them on each field: forget them when a test changes the keys."""
    if setting in {"SALT_KEY", "SECRET_KEY", "SECRET_KEY_FALLBACKS"}:
        for fields in encrypted_fields().values():
            for field in fields:
                field.__dict__.pop("keys", None)
                field.__dict__.pop("f", None)


def readable_values() -> dict:
    """Every encrypted value as the application reads it, by model, row and field."""
    return {
        (model._meta.label, row["pk"], name): value
        for model, fields in encrypted_fields().items()
        for row in model.objects.values("pk", *[field.attname for field in fields])
        for name, value in row.items()
        if name != "pk"
    }


def rotate(*args) -> str:
    out = io.StringIO()
    call_command("rotate_encryption_key", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def written_under_the_old_key(settings, make_person):
    settings.SALT_KEY = [OLD]
    make_person(status="closed")
    make_person()
    values = readable_values()
    assert ("eligibility.ConsultationRequest", ConsultationRequest.objects.first().pk, "name") in values
    assert "Sam Lee" in values.values()
    return values


def test_without_rotation_the_new_key_alone_cannot_read_the_old_rows(settings, written_under_the_old_key):
    settings.SALT_KEY = [NEW]
    assert "Sam Lee" not in readable_values().values()
    assert ConsultationRequest.objects.first().name != "Sam Lee"


def test_after_rotation_every_value_reads_back_identically_with_the_new_key_alone(settings, written_under_the_old_key):
    settings.SALT_KEY = [NEW, OLD]
    output = rotate("--batch-size", "1")
    settings.SALT_KEY = [NEW]
    assert readable_values() == written_under_the_old_key
    assert "eligibility.ConsultationRequest: 12 value(s) re-encrypted in 2 row(s)." in output
    assert "eligibility.Questionnaire: 2 value(s) re-encrypted in 2 row(s)." in output
    assert "eligibility.StaffNote: 2 value(s) re-encrypted in 2 row(s)." in output
    assert "eligibility.OutgoingEmail: 8 value(s) re-encrypted in 4 row(s)." in output


def test_a_value_no_key_can_read_stops_the_rotation_and_leaves_its_batch_unchanged(settings, written_under_the_old_key):
    settings.SALT_KEY = ["a-key-nobody-kept"]
    stray = ConsultationRequest.objects.order_by("pk").last()  # the first row of its batch is rotated before it
    stray.save()
    settings.SALT_KEY = [NEW, OLD]
    with pytest.raises(CommandError, match=rf"eligibility.ConsultationRequest {stray.pk}: name cannot be decrypted"):
        rotate()
    settings.SALT_KEY = [OLD]
    readable = readable_values()
    stray_row = (stray._meta.label, stray.pk)
    untouched = {key: value for key, value in written_under_the_old_key.items() if key[:2] != stray_row}
    assert {key: readable[key] for key in untouched} == untouched


def test_after_a_new_secret_key_the_old_one_as_a_fallback_lets_rotation_keep_every_value(
    settings, written_under_the_old_key
):
    old_secret = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-brand-new-secret-key", [old_secret]
    rotate()
    settings.SECRET_KEY_FALLBACKS = []
    assert readable_values() == written_under_the_old_key
