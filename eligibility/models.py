import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedEmailField, EncryptedTextField

from eligibility.lookup import email_hash, new_reference, phone_hash
from eligibility.record_language import language_name


def language_choices() -> list[tuple[str, str]]:
    """The site's languages, named in English: staff read the admin in English ("Spanish", not "Español")."""
    return [(code, language_name(code)) for code, _local_name in settings.LANGUAGES]


def language_field(verbose_name: str) -> models.CharField:
    return models.CharField(
        verbose_name, max_length=8, choices=language_choices, default="en", db_index=True, editable=False
    )


class ConsultationRequest(models.Model):
    """A person asking us to contact them. Contact details are encrypted; only triage fields are plain."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Consultation scheduled"
        NOT_CANDIDATE = "not_candidate", "Not a candidate"
        CLOSED = "closed", "Closed"

    # Stored as codes: the labels are in the patient's language on the form, in English in the admin.
    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("Email")

    class ContactTime(models.TextChoices):
        MORNING = "morning", _("Morning (8 am to noon)")
        AFTERNOON = "afternoon", _("Afternoon (noon to 5 pm)")
        EVENING = "evening", _("Early evening (5 pm to 7 pm)")
        ANY = "any", _("Any time")

    # Triage fields, plain text.
    reference = models.CharField(max_length=11, unique=True, default=new_reference, editable=False)
    received_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    state = models.CharField("state of residence", max_length=60)
    urgent = models.BooleanField(default=False, db_index=True)
    # The language of the form the person last sent us (this request, or later its questionnaire): we reply in it.
    language = language_field("preferred language")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.UUIDField(unique=True, editable=False, help_text="Makes a re-sent form create one record.")

    # Contact details, encrypted at rest.
    name = EncryptedCharField(max_length=120)
    email = EncryptedEmailField(max_length=254)
    phone = EncryptedCharField(max_length=40)
    preferred_contact = EncryptedCharField(max_length=10, choices=ContactMethod.choices)
    preferred_time = EncryptedCharField(max_length=10, choices=ContactTime.choices)
    message = EncryptedTextField(blank=True, null=True)  # the library stores an empty value as NULL

    # Keyed hashes so staff can search by e-mail or phone.
    email_lookup = models.CharField(max_length=64, editable=False, db_index=True)
    phone_lookup = models.CharField(max_length=64, editable=False, db_index=True)

    # Set when the personal data was removed (retention policy or erasure on request); the triage fields remain.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-urgent", "received_at"]
        permissions = [
            ("export_consultationrequest", "Can export consultation requests as CSV"),
            ("export_personal_data", "Can export everything held about one person as JSON"),
            ("erase_personal_data", "Can erase one person's personal data"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.anonymised_at is None:  # an anonymised record keeps no lookup hashes
            self.email_lookup = email_hash(self.email)
            self.phone_lookup = phone_hash(self.phone)
        super().save(*args, **kwargs)


def draft_expiry():
    return timezone.now() + datetime.timedelta(days=settings.QUESTIONNAIRE_DRAFT_DAYS)


class Questionnaire(models.Model):
    """The treatment-history questionnaire: a server-side draft until submitted. Answers are encrypted."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    reference = models.CharField(max_length=11, unique=True, default=new_reference, editable=False)
    request = models.OneToOneField(
        ConsultationRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="questionnaire"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # One encrypted JSON document, so that neither the questions answered nor the answers show in the database.
    answers_json = EncryptedTextField(default="{}")
    # The e-mailed link to continue: only a hash of its token, when it stops working, and whether it was used.
    resume_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    resume_token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    resume_token_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Sessions holding the draft keep a copy; opening a resume link moves it on, which shuts every other session out.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(default=draft_expiry)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Triage fields, plain text.
    urgent = models.BooleanField(default=False, db_index=True)
    urgent_notified = models.BooleanField(default=False, editable=False)
    # The language of the pages the answers were given on (the last one saved): its e-mails and resume link use it.
    language = language_field("answered in")
    # The call promised once the record is urgent and has a number, stored so that every page, e-mail and staff view
    # repeats what the person was told (eligibility/call_promise.py). `call_opens_at`: the call waits for opening.
    call_due_by = models.DateTimeField("call promised by", null=True, blank=True, editable=False)
    call_opens_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last save: an urgent draft with a phone number and no save for a while alerts staff once more (urgent.py).
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    abandoned_notified = models.BooleanField(default=False, editable=False)
    phq9_total = models.PositiveSmallIntegerField(null=True, blank=True)
    phq9_band = models.CharField(max_length=30, blank=True)
    outcome = models.CharField(max_length=20, blank=True, db_index=True)

    class Meta:
        ordering = ["-urgent", "created_at"]

    def __str__(self):
        return self.reference

    @property
    def answers(self) -> dict:
        return json.loads(self.answers_json or "{}")

    @answers.setter
    def answers(self, value: dict) -> None:
        self.answers_json = json.dumps(value, cls=DjangoJSONEncoder)


class OutgoingEmail(models.Model):
    """An e-mail waiting to be sent, or sent. Saved first, so a mail failure never loses a request."""

    class Kind(models.TextChoices):
        PATIENT_CONFIRMATION = "patient_confirmation", "Confirmation to the patient"
        CLINIC_NOTIFICATION = "clinic_notification", "New request notification to the clinic"
        URGENT_NOTIFICATION = "urgent_notification", "URGENT safety notification to the clinic"
        RESUME_LINK = "resume_link", "Questionnaire resume link to the patient"

    request = models.ForeignKey(
        ConsultationRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    recipient = EncryptedEmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.request or self.questionnaire}"


class StatusChange(models.Model):
    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ConsultationRequest.Status.choices)
    to_status = models.CharField(max_length=20, choices=ConsultationRequest.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class StaffNote(models.Model):
    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text = EncryptedTextField()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Note by {self.author} at {self.created_at:%Y-%m-%d %H:%M}"


class AuditEntry(models.Model):
    """Who looked at or changed which record, when and from where. Written once, never changed."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        SEARCHED = "searched", "Found by a search"
        CHANGED = "changed", "Changed"
        EXPORTED = "exported", "Exported"
        EXPORTED_PERSONAL_DATA = "personal_data_export", "Exported personal data"
        ERASED = "erased", "Erased personal data"
        ANONYMISED = "anonymised", "Anonymised (retention)"
        PURGED = "purged", "Purged draft (retention)"

    # Empty for scheduled jobs such as the retention policy, which act for nobody in particular.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    record = models.CharField("record reference", max_length=40, db_index=True)
    detail = models.CharField(max_length=300, blank=True, help_text="What was done; never health data.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.actor_name} {self.action} {self.record}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted.")

    @property
    def actor_name(self) -> str:
        return str(self.actor) if self.actor_id else "system"
