#!/usr/bin/env sh
# GNU gettext's msgfmt turns locale/*/LC_MESSAGES/django.po into the .mo files Django reads (`compilemessages`).
# Install Debian's gettext when it is missing and we are allowed to; otherwise say how, and fail.
command -v msgfmt >/dev/null 2>&1 && exit 0
"$(dirname "$0")/install-debian-packages.sh" "Debian's gettext (msgfmt) for the translations" gettext
status=$?
if [ "$status" = 3 ]; then
  echo "The Spanish pages need GNU gettext (msgfmt). Install it with: sudo apt-get install -y gettext" >&2
  exit 1
fi
exit "$status"
