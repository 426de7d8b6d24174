from django.contrib import admin

from eligibility.lookup import email_hash, phone_hash
from eligibility.models import ConsultationRequest, OutgoingEmail


class OutgoingEmailInline(admin.TabularInline):
    model = OutgoingEmail
    fields = ["kind", "subject", "attempts", "last_error", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    list_display = ["reference", "received_at", "state", "urgent", "status", "assigned_to"]
    list_filter = ["status", "urgent", "state", "received_at"]
    search_fields = ["reference"]
    search_help_text = "Search by reference, full email address or phone number."
    readonly_fields = [
        "reference", "received_at", "state", "name", "email", "phone", "preferred_contact", "preferred_time",
        "message",
    ]  # fmt: skip
    fields = [*readonly_fields, "status", "urgent", "assigned_to"]
    inlines = [OutgoingEmailInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        """Contact details are encrypted: match the keyed hash of an exact e-mail or phone, or the reference."""
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = queryset.filter(reference__iexact=term)
        matches |= queryset.filter(email_lookup=email_hash(term))
        matches |= queryset.filter(phone_lookup=phone_hash(term))
        return matches, False
