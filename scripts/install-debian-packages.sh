#!/usr/bin/env sh
# Usage: install-debian-packages.sh WHAT PACKAGE... -- installs the Debian packages as root or through passwordless
# sudo, saying "Installing WHAT...". Exits 3 without trying when neither is allowed (the caller then says how to
# install them); otherwise with apt-get's status.
what="$1"
shift
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  exit 3
fi
echo "Installing $what..."
export DEBIAN_FRONTEND=noninteractive
($SUDO apt-get install -y -q "$@" || ($SUDO apt-get update -q && $SUDO apt-get install -y -q "$@")) >/dev/null
