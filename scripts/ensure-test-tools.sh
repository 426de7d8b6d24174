#!/usr/bin/env sh
# Debian packages the tests drive: chromium at /usr/bin/chromium for the browser tests (nothing may download a
# browser) and nginx for the tests of the shipped proxy configuration. Install what is missing when we are allowed
# to; otherwise say so (those tests are then reported as skipped, which .ci/run treats as a failure).
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
[ -z "$missing" ] && exit 0
# shellcheck disable=SC2086
"$(dirname "$0")/install-debian-packages.sh" "Debian packages for the tests:$missing" $missing
if [ "$?" = 3 ]; then
  echo "WARNING: missing Debian packages:$missing; their tests will be skipped. Install them with: sudo apt-get install -y$missing" >&2
fi
exit 0
