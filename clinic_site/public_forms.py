"""Protection shared by every public form: a per-address rate limit and a honeypot field."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

# A field people never see (hidden by the stylesheet) that form-filling robots tend to fill in.
HONEYPOT_FIELD = "website"


def _public_post_rate(group, request):
    return settings.RATELIMIT_PUBLIC_POST


def protected_form(view):
    """Limit POSTs per address (over the limit: the 429 page) and refuse a filled-in honeypot (400 page)."""

    @ratelimit(key="ip", rate=_public_post_rate, method="POST", group="public-forms", block=True)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
            return render(request, "400.html", status=400)
        return view(request, *args, **kwargs)

    return wrapper
