import csv
import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone

from clinic_site.models import ClinicDetails
from eligibility import questionnaire_admin, retention  # noqa: F401 (questionnaire_admin registers itself)
from eligibility.admin_audit import AuditedRecordsMixin
from eligibility.audit import client_address, record_access
from eligibility.call_promise import for_staff
from eligibility.clinician_review import clinician_review
from eligibility.forms import without_control_characters
from eligibility.lookup import email_hash, phone_hash
from eligibility.models import AuditEntry, ConsultationRequest, OutgoingEmail, Questionnaire, StaffNote, StatusChange
from eligibility.personal_data import personal_data
from eligibility.record_language import staff_note
from eligibility.services import assign, change_status, clear_urgent

Status = ConsultationRequest.Status
NEEDS_ACTION = [Status.NEW, Status.CONTACTED]
EXPORT_COLUMNS = ["reference", "received_at", "state", "urgent", "status"]


def _download(*, content_type: str, filename: str) -> HttpResponse:
    """An attachment that no browser or proxy keeps a copy of."""
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class NeedsActionFilter(admin.SimpleListFilter):
    """Opens on what needs action (new or contacted); "All" shows everything."""

    title = "view"
    parameter_name = "view"

    def lookups(self, request, model_admin):
        return [("all", "All requests")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Needs action",
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": "All requests",
        }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status__in=NEEDS_ACTION)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OutgoingEmailInline(ReadOnlyInline):
    model = OutgoingEmail
    fields = ["kind", "subject", "attempts", "last_error", "sent_at"]
    readonly_fields = fields
    verbose_name_plural = "e-mails (unsent ones are retried)"


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["changed_at", "changed_by", "from_status", "to_status"]
    readonly_fields = fields
    verbose_name_plural = "status history"


class StaffNoteForm(forms.ModelForm):
    class Meta:
        model = StaffNote
        fields = ["text"]

    def clean_text(self):
        text = without_control_characters(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError("Write the note, or leave the box empty")
        return text


class StaffNoteInline(admin.StackedInline):
    model = StaffNote
    form = StaffNoteForm
    fields = ["created_at", "author", "text"]
    readonly_fields = ["created_at", "author"]
    extra = 1
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False  # notes are added, never rewritten


def _status_action(status, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        changed = sum(
            change_status(record=record, to_status=status, by=request.user, address=client_address(request))
            for record in queryset
        )
        modeladmin.message_user(
            request, f"{changed} request(s) marked {Status(status).label.lower()}.", messages.SUCCESS
        )

    action.__name__ = f"mark_{status}"
    return action


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(AuditedRecordsMixin, admin.ModelAdmin):
    list_display = [
        "reference", "received_at", "state", "questionnaire__outcome", "urgent", "questionnaire__phq9_band", "status",
        "assigned_to", "language_note",
    ]  # fmt: skip
    list_select_related = ["questionnaire", "assigned_to"]
    list_filter = [NeedsActionFilter, "status", "questionnaire__outcome", "urgent", "language", "state", "received_at"]
    search_fields = ["reference"]
    search_help_text = "Search by reference (the request's or its questionnaire's), full email address or phone number."
    ordering = ["-urgent", "received_at"]
    # Everything is read-only: status, urgency and assignment change only through the actions (services, audited);
    # notes are added below.
    readonly_fields = [
        "reference", "questionnaire_reference", "received_at", "state", "status", "urgent", "call_promised",
        "language_note", "assigned_to", "name", "email", "phone", "preferred_contact", "preferred_time", "message",
        "questionnaire_review",
    ]  # fmt: skip
    request_fields = [
        "reference", "questionnaire_reference", "received_at", "state", "status", "urgent", "call_promised",
        "language_note", "assigned_to",
    ]  # fmt: skip
    fieldsets = [
        ("Request", {"fields": request_fields}),
        ("Contact details", {"fields": ["name", "email", "phone", "preferred_contact", "preferred_time"]}),
        ("Message from the person", {"fields": ["message"]}),
        ("Questionnaire", {"fields": ["questionnaire_review"]}),
    ]
    inlines = [StaffNoteInline, StatusChangeInline, OutgoingEmailInline]
    actions = [
        "assign_to_me",
        "clear_urgent_flag",
        _status_action(Status.CONTACTED, "Mark contacted"),
        _status_action(Status.SCHEDULED, "Mark consultation scheduled"),
        _status_action(Status.NOT_CANDIDATE, "Mark not a candidate"),
        _status_action(Status.CLOSED, "Mark closed"),
        "export_csv",
        "export_personal_data",
        "erase_personal_data",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Questionnaire reference")
    def questionnaire_reference(self, record):
        questionnaire = Questionnaire.objects.filter(request=record).first()
        return questionnaire.reference if questionnaire else "No questionnaire yet."

    @admin.display(description="Language", ordering="language")
    def language_note(self, record):
        questionnaire = getattr(record, "questionnaire", None)
        answered = questionnaire.language if questionnaire and questionnaire.submitted_at else None
        return staff_note(preferred=record.language, answered=answered)

    @admin.display(description="Call promised")
    def call_promised(self, record):
        questionnaire = Questionnaire.objects.filter(request=record).first()
        if questionnaire is None:
            return "None: no questionnaire yet."
        return for_staff(questionnaire, clinic=ClinicDetails.load())

    @admin.display(description="Answers")
    def questionnaire_review(self, record):
        questionnaire = Questionnaire.objects.filter(request=record).first()
        if questionnaire is None:
            return "No questionnaire yet."
        return render_to_string("admin/eligibility/questionnaire_review.html", clinician_review(questionnaire))

    def get_search_results(self, request, queryset, search_term):
        """Contact details are encrypted: match the keyed hash of an exact e-mail or phone, or the reference."""
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = queryset.filter(reference__iexact=term) | queryset.filter(questionnaire__reference__iexact=term)
        matches |= queryset.filter(email_lookup=email_hash(term))
        matches |= queryset.filter(phone_lookup=phone_hash(term))
        return matches, False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.changed_data:
            record_access(
                actor=request.user,
                action=AuditEntry.Action.CHANGED,
                reference=obj.reference,
                address=client_address(request),
                detail="changed: " + ", ".join(form.changed_data),
            )

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            note.author = request.user
            note.save()
            record_access(
                actor=request.user,
                action=AuditEntry.Action.CHANGED,
                reference=form.instance.reference,
                address=client_address(request),
                detail="note added",
            )
        formset.save_m2m()

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        for record in queryset:
            assign(record=record, to_user=request.user, by=request.user, address=client_address(request))
        self.message_user(request, f"{queryset.count()} request(s) assigned to you.", messages.SUCCESS)

    @admin.action(description="Clear the urgent flag (one request, after the safety follow-up)", permissions=["change"])
    def clear_urgent_flag(self, request, queryset):
        record = self._only_one(request, queryset, why="an urgent flag is cleared one person at a time")
        if record is None:
            return
        if clear_urgent(record=record, by=request.user, address=client_address(request)):
            self.message_user(request, f"{record.reference} is no longer marked urgent.", messages.SUCCESS)
        else:
            self.message_user(request, f"{record.reference} was not marked urgent.", messages.WARNING)

    @admin.action(description="Export the selected requests as CSV (triage fields only)", permissions=["export"])
    def export_csv(self, request, queryset):
        response = _download(content_type="text/csv", filename=f"requests-{timezone.localdate()}.csv")
        writer = csv.writer(response)
        writer.writerow(EXPORT_COLUMNS)
        for record in queryset:
            writer.writerow([getattr(record, column) for column in EXPORT_COLUMNS])
            record_access(
                actor=request.user,
                action=AuditEntry.Action.EXPORTED,
                reference=record.reference,
                address=client_address(request),
            )
        return response

    def has_export_permission(self, request):
        return request.user.has_perm("eligibility.export_consultationrequest")

    def _only_one(self, request, queryset, *, why="personal data is handled one person at a time"):
        """Personal data is exported or erased, and an urgent flag cleared, for one person at a time."""
        if queryset.count() == 1:
            return queryset.get()
        self.message_user(request, f"Select exactly one request: {why}.", messages.ERROR)
        return None

    @admin.action(description="Export everything held about this person (JSON)", permissions=["export_personal_data"])
    def export_personal_data(self, request, queryset):
        record = self._only_one(request, queryset)
        if record is None:
            return None
        response = _download(content_type="application/json", filename=f"personal-data-{record.reference}.json")
        json.dump(personal_data(record), response, cls=DjangoJSONEncoder, indent=2)
        record_access(
            actor=request.user,
            action=AuditEntry.Action.EXPORTED_PERSONAL_DATA,
            reference=record.reference,
            address=client_address(request),
        )
        return response

    def has_export_personal_data_permission(self, request):
        return request.user.has_perm("eligibility.export_personal_data")

    @admin.action(description="Erase this person's personal data…", permissions=["erase_personal_data"])
    def erase_personal_data(self, request, queryset):
        """Like Django's delete action: a confirmation page first, the erasure only when it is posted back."""
        record = self._only_one(request, queryset)
        if record is None:
            return None
        if record.anonymised_at is not None:
            self.message_user(request, f"{record.reference} holds no personal data any more.", messages.WARNING)
            return None
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": f"Erase the personal data of {record.reference}?",
                "record": record,
                "opts": self.opts,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media,
            }
            return TemplateResponse(request, "admin/eligibility/consultationrequest/erase_confirmation.html", context)
        retention.erase_personal_data(record=record, by=request.user, address=client_address(request))
        self.message_user(
            request,
            f"The personal data of {record.reference} is erased; its triage statistics and audit trail remain.",
            messages.SUCCESS,
        )
        return None

    def has_erase_personal_data_permission(self, request):
        return request.user.has_perm("eligibility.erase_personal_data")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "by", "action", "record", "detail", "ip_address"]
    list_select_related = ["actor"]
    list_filter = ["action", "at"]
    search_fields = ["record"]

    @admin.display(description="by", ordering="actor")
    def by(self, entry):
        return entry.actor_name

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
