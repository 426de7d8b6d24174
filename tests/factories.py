"""Records for tests, built the way the application stores them."""

import uuid

from eligibility.models import ConsultationRequest


def make_request(**fields) -> ConsultationRequest:
    """A consultation request from Sam Lee in Maine; any field can be overridden."""
    defaults = {
        "name": "Sam Lee", "email": "sam@example.com", "phone": "+12075550199", "preferred_contact": "phone",
        "preferred_time": "any", "state": "Maine", "submission_key": uuid.uuid4(),
    }  # fmt: skip
    return ConsultationRequest.objects.create(**{**defaults, **fields})
