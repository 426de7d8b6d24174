from django.contrib import admin

from clinic_site.models import ClinicDetails
from clinic_site.opening_hours import WEEKDAYS


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["name", "short_description", "short_description_es"]}),
        (
            "Contact",
            {"fields": ["phone", "interpreter_phone", "email", "address", "callback_promise", "callback_promise_es"]},
        ),
        (
            "Opening hours",
            {
                "description": "Leave both times empty on a day the clinic is closed. The hours shown on the site, "
                "and the time we tell someone a clinician will call after an urgent answer, are made from these.",
                "fields": [
                    *[(f"{day.lower()}_opens", f"{day.lower()}_closes") for day in WEEKDAYS],
                    "closed_on_federal_holidays",
                    "extra_closed_dates",
                    "time_zone",
                    "opening_hours",
                ],
            },
        ),
        (
            "Coverage and fees",
            {"fields": ["states_served", "fees", "fees_es", "insurance_notes", "insurance_notes_es"]},
        ),
    ]
    readonly_fields = ["opening_hours"]

    def has_add_permission(self, request):
        return not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
