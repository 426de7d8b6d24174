"""Records and form posts for tests, built the way the application stores and receives them."""

import uuid

from eligibility.models import ConsultationRequest

CONSULTATION_URL = "/consultation/"


def make_request(**fields) -> ConsultationRequest:
    """A consultation request from Sam Lee in Maine; any field can be overridden."""
    defaults = {
        "name": "Sam Lee", "email": "sam@example.com", "phone": "+12075550199", "preferred_contact": "phone",
        "preferred_time": "any", "state": "Maine", "submission_key": uuid.uuid4(),
    }  # fmt: skip
    return ConsultationRequest.objects.create(**{**defaults, **fields})


def valid(**changes) -> dict:
    """What a person fills in on the consultation form; any field can be changed, or left out with None."""
    data = {
        "name": "Jordan Rivers",
        "email": "jordan@example.com",
        "phone": "(207) 555-0123",
        "preferred_contact": "phone",
        "preferred_time": "morning",
        "state": "Maine",
        "is_adult": "on",
        "message": "I have tried three antidepressants.",
        "consent_contact": "on",
        "privacy_ack": "on",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
