"""`manage.py check --deploy` errors for a production configuration that would run, but unsafely.

Django's own deployment checks only warn about some of these; here each is an error, so that a deployment that runs
`check --deploy` (README, Production settings) stops instead of going live like that.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends that write e-mails (resume links, addresses) to files, or drop them, instead of sending them. The console
# and memory backends are refused earlier, when the settings load (clinic_site/settings.py).
UNSENT_MAIL_BACKENDS = {f"django.core.mail.backends.{name}.EmailBackend" for name in ("filebased", "dummy")}


@register(Tags.security, deploy=True)
def production_configuration(app_configs, **kwargs):
    if settings.DEBUG:
        return []  # Django's security.W018 already says debug must be off
    errors = []
    if settings.ADMIN_URL.strip("/") == "admin":
        errors.append(
            Error(
                "The staff area is at /admin/, the first address every scanner tries.",
                hint="Set DJANGO_ADMIN_URL to a path that is hard to guess, such as staff-7f3a9c/.",
                id="clinic_site.E001",
            )
        )
    if not settings.SECURE_SSL_REDIRECT:
        errors.append(
            Error(
                "Plain HTTP is not redirected to HTTPS.",
                hint="Remove DJANGO_SECURE_SSL_REDIRECT=0 (it is on by default when debug is off).",
                id="clinic_site.E002",
            )
        )
    if settings.MAILERS["default"]["BACKEND"] in UNSENT_MAIL_BACKENDS:
        errors.append(
            Error(
                "E-mail is not sent: resume links and new-request notifications would be kept or dropped here.",
                hint="Set DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and DJANGO_EMAIL_HOST.",
                id="clinic_site.E003",
            )
        )
    site = urlsplit(settings.SITE_URL)
    if site.scheme != "https" or site.hostname not in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                f"SITE_URL ({settings.SITE_URL}) is not an https:// address on one of DJANGO_ALLOWED_HOSTS.",
                hint="Canonical links and the HTTPS redirect name it: set SITE_URL=https://<your host>.",
                id="clinic_site.E004",
            )
        )
    return errors
