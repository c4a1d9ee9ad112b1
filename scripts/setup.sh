#!/usr/bin/env bash
# Set up hoagiai on a fresh Debian/Ubuntu machine: a virtual environment with every Python
# dependency, and LibreOffice + fonts for PDFs (installed with apt-get when run as root;
# otherwise a clear message). Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[hoagiai] %s\n' "$*" >&2; }

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  say "Cần Python 3.11 trở lên (đang có: $("$PY" --version 2>&1 || echo 'không có'))."
  exit 2
fi

need_apt=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
# Calc: the tests re-save workbooks as .ods/.xls the way a clerk's LibreOffice does (tests/fixtures)
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need_apt+=(libreoffice-calc-nogui)
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need_apt+=(fonts-liberation2)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
# python3-uno lets hoagiai keep LibreOffice warm (much faster PDFs); without it PDFs go in batches
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || need_apt+=(python3-uno)
# jemalloc: LibreOffice runs with it preloaded when present, an eighth less CPU per PDF
# (hoagiai/convert/lo_malloc.py); without it PDFs are the same, only slower
compgen -G '/usr/lib/*/libjemalloc.so.2' >/dev/null || [ -e /usr/lib/libjemalloc.so.2 ] || need_apt+=(libjemalloc2)
"$PY" -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Cài đặt: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    say "Thiếu: ${need_apt[*]}. Hãy chạy với quyền root (sudo bash scripts/setup.sh) hoặc nhờ quản trị cài:"
    say "  sudo apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils python3-uno libjemalloc2"
    say "Không có LibreOffice thì vẫn dựng được DOCX; PDF sẽ được bỏ qua kèm thông báo."
  fi
fi

if [ ! -x .venv/bin/python ]; then
  say "Tạo môi trường ảo .venv"
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
say "Cài thư viện Python (pyproject.toml)"
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,web]'
# PyICU gives ICU's Vietnamese collation; it compiles against libicu-dev. Without it the
# pure-Python fallback gives the same order on our tests, so a failure here is not fatal.
if ! .venv/bin/python -c 'import icu' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && ! dpkg -s libicu-dev >/dev/null 2>&1; then
    apt-get install -y -qq --no-install-recommends libicu-dev pkg-config >/dev/null 2>&1 || true
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check 'PyICU>=2.10' >/dev/null 2>&1 \
    || say "Không cài được PyICU; dùng cách sắp xếp tên thuần Python (cùng kết quả)."
fi
say "Sẵn sàng."
