#!/usr/bin/env sh
# Browser tests drive Debian's Chromium at /usr/bin/chromium (nothing may download a browser).
# Install it when it is missing and we are allowed to; otherwise say so (the browser tests will
# then be reported as skipped, which .ci/run treats as a failure).
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)) >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  (sudo apt-get install -y -q chromium || (sudo apt-get update -q && sudo apt-get install -y -q chromium)) >/dev/null
fi
[ -x /usr/bin/chromium ] || echo "WARNING: /usr/bin/chromium is missing; browser tests will be skipped. Install it with: sudo apt-get install -y chromium" >&2
exit 0
