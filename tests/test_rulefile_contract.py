"""The rule-file contract (docs/rule-files.md), for EVERY file under rules/ — found by globbing,
so a new rule file is covered without touching this test: a deleted required key, an unknown
key, a value of the wrong type and (in a file with texts) an unknown `{placeholder}` each stop
`validate` and `build --no-pdf` with exit 2 and a message naming the file and the key — never
"lỗi nội bộ" (exit 3), and nothing is written."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from click.testing import CliRunner

from hoagiai.cli import main

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
FILES = sorted(p.relative_to(RULES).as_posix() for p in RULES.rglob("*.yaml"))
PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
#: a file whose first key is an alternative form: deleting it leaves the other form incomplete
FIRST_KEY_NAMED = {"du_lieu/kiem_tra.yaml": "du_lieu"}
_TICK = itertools.count(1)


def test_every_rule_file_is_covered():
    assert len(FILES) >= 26 and "van_ban/qd-thu-lao.yaml" in FILES and "kiem_tra/nhom.yaml" in FILES


# --- the workspace: one copy of the demo inputs, one copy of rules/ per rule file ----------------

@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs") / "inputs"
    shutil.copytree(ROOT / "inputs", folder)
    return folder


@pytest.fixture(scope="module")
def rule_sets(tmp_path_factory) -> dict[str, Path]:
    return {}


@pytest.fixture
def workspace(request, rule_sets, tmp_path_factory) -> Path:
    name = request.param
    if name not in rule_sets:
        root = tmp_path_factory.mktemp("ws")
        shutil.copytree(RULES, root / "rules")
        rule_sets[name] = root
    return rule_sets[name]


def _write(path: Path, text: str) -> None:
    """Write and give the file a modification time of its own (caches key on it)."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    stamp = st.st_mtime_ns + next(_TICK) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _run(root: Path, inputs: Path, *args: str):
    return CliRunner().invoke(main, ["--inputs", str(inputs), "--outputs", str(root / "outputs"),
                                     "--rules", str(root / "rules"), *args], prog_name="pipeline.py")


def _refused(root: Path, inputs: Path, name: str, data: Any, key: str, commands=(("validate",),)) -> None:
    """Write the mutated `data` as rules/`name`, run each command, expect exit 2 naming file and key."""
    path = root / "rules" / name
    original = (RULES / name).read_text(encoding="utf-8")
    _write(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    try:
        for args in commands:
            res = _run(root, inputs, *args)
            text = res.output
            assert res.exit_code == 2, (args, text, res.exception)
            assert "Tệp quy tắc" in text and str(path) in text, text
            assert f"khóa `{key}`" in text, (key, text)
            assert "Traceback" not in text and "lỗi nội bộ" not in text
            assert not [p for p in (root / "outputs").rglob("*") if p.suffix in (".docx", ".pdf", ".xlsx")]
    finally:
        _write(path, original)


def _load(name: str) -> dict:
    return yaml.safe_load((RULES / name).read_text(encoding="utf-8"))


def _first_key(data: dict) -> str:
    return next(k for k in data if k != "version")


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, list, Any]]:
    """(dotted key path, container, index) of every string, depth first, in file order."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for k, v in items:
        sub = f"{path}[{k}]" if isinstance(node, list) else (f"{path}.{k}" if path else str(k))
        if isinstance(v, str):
            yield sub, node, k
        else:
            yield from _strings(v, sub)


def _with_placeholders() -> list[str]:
    return [n for n in FILES if any(PLACEHOLDER.search(c[i]) for _, c, i in _strings(_load(n)))]


# --- the four breaks, each for every file --------------------------------------------------------

@pytest.mark.parametrize("workspace", FILES, indirect=True)
def test_a_deleted_required_key_is_named(workspace, inputs, request):
    name = request.node.callspec.params["workspace"]
    data = _load(name)
    key = _first_key(data)
    del data[key]
    _refused(workspace, inputs, name, data, FIRST_KEY_NAMED.get(name, key),
             commands=(("validate",), ("build", "--no-pdf", "--month", "2026-12")))


@pytest.mark.parametrize("workspace", FILES, indirect=True)
def test_an_unknown_key_is_named(workspace, inputs, request):
    name = request.node.callspec.params["workspace"]
    data = {**_load(name), "khoa_la": "giá trị"}
    _refused(workspace, inputs, name, data, "khoa_la")


@pytest.mark.parametrize("workspace", FILES, indirect=True)
def test_a_value_of_the_wrong_type_is_named(workspace, inputs, request):
    name = request.node.callspec.params["workspace"]
    data = _load(name)
    key = _first_key(data)
    data[key] = [1, 2] if isinstance(data[key], str) else "chữ"
    _refused(workspace, inputs, name, data, key)


def _find_key(node: Any, wanted: str, path: str = "") -> tuple[str, dict] | None:
    """(dotted key path, map holding it) of the first `wanted` key, depth first."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for k, v in items:
        sub = f"{path}[{k}]" if isinstance(node, list) else (f"{path}.{k}" if path else str(k))
        if isinstance(node, dict) and k == wanted:
            return sub, node
        found = _find_key(v, wanted, sub)
        if found is not None:
            return found
    return None


DATED = [n for n in FILES if _find_key(_load(n), "hieu_luc_tu") is not None]


@pytest.mark.parametrize("workspace", DATED, indirect=True)
def test_a_date_that_is_not_a_date_is_named(workspace, inputs, request):
    """The first dated entry (`hieu_luc_tu`) of every file that has one, wherever it sits."""
    name = request.node.callspec.params["workspace"]
    data = _load(name)
    found = _find_key(data, "hieu_luc_tu")
    assert found is not None
    path, node = found
    node["hieu_luc_tu"] = "đầu năm"
    _refused(workspace, inputs, name, data, path)


@pytest.mark.parametrize("workspace", _with_placeholders(), indirect=True)
def test_an_unknown_placeholder_is_named(workspace, inputs, request):
    name = request.node.callspec.params["workspace"]
    data = _load(name)
    key, container, index = next((p, c, i) for p, c, i in _strings(data) if PLACEHOLDER.search(c[i]))
    container[index] = PLACEHOLDER.sub(lambda m: "{" + m.group(1) + "g}", container[index], count=1)
    _refused(workspace, inputs, name, data, key,
             commands=(("validate",), ("build", "--no-pdf", "--month", "2026-12")))


def test_the_checked_sets_are_what_they_should_be():
    assert {n for n in FILES if n.startswith(("van_ban/", "kiem_tra/"))} <= set(_with_placeholders())
    assert set(FILES) - set(DATED) <= {"bo_quy_tac.yaml", "du_lieu/hoa_giai_vien.yaml", "du_lieu/kiem_tra.yaml",
                                       "du_lieu/vu_viec.yaml"}


# --- the declared placeholders are the ones the code fills in ------------------------------------

def _saturated(value: Any, schema: dict) -> Any:
    """`value` with every text that declares placeholders replaced by one using all of them."""
    t = schema.get("type")
    if t == "oneof":
        want = dict if isinstance(value, dict) else str
        schema = next(o for o in schema["options"] if (o.get("type") == "map") == (want is dict))
        t = schema.get("type")
    if t == "text" and schema.get("placeholders"):
        return "".join(f"[{p}={{{p}}}]" for p in schema["placeholders"])
    if t == "map" and isinstance(value, dict):
        return {k: _saturated(v, schema.get("keys", {}).get(k) or schema.get("values") or {}) for k, v in value.items()}
    if t == "list" and isinstance(value, list):
        return [_saturated(v, schema.get("items", {})) for v in value]
    return value


def test_every_declared_placeholder_is_filled_by_the_code(tmp_path, inputs):
    """Each kind file rewritten so that every text uses every placeholder it declares: the demo
    builds (the correcting kinds, planned only from the register, are covered by their own tests)."""
    from hoagiai.rulefiles import bieu_thong_ke, van_ban

    shutil.copytree(RULES, tmp_path / "rules")
    for kind, schema in van_ban.SCHEMAS.items():
        path = tmp_path / "rules" / "van_ban" / f"{kind}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = _saturated({k: v for k, v in data.items() if k != "version"}, schema)
        path.write_text(yaml.safe_dump({"version": 1, **body}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = tmp_path / "rules" / bieu_thong_ke.FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    forms = _saturated(data["bo_bieu"], bieu_thong_ke.SCHEMA["keys"]["bo_bieu"])
    path.write_text(yaml.safe_dump({"version": 1, "bo_bieu": forms}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    kinds: set[str] = set()
    for month in ("2026-01", "2026-12"):
        res = _run(tmp_path, inputs, "build", "--no-pdf", "--json", "--month", month)
        assert res.exit_code in (0, 1), (month, res.output[-2000:], res.exception)
        kinds |= {d["kind"] for d in json.loads(res.output)["documents"] if d["state"] != "blocked"}
    assert kinds == set(van_ban.KINDS) - {"cv-dinh-chinh", "qd-sua-doi", "qd-chi-bo-sung"}


def test_the_issue_examples_renamed_dieu_2_and_a_misspelt_thang(tmp_path, inputs):
    """Issue 13: both used to end in "lỗi nội bộ… KeyError", exit 3, half-way through a build."""
    shutil.copytree(RULES, tmp_path / "rules")
    path = tmp_path / "rules" / "van_ban" / "qd-thu-lao.yaml"
    original = path.read_text(encoding="utf-8")
    _write(path, original.replace("\ndieu_2:", "\ndieu_hai:"))
    res = _run(tmp_path, inputs, "build", "--no-pdf", "--month", "2026-12")
    assert res.exit_code == 2 and (f"Tệp quy tắc {path}, khóa `dieu_2`: thiếu khóa bắt buộc (tệp có khóa lạ "
                                   f"`dieu_hai`: gõ sai tên khóa?)." in res.output), res.output
    _write(path, original.replace("trong {thang}", "trong {thangg}"))
    res = _run(tmp_path, inputs, "build", "--no-pdf", "--month", "2026-12")
    assert res.exit_code == 2 and (f"Tệp quy tắc {path}, khóa `dieu_1_mo_dau`: chỗ điền `{{thangg}}` không được "
                                   f"biết (ở khóa này có: {{cap}}, {{dia_danh}}, {{ten_don_vi}}, {{nam}}, {{thang}}, "
                                   f"{{so_vu}}, {{so_to}})." in res.output), res.output
    assert not (tmp_path / "outputs" / "2026").exists()


@pytest.mark.parametrize("name,at,named,why", [
    ("Biểu 1 / Tổ chức", 0, "Biểu 1 / Tổ chức", "có ký tự / mà bảng tính không cho phép"),
    ("Biểu 1 - Tổ chức hòa giải ở cơ sở", 0, "Biểu 1 - Tổ chức hòa giải ở cơ sở", "dài 33 ký tự, quá 31"),
    ("biểu 2 - kết quả theo thôn", 1, "Biểu 2 - Kết quả theo thôn",
     "đã dùng cho một biểu khác trong bộ biểu này"),
])
def test_a_sheet_name_a_spreadsheet_would_refuse_is_named(tmp_path, inputs, name, at, named, why):
    """The statistical workbooks are written without openpyxl: a form's `ten_trang` is checked
    with the rule file, before any document is made."""
    shutil.copytree(RULES, tmp_path / "rules")
    path = tmp_path / "rules" / "bieu_thong_ke.yaml"
    _write(path, path.read_text(encoding="utf-8").replace("ten_trang: Biểu 1 - Tổ chức", f"ten_trang: {name}", 1))
    res = _run(tmp_path, inputs, "build", "--no-pdf", "--month", "2026-12")
    assert res.exit_code == 2, res.output
    assert f"Tệp quy tắc {path}, khóa `bo_bieu[0].bieu[{at}].ten_trang`: tên trang bảng tính “{named}” {why}." \
        in res.output, res.output


# --- files the rule set does not know, references between files, the checked-set stamp ---------

@pytest.mark.parametrize("stray", ["ghi_chu.yaml", "van_ban/qd-khong-co.yaml", "kiem_tra/them.yaml"])
def test_a_file_the_rule_set_does_not_know_is_refused(tmp_path, inputs, stray):
    shutil.copytree(RULES, tmp_path / "rules")
    (tmp_path / "rules" / stray).write_text("version: 1\n", encoding="utf-8")
    res = _run(tmp_path, inputs, "validate")
    assert res.exit_code == 2, res.output
    assert str(tmp_path / "rules" / stray) in res.output and "không thuộc bộ quy tắc" in res.output


def test_a_legal_basis_id_missing_from_can_cu_is_named(tmp_path, inputs):
    shutil.copytree(RULES, tmp_path / "rules")
    path = tmp_path / "rules" / "van_ban" / "qd-thoi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("can_cu: [luat-tccqdp,", "can_cu: [luat-khong-co,"),
                    encoding="utf-8")
    res = _run(tmp_path, inputs, "build", "--no-pdf", "--month", "2026-12")
    assert res.exit_code == 2, res.output
    assert f"{path}, khóa `can_cu[0]`: căn cứ `luat-khong-co` không có trong tệp can_cu.yaml" in res.output


@pytest.mark.parametrize("name, old, key", [
    ("van_ban/qd-kien-toan.yaml", "loi_to: [team-min-members,", "loi_to[0]"),
    ("van_ban/bc-hoa-giai.yaml", "    team-needs-woman: chưa", "cau.to_khong_dat.team-needs-womann"),
    ("de_an.yaml", "quy_tac: [team-min-members,", "muc_tieu[1].quy_tac[0]"),
])
def test_a_team_rule_code_missing_from_nhom_is_named(tmp_path, inputs, name, old, key):
    """A misspelt team-rule code would silently block no decision or count no team."""
    shutil.copytree(RULES, tmp_path / "rules")
    path = tmp_path / "rules" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, old.replace("team-min-members", "team-min-member")
                                 .replace("team-needs-woman", "team-needs-womann")), encoding="utf-8")
    res = _run(tmp_path, inputs, "validate")
    assert res.exit_code == 2, res.output
    assert f"{path}, khóa `{key}`: mã quy tắc" in res.output and "không có trong tệp kiem_tra/nhom.yaml" in res.output


def test_a_checked_rule_set_is_not_read_again_until_a_file_changes(tmp_path, inputs):
    """After a build, a build with nothing to do imports neither the YAML parser nor pandas; an
    edited rule file is checked again (and refused when broken)."""
    shutil.copytree(RULES, tmp_path / "rules")
    assert _run(tmp_path, inputs, "build", "--no-pdf", "--month", "2026-12").exit_code == 0
    args = ["--inputs", str(inputs), "--outputs", str(tmp_path / "outputs"), "--rules", str(tmp_path / "rules"),
            "build", "--no-pdf", "--month", "2026-12"]
    code = ("import sys\nfrom hoagiai.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
            "    print('exit', e.code, sorted(m for m in ('yaml', 'pandas') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip().endswith("exit 0 []"), proc.stdout + proc.stderr
    path = tmp_path / "rules" / "van_ban" / "qd-thu-lao.yaml"
    _write(path, path.read_text(encoding="utf-8").replace("{thang}", "{thangg}"))
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip() == "exit 2 ['yaml']", proc.stdout + proc.stderr
    assert "khóa `tieu_de`: chỗ điền `{thangg}` không được biết" in proc.stderr
