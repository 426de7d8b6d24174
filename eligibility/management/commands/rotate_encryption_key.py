from django.core.management.base import BaseCommand, CommandError

from eligibility.key_rotation import BATCH_SIZE, UnreadableValueError, encrypted_fields, rotate_model


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first key in FIELD_ENCRYPTION_KEYS. Run it with the new key first"
        " and the old one second; remove the old key once it has finished."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Rows per transaction.")

    def handle(self, *args, batch_size, **options):
        for model, fields in encrypted_fields().items():
            try:
                count = rotate_model(model, fields, batch_size=batch_size)
            except UnreadableValueError as error:
                raise CommandError(f"{error} Rows done so far stay readable with both keys.") from None
            self.stdout.write(f"{count.label}: {count.values} value(s) re-encrypted in {count.rows} row(s).")
