import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from eligibility.models import OutgoingEmail
from eligibility.services import send_pending_emails
from eligibility.urgent import notify_abandoned_urgent_drafts

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send the e-mails in the outbox. Once: every unsent one (after a mail outage, or every few minutes from a "
        "timer). With --watch: the outbox sender, which runs beside the web server and sends new e-mails within "
        "seconds, and failed ones again after 1, 2, 4 … minutes. Each round first alerts staff to urgent "
        "questionnaires left part-way with a phone number."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--watch", type=float, metavar="SECONDS", help="Keep running, looking for e-mails every SECONDS."
        )

    def handle(self, *args, watch=None, **options):
        if watch is None:
            notify_abandoned_urgent_drafts(now=timezone.now())
            sent = send_pending_emails()
            waiting = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
            self.stdout.write(f"sent: {sent}, still waiting: {waiting}")
            return
        stop = threading.Event()
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signal_number, lambda *_: stop.set())
        while not stop.is_set():
            self._send_once()
            stop.wait(watch)

    def _send_once(self) -> None:
        close_old_connections()  # a connection the database dropped is replaced, as at the start of a web request
        try:
            notify_abandoned_urgent_drafts(now=timezone.now())
            send_pending_emails(only_due=True)
        except DatabaseError as error:  # the database is down: the e-mails wait in the outbox until it is back
            logger.warning("Outbox sender: database unavailable (%s); trying again shortly", type(error).__name__)
