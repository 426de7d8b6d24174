import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError

from clinic_site.models import ClinicDetails

logger = logging.getLogger(__name__)


def clinic(request):
    """The clinic's details on every page; pages still render (without them) if the database is down.

    Its texts are in the page's language (ClinicDetails.localized).
    `site_url` starts canonical links: from settings, since the Host header is whatever the sender chose.
    """
    try:
        details = ClinicDetails.for_request(request).localized()
    except (DatabaseError, InterfaceError):
        logger.warning("Clinic details unavailable: the database did not answer.")
        details = None
    return {"clinic": details, "site_url": settings.SITE_URL}
