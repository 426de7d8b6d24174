from django.core.management.base import BaseCommand
from django.utils import timezone

from eligibility.retention import apply_retention


class Command(BaseCommand):
    help = "Purge expired questionnaire drafts and anonymise requests closed past the retention period (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is due; change nothing.")

    def handle(self, *args, dry_run, **options):
        report = apply_retention(now=timezone.now(), dry_run=dry_run)
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.drafts_purged} expired draft(s) {verb} purged, "
            f"{report.requests_anonymised} closed request(s) {verb} anonymised."
        )
