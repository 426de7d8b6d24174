"""The visitor's address, for lock-outs, rate limits and the audit log.

Only headers our own proxies set can be trusted: CLIENT_IP_HEADERS names them, outermost proxy first (a CDN's header,
such as HTTP_CF_CONNECTING_IP, then nginx's HTTP_X_REAL_IP). The first one present that holds an address wins;
without any, the address that connected (REMOTE_ADDR). Behind a proxy, REMOTE_ADDR is the proxy's, the same for
everyone: a limit or lock-out per address would then catch every visitor at once.
"""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    """The address in a header value; in a list (X-Forwarded-For), the last entry, which our proxy added."""
    candidate = value.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def client_ip(request) -> str:
    for header in settings.CLIENT_IP_HEADERS:
        address = _address(request.META.get(header, ""))
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")
