#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine — the README's second Quick start
# command, and what CI runs (.ci/run): set up (scripts/setup.sh), add Debian's Chromium for the
# web app's browser tests (Playwright drives it; its own browser download is never used), then
# every check: lint (ruff and mypy, configured in pyproject.toml), the templates, the wheel
# installed outside the repository, the process tests under `spawn` (the start method of
# Windows and macOS), and the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "[hoagiai] Thiếu Chromium cho kiểm thử trình duyệt: sudo apt-get install chromium" >&2
    exit 2
  fi
fi
.venv/bin/ruff check
.venv/bin/mypy
.venv/bin/python pipeline.py check-templates
export HOAGIAI_NO_SKIP=1   # everything is installed now: a skipped test fails (tests/no_skip.py)
bash scripts/ci_wheel.sh
HOAGIAI_MP_START=spawn .venv/bin/python -m pytest -q -p no:cacheprovider \
  tests/test_multi.py tests/test_load_files.py tests/test_oscompat.py
.venv/bin/python -m pytest -q -p no:cacheprovider   # last: its summary closes the output
