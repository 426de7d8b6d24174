#!/bin/sh
# Runs a web server (the command given) with the outbox sender beside it, and stops the sender when the server
# stops. Requests only queue their e-mails; the sender delivers them within seconds (docs/operations.md).
set -u
.venv/bin/python manage.py send_pending_emails --watch 5 &
sender=$!
trap 'kill "$sender" 2>/dev/null; wait "$sender" 2>/dev/null' EXIT
trap 'exit 130' INT TERM
"$@"
