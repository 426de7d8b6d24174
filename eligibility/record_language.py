"""The language a person used, kept on their record: we write to them in it, and staff are told it in English.

The page's language comes from its address (/es/ is Spanish), so a record takes the language of the page the
person sent it from. The outbox sends later, outside any request: every e-mail to the person is built with
`translation.override(record.language)`, every e-mail to staff in English (`staff_language`).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info


def page_language() -> str:
    """The code of the language the current page is in (one of settings.LANGUAGES); English outside a request."""
    return translation.get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)


def staff_language():
    """E-mails and pages for staff are in English, whatever page the person was on when they were made."""
    return translation.override(settings.LANGUAGE_CODE)


def language_name(code: str) -> str:
    """The language's English name ("Spanish"), for staff."""
    return get_language_info(code)["name"]


def staff_note(*, preferred: str, answered: str | None = None) -> str:
    """ "Answered in Spanish — prefers Spanish" (or "Sent in …" before there are answers), for the admin."""
    verb, used = ("Answered", answered) if answered else ("Sent", preferred)
    return f"{verb} in {language_name(used)} — prefers {language_name(preferred)}"


def preference_sentence(code: str) -> str:
    """For staff e-mails: nothing for English, else "The person prefers Spanish." so the call is made in it."""
    if code == settings.LANGUAGE_CODE:
        return ""
    return f"The person prefers {language_name(code)}."
