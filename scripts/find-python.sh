#!/usr/bin/env sh
# Print the path of a Python interpreter that Django 6.1 supports (3.12 or 3.13), preferring
# the version named in .python-version. Exit 1 with a clear message when there is none.
want=$(cat .python-version 2>/dev/null || echo 3.13)
candidates="python$want python3.13 python3.12"
if command -v pyenv >/dev/null 2>&1; then
  for v in "$want" 3.13 3.12; do
    p=$(pyenv root)/versions/$(pyenv versions --bare 2>/dev/null | grep -E "^$v(\.[0-9]+)?$" | tail -n 1)/bin/python
    [ -x "$p" ] && candidates="$candidates $p"
  done
fi
candidates="$candidates python3"
for c in $candidates; do
  if command -v "$c" >/dev/null 2>&1 || [ -x "$c" ]; then
    if "$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] in ((3, 12), (3, 13)) else 1)' 2>/dev/null; then
      command -v "$c" 2>/dev/null || echo "$c"
      exit 0
    fi
  fi
done
echo "No Python 3.12 or 3.13 found. Install Python 3.13 (for example 'pyenv install 3.13') and try again." >&2
exit 1
