#!/usr/bin/env bash
# CI: installed use (CONTRACT §6). Build the wheel (through the sdist), install it into a fresh
# virtual environment with its dependencies, then from a temporary folder far from this
# repository: `hoagiai init` + `validate`, and `build --no-pdf` of the demo inputs — exit 0 and
# at least 20 documents, built with the rule set packaged in the wheel.
#   bash scripts/ci_wheel.sh            (PYTHON=… to choose the interpreter; KEEP=1 keeps the folder)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$REPO/.venv/bin/python}
[ -x "$PY" ] || PY=python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hoagiai-wheel.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$TMP"' EXIT
say() { printf '[ci_wheel] %s\n' "$*" >&2; }
fail() { say "THẤT BẠI: $*"; exit 1; }

say "Dựng sdist và wheel"
"$PY" -m build --outdir "$TMP/dist" "$REPO" >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; fail "python -m build"; }
WHEEL=$(ls "$TMP"/dist/hoagiai-*.whl)

say "Cài $(basename "$WHEEL") vào môi trường ảo mới"
"$PY" -m venv "$TMP/venv"
V="$TMP/venv/bin"
"$V/python" -m pip install --disable-pip-version-check "$WHEEL" >"$TMP/pip.log" 2>&1 \
  || { tail -n 30 "$TMP/pip.log"; fail "pip install"; }

# run from a folder outside the repository, with nothing of it on the path
mkdir -p "$TMP/work" && cd "$TMP/work"
unset PYTHONPATH
export PYTHONUTF8=1

say "hoagiai init + validate (không gian làm việc mới)"
"$V/hoagiai" init xa-moi >/dev/null
# a fresh workspace names what is left to fill (the profile's sample values, the plan's places):
# exit 1 with only those findings; once filled, validate accepts it (exit 0)
set +e
(cd xa-moi && "$V/hoagiai" validate --json >../validate-new.json)
code=$?
set -e
[ "$code" = 1 ] || fail "validate của không gian làm việc mới chưa điền (mã thoát $code, cần 1)"
"$V/python" -c '
import json
from pathlib import Path
found = {f["code"] for f in json.loads(Path("validate-new.json").read_text(encoding="utf-8"))["findings"]}
left = found - {"profile-placeholder", "plan-placeholder", "team-missing", "rule-illustrative"}
assert "profile-placeholder" in found and not left, found
' || fail "các phát hiện của không gian làm việc mới"
cp "$REPO/inputs/don_vi.yaml" xa-moi/inputs/don_vi.yaml    # the clerk fills the profile …
rm -f xa-moi/inputs/ke_hoach_*.yaml                         # … and has no plan yet
(cd xa-moi && "$V/hoagiai" validate --json >../validate-filled.json) || fail "validate của không gian làm việc đã điền"

say "hoagiai build --no-pdf trên bản sao dữ liệu mẫu"
cp -r "$REPO/inputs" demo-inputs
"$V/python" -m hoagiai --inputs demo-inputs --outputs demo-outputs validate --json >validate-demo.json \
  || fail "validate dữ liệu mẫu"
"$V/hoagiai" --inputs demo-inputs --outputs demo-outputs build --month 2026-12 --no-pdf --json >build.json \
  || fail "build dữ liệu mẫu"
"$V/hoagiai" --inputs demo-inputs --outputs demo-outputs status --json >status.json || fail "status"

"$V/python" - "$TMP/venv" <<'EOF'
import json, sys
from pathlib import Path

venv = Path(sys.argv[1]).resolve()
build = json.loads(Path("build.json").read_text(encoding="utf-8"))
docs = [d for d in build["documents"] if d.get("docx") and Path(d["docx"]).is_file()]
assert len(docs) >= 20, f"only {len(docs)} documents built"
for name in ("validate-new.json", "validate-filled.json", "validate-demo.json", "status.json"):
    rules = json.loads(Path(name).read_text(encoding="utf-8"))["rules"]
    path = Path(rules["path"])
    assert venv in path.parents and path.parts[-2:] == ("_data", "rules"), (name, rules)
    assert rules["version"], (name, rules)
print(f"[ci_wheel] {len(docs)} văn bản; bộ quy tắc {rules['version']} tại {rules['path']}", file=sys.stderr)
EOF
say "Xong."
