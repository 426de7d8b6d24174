from django.core.cache import cache
from django.db import models

from clinic_site import page_cache

_CACHE_KEY = "clinic-details"


class ClinicDetails(models.Model):
    """The clinic's public details: one record, edited in the admin, shown on every page."""

    name = models.CharField(max_length=120, default="Harbor Light Ketamine Clinic")
    short_description = models.CharField(
        max_length=300,
        default="Ketamine treatment for depression that has not improved with other care, "
        "given with careful medical monitoring.",
    )
    phone = models.CharField(max_length=40, default="(555) 010-4200")
    email = models.EmailField(default="care@example.org")
    address = models.TextField(default="200 Harbor Street, Suite 310\nPortland, ME 04101")
    opening_hours = models.TextField(
        default="Monday to Friday, 8 am to 6 pm\nSaturday, 9 am to 1 pm\nClosed on Sundays and public holidays"
    )
    states_served = models.CharField(
        max_length=300,
        default="Maine, New Hampshire, Massachusetts",
        help_text="Comma-separated list of the states where our clinicians are licensed.",
    )
    fees = models.TextField(
        default="Ask us for our current fee schedule. We give you a written estimate before treatment starts."
    )
    insurance_notes = models.TextField(
        default="Most insurers do not pay for ketamine infusions, because this use is off-label. "
        "Some plans cover esketamine nasal spray (Spravato). We can give you the paperwork to "
        "ask your insurer about repayment."
    )
    callback_promise = models.CharField(
        max_length=200,
        default="We call you back within one business day.",
        help_text="When a clinician will contact someone who asks for help.",
    )
    urgent_callback_promise = models.CharField(
        max_length=200,
        default="A clinician will call you today. If you send this after 5 pm or at a weekend, "
        "we will call you on the next business day.",
        help_text="Shown when a questionnaire answer needs a same-day safety call.",
    )

    class Meta:
        verbose_name = "clinic details"
        verbose_name_plural = "clinic details"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(_CACHE_KEY)
        page_cache.invalidate_on_commit()  # every page shows the details; after the line above, not before

    @classmethod
    def load(cls) -> "ClinicDetails":
        """The single record, from the cache when possible; created with defaults on first use."""
        details = cache.get(_CACHE_KEY)
        if details is None:
            details, _ = cls.objects.get_or_create(pk=1)
            cache.set(_CACHE_KEY, details, 300)
        return details

    @property
    def states(self) -> list[str]:
        return [state.strip() for state in self.states_served.split(",") if state.strip()]

    @property
    def phone_href(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}"
