"""Re-encrypt every encrypted field under the newest key in FIELD_ENCRYPTION_KEYS (settings.SALT_KEY).

The library decrypts with any listed key and writes with the first. When it cannot decrypt a value it silently returns
the stored token, so loading and saving model instances could double-encrypt data it failed to read. Rotation therefore
works on the stored tokens themselves: MultiFernet.rotate() either re-encrypts a token under the first key or raises.
"""

from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.db import models, transaction
from django.db.models import TextField, Value
from django.db.models.functions import Cast
from encrypted_fields.fields import EncryptedFieldMixin

BATCH_SIZE = 500


class UnreadableValueError(Exception):
    """A stored value that no configured key decrypts; nothing in its batch was changed."""


@dataclass(frozen=True)
class RotationCount:
    label: str
    rows: int
    values: int


def encrypted_fields() -> dict[type[models.Model], list[models.Field]]:
    """Every installed model with encrypted fields, and those fields."""
    found = {}
    for model in apps.get_models():
        fields = [field for field in model._meta.concrete_fields if isinstance(field, EncryptedFieldMixin)]
        if fields:
            found[model] = fields
    return found


def rotate_model(model: type[models.Model], fields: list[models.Field], *, batch_size: int) -> RotationCount:
    """Rewrite each stored token of `fields` under the first key, one transaction per batch of rows."""
    fernet = MultiFernet([Fernet(key) for key in fields[0].keys])  # every encrypted field derives the same keys
    # Cast to plain text so that the ORM hands back the stored tokens, not decrypted values.
    stored_tokens = [Cast(field.attname, output_field=TextField()) for field in fields]
    rows = values = 0
    last_pk = None
    while True:
        with transaction.atomic():
            batch = model._base_manager.select_for_update().order_by("pk")
            if last_pk is not None:
                batch = batch.filter(pk__gt=last_pk)
            stored = list(batch.values_list("pk", *stored_tokens)[:batch_size])
            for pk, *tokens in stored:
                rotated = {
                    field.attname: Value(_rotate(fernet, token, field, pk), output_field=TextField())
                    for field, token in zip(fields, tokens, strict=True)
                    if token
                }
                if rotated:
                    model._base_manager.filter(pk=pk).update(**rotated)
                values += len(rotated)
        rows += len(stored)
        if len(stored) < batch_size:
            return RotationCount(label=model._meta.label, rows=rows, values=values)
        last_pk = stored[-1][0]


def _rotate(fernet: MultiFernet, token: str, field: models.Field, pk) -> str:
    try:
        return fernet.rotate(token.encode()).decode()
    except InvalidToken:
        raise UnreadableValueError(
            f"{field.model._meta.label} {pk}: {field.name} cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS;"
            " nothing in its batch was changed."
        ) from None
