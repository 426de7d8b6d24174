import datetime
import zoneinfo
from functools import lru_cache, partial
from operator import attrgetter

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language

from clinic_site.opening_hours import WEEKDAYS, OpeningHours, call_time, describe, parse_dates

_CACHE_KEY = "clinic-details"


def valid_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(f"{name!r} is not a time zone name. Use one like America/New_York.")


def _time(day: str, edge: str, hour: int | None) -> models.TimeField:
    """One edge of one day's hours; both left empty when the clinic is closed that day."""
    default = None if hour is None else datetime.time(hour)
    return models.TimeField(f"{day} {edge}", null=True, blank=True, default=default)


# Texts a patient reads, each with a Spanish version shown on Spanish pages (LocalizedClinic).
TRANSLATED_FIELDS = ("short_description", "fees", "insurance_notes", "callback_promise")
_SPANISH_HELP = "Shown on Spanish pages. Left empty, those pages show the English text."


def _tel(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


class ClinicDetails(models.Model):
    """The clinic's public details: one record, edited in the admin, shown on every page."""

    name = models.CharField(max_length=120, default="Harbor Light Ketamine Clinic")
    short_description = models.CharField(
        max_length=300,
        default="Ketamine treatment for depression that has not improved with other care, "
        "given with careful medical monitoring.",
    )
    short_description_es = models.CharField(
        "short description in Spanish",
        max_length=300,
        blank=True,
        default="Tratamiento con ketamina para la depresión que no ha mejorado con otros tratamientos, con un "
        "cuidadoso control médico.",
        help_text=_SPANISH_HELP,
    )
    phone = models.CharField(max_length=40, default="(555) 010-4200")
    interpreter_phone = models.CharField(
        "interpreter phone line",
        max_length=40,
        blank=True,
        help_text="The number a patient calls for a free interpreter, shown on the language help page. Leave it "
        "empty if there is none: the page then tells people to call the main number and ask for one.",
    )
    email = models.EmailField(default="care@example.org")
    address = models.TextField(default="200 Harbor Street, Suite 310\nPortland, ME 04101")
    # Opening hours: the footer's text and the call time promised after an urgent answer are both made from these.
    monday_opens, monday_closes = _time("Monday", "opens", 8), _time("Monday", "closes", 18)
    tuesday_opens, tuesday_closes = _time("Tuesday", "opens", 8), _time("Tuesday", "closes", 18)
    wednesday_opens, wednesday_closes = _time("Wednesday", "opens", 8), _time("Wednesday", "closes", 18)
    thursday_opens, thursday_closes = _time("Thursday", "opens", 8), _time("Thursday", "closes", 18)
    friday_opens, friday_closes = _time("Friday", "opens", 8), _time("Friday", "closes", 18)
    saturday_opens, saturday_closes = _time("Saturday", "opens", 9), _time("Saturday", "closes", 13)
    sunday_opens, sunday_closes = _time("Sunday", "opens", None), _time("Sunday", "closes", None)
    closed_on_federal_holidays = models.BooleanField(
        "closed on US federal holidays", default=True, help_text="Including the day a holiday is observed."
    )
    extra_closed_dates = models.TextField(
        blank=True,
        help_text="Other days the clinic is closed (a training day, a holiday of our own), one a line, written like "
        "2026-12-24. No urgent call is promised on them. Past dates can be left or removed.",
    )
    time_zone = models.CharField(
        max_length=60,
        default="America/New_York",
        validators=[valid_time_zone],
        help_text="The clinic's time zone, like America/New_York. Opening hours and call times are in it.",
    )
    states_served = models.CharField(
        max_length=300,
        default="Maine, New Hampshire, Massachusetts",
        help_text="Comma-separated list of the states where our clinicians are licensed.",
    )
    fees = models.TextField(
        default="Ask us for our current fee schedule. We give you a written estimate before treatment starts."
    )
    fees_es = models.TextField(
        "fees in Spanish",
        blank=True,
        default="Pídanos nuestra lista de precios actual. Le damos un presupuesto por escrito antes de empezar el "
        "tratamiento.",
        help_text=_SPANISH_HELP,
    )
    insurance_notes = models.TextField(
        default="Most insurers do not pay for ketamine infusions, because this use is off-label. "
        "Some plans cover esketamine nasal spray (Spravato). We can give you the paperwork to "
        "ask your insurer about repayment."
    )
    insurance_notes_es = models.TextField(
        "insurance notes in Spanish",
        blank=True,
        default="La mayoría de los seguros médicos no pagan las infusiones de ketamina, porque este es un uso fuera "
        'de lo aprobado ("off-label"). Algunos planes cubren la esketamina en aerosol nasal (Spravato). Podemos '
        "darle los documentos para pedirle a su seguro médico que le devuelva el dinero.",
        help_text=_SPANISH_HELP,
    )
    callback_promise = models.CharField(
        max_length=200,
        default="We will contact you within one business day.",
        help_text="When we contact someone who sends a consultation request. It must be true for every contact "
        "method (phone, text or email). Urgent answers get a call time worked out from the opening hours instead.",
    )
    callback_promise_es = models.CharField(
        "callback promise in Spanish",
        max_length=200,
        blank=True,
        default="Nos comunicaremos con usted en un plazo de un día hábil.",
        help_text="The same promise, for people who write to us in Spanish. " + _SPANISH_HELP,
    )

    class Meta:
        verbose_name = "clinic details"
        verbose_name_plural = "clinic details"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        with transaction.atomic():
            # Forgotten again once committed (another request may have read the old row meanwhile), and before the
            # cached pages are (page_cache.PUBLIC_MODELS, same commit): a page rendered in between has the new details.
            transaction.on_commit(partial(cache.delete, _CACHE_KEY))
            super().save(*args, **kwargs)
        cache.delete(_CACHE_KEY)  # and at once, for what this request shows next

    @classmethod
    def load(cls) -> "ClinicDetails":
        """The single record, from the cache when possible; created with defaults on first use."""
        details = cache.get(_CACHE_KEY)
        if details is None:
            details, _ = cls.objects.get_or_create(pk=1)
            cache.set(_CACHE_KEY, details, 300)
        return details

    @classmethod
    def for_request(cls, request) -> "ClinicDetails":
        """load(), once per request: a view and the page it renders (the context processor) ask the cache once."""
        if not hasattr(request, "clinic_details"):
            request.clinic_details = cls.load()
        return request.clinic_details

    def localized(self) -> "LocalizedClinic":
        """These details as a page or e-mail shows them: each text in the language active when it is read."""
        return LocalizedClinic(self)

    @property
    def field_values(self) -> tuple:
        """Every field's value: two records with the same values show the same on any page."""
        return _field_values(self)

    @property
    def states(self) -> list[str]:
        return [state.strip() for state in self.states_served.split(",") if state.strip()]

    @property
    def phone_href(self) -> str:
        return _tel(self.phone)

    @property
    def interpreter_phone_href(self) -> str:
        return _tel(self.interpreter_phone)

    def clean(self):
        for day in WEEKDAYS:
            opens, closes = self._period(day)
            if (opens is None) != (closes is None):
                raise ValidationError(f"Give both times for {day}, or leave both empty if the clinic is closed.")
            if opens is not None and opens >= closes:
                raise ValidationError(f"On {day} the clinic must open before it closes.")
        _, not_dates = parse_dates(self.extra_closed_dates)
        if not_dates:
            raise ValidationError({"extra_closed_dates": f"Write each date like 2026-12-24. Not a date: "
                                                         f"{', '.join(not_dates)}."})  # fmt: skip
        if all(self._period(day)[0] is None for day in WEEKDAYS):
            raise ValidationError("Give the opening hours of at least one day: urgent call times are worked out "
                                  "from them.")  # fmt: skip

    def _period(self, day: str) -> tuple[datetime.time | None, datetime.time | None]:
        return getattr(self, f"{day.lower()}_opens"), getattr(self, f"{day.lower()}_closes")

    @property
    def hours(self) -> OpeningHours:
        periods = (self._period(day) for day in WEEKDAYS)
        return OpeningHours(
            week=tuple(None if None in period else period for period in periods),
            zone=zoneinfo.ZoneInfo(self.time_zone),
            closed_on_federal_holidays=self.closed_on_federal_holidays,
            closed_dates=parse_dates(self.extra_closed_dates)[0],
        )

    @property
    def opening_hours(self) -> str:
        """The hours in words, one line each, made from the structured hours so the two never disagree; in the active
        language."""
        return _hours_in_words(self.hours, get_language())

    @property
    def urgent_call_time(self) -> str:
        """For "If you give us your number, a clinician will call you …": the time as it would be promised now. Once
        a number is given, the promise made then is stored with the record (eligibility/call_promise.py)."""
        return call_time(timezone.now(), self.hours)


_field_values = attrgetter(*(field.attname for field in ClinicDetails._meta.concrete_fields))


@lru_cache(maxsize=32)
def _hours_in_words(hours: OpeningHours, language: str) -> str:
    """The same lines on every page (the footer): worked out once per set of hours and language, the language being
    part of the key."""
    return "\n".join(describe(hours))


class LocalizedClinic:
    """Clinic details for reading, not saving: `callback_promise` and the other TRANSLATED_FIELDS give the Spanish text
    while Spanish is the active language (a Spanish page, an e-mail sent in Spanish) and it is filled in; everything
    else is the record's own. The language is read at each access, so one object serves both halves of a bilingual
    page."""

    def __init__(self, details: ClinicDetails):
        self._details = details

    def __getattr__(self, name):
        if name in TRANSLATED_FIELDS and get_language() == "es":
            spanish = getattr(self._details, f"{name}_es")
            if spanish.strip():
                return spanish
        return getattr(self._details, name)

    def __str__(self):
        return str(self._details)
