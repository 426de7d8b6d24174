from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class ClinicSiteConfig(AppConfig):
    name = "clinic_site"
    verbose_name = "Clinic"

    def ready(self):
        from django.core.signals import request_started

        from clinic_site import checks, page_cache, security_events  # noqa: F401 (registers the checks and receivers)
        from clinic_site.languages import start_in_the_addresss_language

        page_cache.connect()
        request_started.connect(start_in_the_addresss_language, dispatch_uid="languages.start_in_the_addresss_language")


class ClinicAdminConfig(AdminConfig):
    """The Django admin, served by our site class: staff sign in with a password and a second factor."""

    default_site = "clinic_site.admin_site.ClinicAdminSite"
