"""The visitor's address, for lock-outs, rate limits and the audit log."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the header our own proxy sets (CLIENT_IP_HEADER). In a list, the proxy's entry is the last."""
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()
