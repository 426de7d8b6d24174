"""Resume e-mails already in the outbox lose the token their body was stored with: the link is now made as the
e-mail is sent (eligibility/resume_links.py), so the database never holds a working one."""

import re

from django.db import migrations

STORED_LINK = re.compile(r"\S*/eligibility/resume/[\w-]+/")
# The text of eligibility.resume_links.LINK_PLACEHOLDER when this migration was written.
LINK_PLACEHOLDER = "[the link is added as this e-mail is sent, and never stored]"
SENT_LINK = "[link removed once sent]"


def forget_stored_tokens(apps, schema_editor):
    OutgoingEmail = apps.get_model("eligibility", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(kind="resume_link"):
        email.body = STORED_LINK.sub(SENT_LINK if email.sent_at else LINK_PLACEHOLDER, email.body)
        email.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0009_call_promise"),
    ]

    operations = [migrations.RunPython(forget_stored_tokens, migrations.RunPython.noop)]
