"""The audit trail: called explicitly by the admin and services (no signals), so the path is easy to follow."""

from clinic_site.client_ip import client_ip
from clinic_site.security_events import log_event
from eligibility.models import AuditEntry


def client_address(http_request) -> str | None:
    """The address the audit trail records for a staff member's request (views pass it on; services never see it)."""
    return client_ip(http_request) or None


def record_access(*, actor, action: str, reference: str, address: str | None, detail: str = "") -> AuditEntry:
    """Audit one staff action; anything beyond viewing (exports, erasures, changes) is also a security event."""
    if action != AuditEntry.Action.VIEWED:
        log_event(f"record_{action}", address=address, user_id=actor.pk, record=reference)
    return AuditEntry.objects.create(
        actor=actor, action=action, record=reference, detail=detail[:300], ip_address=address
    )


def record_system_action(*, action: str, reference: str, detail: str = "") -> AuditEntry:
    """An entry for a scheduled job (no user, no address); the admin shows its actor as "system"."""
    return AuditEntry.objects.create(actor=None, action=action, record=reference, detail=detail[:300])
