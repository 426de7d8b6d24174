"""Questionnaires for clinical staff, read-only.

A questionnaire started without a consultation request has no other staff page until it is sent, so this is where
the urgent alert links, and where staff find the number given in the crisis panel. Every opening, search and history
page is audited (AuditedRecordsMixin).
"""

from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from clinic_site.models import ClinicDetails
from eligibility.admin_audit import AuditedRecordsMixin
from eligibility.call_promise import CRISIS_PANEL, for_staff
from eligibility.clinician_review import clinician_review
from eligibility.models import Questionnaire
from eligibility.record_language import staff_note


@admin.register(Questionnaire)
class QuestionnaireAdmin(AuditedRecordsMixin, admin.ModelAdmin):
    list_display = ["reference", "urgent", "status", "language_note", "created_at", "last_activity_at", "submitted_at"]
    list_select_related = ["request"]
    list_filter = ["urgent", "status", "language"]
    search_fields = ["reference", "request__reference"]  # a patient quotes the request's: it finds this too
    search_help_text = "Search by the questionnaire's reference or its consultation request's."
    ordering = ["-urgent", "-last_activity_at"]
    fields = [
        "reference", "urgent", "call_promised", "language_note", "status", "created_at", "last_activity_at",
        "submitted_at", "consultation_request", "phone_numbers", "answers",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Language", ordering="language")
    def language_note(self, questionnaire):
        preferred = questionnaire.request.language if questionnaire.request_id else questionnaire.language
        return staff_note(preferred=preferred, answered=questionnaire.language)

    @admin.display(description="Call promised")
    def call_promised(self, questionnaire):
        return for_staff(questionnaire, clinic=ClinicDetails.load())

    @admin.display(description="Consultation request")
    def consultation_request(self, questionnaire):
        if questionnaire.request_id is None:
            return "None yet: it is made when the questionnaire is sent. Until then this is the only reference."
        url = reverse("admin:eligibility_consultationrequest_change", args=[questionnaire.request_id])
        return format_html('<a href="{}">{}</a>', url, questionnaire.request.reference)

    @admin.display(description="Phone numbers to call")
    def phone_numbers(self, questionnaire):
        answers = questionnaire.answers
        numbers = [
            ("Given in the crisis panel", answers.get(CRISIS_PANEL, {}).get("phone")),
            ("Given in the contact step", answers.get("contact", {}).get("phone")),
            ("On the consultation request", questionnaire.request.phone if questionnaire.request_id else None),
        ]
        given = [(label, number, number) for label, number in numbers if number]
        if not given:
            return "No phone number given yet."
        return format_html_join(mark_safe("<br>"), '{}: <a href="tel:{}">{}</a>', given)

    @admin.display(description="Answers")
    def answers(self, questionnaire):
        return render_to_string("admin/eligibility/questionnaire_review.html", clinician_review(questionnaire))
