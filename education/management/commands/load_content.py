from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from education.content_loader import CONTENT_DIR, ContentError, load_content


class Command(BaseCommand):
    help = "Load the shipped articles, FAQ and glossary. Safe to run again; keeps editors' changes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Replace content even where an editor has changed it in the admin."
        )
        parser.add_argument("--content-dir", type=Path, default=CONTENT_DIR, help="Where the content files are.")

    def handle(self, *args, force=False, content_dir=CONTENT_DIR, **options):
        try:
            report = load_content(content_dir, force=force)
        except ContentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
