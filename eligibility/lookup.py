"""Reference codes and keyed lookup hashes: find a request without storing contact details in plain text."""

import hashlib
import hmac
import secrets

import phonenumbers
from django.conf import settings

# No 0/O, 1/I/L: easy to read out over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 10  # 31**10 ≈ 8e14: not guessable, not sequential


_BASE = len(REFERENCE_ALPHABET)
_CODES = _BASE**REFERENCE_LENGTH


def new_reference() -> str:
    """One random number below 31**10 written in REFERENCE_ALPHABET: every code as likely as with a random letter
    for each place, in one draw instead of ten (each request and questionnaire saved makes one)."""
    number = secrets.randbelow(_CODES)
    code = ""
    for _ in range(REFERENCE_LENGTH):
        number, place = divmod(number, _BASE)
        code += REFERENCE_ALPHABET[place]
    return f"{code[:5]}-{code[5:]}"


def normalise_email(email: str) -> str:
    return email.strip().lower()


# Gmail ignores dots in the name and delivers googlemail.com to the same inbox.
GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def inbox(email: str) -> str:
    """One inbox however its address is spelled, for limits on what is sent to it: name+anything@example.com is
    name@example.com, and n.a.m.e+x@googlemail.com is name@gmail.com."""
    local, _, domain = normalise_email(email).rpartition("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def normalise_phone(phone: str) -> str:
    """E.164 (+12075550123) however it was typed; digits only if it is not a phone number at all."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(phone, "US"), phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in phone if ch.isdigit())


def lookup_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised value; the same input always gives the same hash, the key keeps it private."""
    return hmac.new(settings.LOOKUP_HASH_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def email_hash(email: str) -> str:
    return lookup_hash("email:" + normalise_email(email))


def phone_hash(phone: str) -> str:
    return lookup_hash("phone:" + normalise_phone(phone))


def search_hash(term: str) -> str:
    """What the audit trail keeps of a staff search: the keyed hash of the term, never the term itself."""
    return lookup_hash("search:" + term.strip().lower())
