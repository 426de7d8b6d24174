"""The audit trail: called explicitly by the admin and services (no signals), so the path is easy to follow."""

from eligibility.models import AuditEntry


def client_address(http_request) -> str | None:
    return http_request.META.get("REMOTE_ADDR") or None


def record_access(*, actor, action: str, reference: str, http_request, detail: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor, action=action, record=reference, detail=detail[:300], ip_address=client_address(http_request)
    )


def record_system_action(*, action: str, reference: str, detail: str = "") -> AuditEntry:
    """An entry for a scheduled job (no user, no address); the admin shows its actor as "system"."""
    return AuditEntry.objects.create(actor=None, action=action, record=reference, detail=detail[:300])
