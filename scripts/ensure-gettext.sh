#!/usr/bin/env sh
# GNU gettext's msgfmt turns locale/*/LC_MESSAGES/django.po into the .mo files Django reads (`compilemessages`).
# Install Debian's gettext when it is missing and we are allowed to; otherwise say how, and fail.
command -v msgfmt >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "The Spanish pages need GNU gettext (msgfmt). Install it with: sudo apt-get install -y gettext" >&2
  exit 1
fi
echo "Installing Debian's gettext (msgfmt) for the translations..."
export DEBIAN_FRONTEND=noninteractive
($SUDO apt-get install -y -q gettext || ($SUDO apt-get update -q && $SUDO apt-get install -y -q gettext)) >/dev/null
