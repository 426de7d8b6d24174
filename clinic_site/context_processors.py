import logging

from django.db import DatabaseError, InterfaceError

from clinic_site.models import ClinicDetails

logger = logging.getLogger(__name__)


def clinic(request):
    """The clinic's details on every page; pages still render (without them) if the database is down."""
    try:
        return {"clinic": ClinicDetails.load()}
    except (DatabaseError, InterfaceError):
        logger.warning("Clinic details unavailable: the database did not answer.")
        return {"clinic": None}
