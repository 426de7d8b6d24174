from django.contrib import admin

from clinic_site.models import ClinicDetails


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["name", "short_description"]}),
        (
            "Contact",
            {"fields": ["phone", "email", "address", "opening_hours", "callback_promise", "urgent_callback_promise"]},
        ),
        ("Coverage and fees", {"fields": ["states_served", "fees", "insurance_notes"]}),
    ]

    def has_add_permission(self, request):
        return not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
