from django.core.management.base import BaseCommand

from eligibility.models import OutgoingEmail
from eligibility.services import send_pending_emails


class Command(BaseCommand):
    help = "Retry e-mails that have not been sent yet (run every few minutes from cron or a timer)."

    def handle(self, *args, **options):
        sent = send_pending_emails()
        waiting = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(f"sent: {sent}, still waiting: {waiting}")
