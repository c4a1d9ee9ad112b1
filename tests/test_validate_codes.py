"""hoagiai.validate.codes: every finding code the validation layer emits is registered, and the
validate modules name codes through the registry, never as string literals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from hoagiai.findings import Report
from hoagiai.validate import check_tables, codes, load_rules
from hoagiai.validate.terms import check_terms
from validate_fixtures import TODAY, case, person, profile, table, valid_roster

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
VALIDATE = ROOT / "hoagiai" / "validate"
CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


def test_every_code_of_the_shipped_rule_files_is_registered_and_every_registered_one_is_used():
    in_files = {r.code for r in load_rules(RULES)}
    terms = yaml.safe_load((RULES / "thuat_ngu.yaml").read_text(encoding="utf-8"))
    in_files.add(terms["dau_thanh"]["ma"])
    assert in_files - codes.RULE_FILE_CODES == set()
    assert codes.RULE_FILE_CODES - in_files == set()       # no stale entry
    assert codes.ALL == codes.RULE_FILE_CODES | codes.PYTHON_CODES
    assert all(CODE.match(c) for c in codes.ALL | codes.UNREADABLE | {codes.MISSING_COLUMN})


def test_codes_named_by_the_kind_files_are_registered():
    named: set[str] = set()
    for path in sorted((RULES / "van_ban").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("loi_to", "khong_chan_boi"):
            named |= set(data.get(key) or [])
        named |= set(((data.get("cau") or {}).get("to_khong_dat") or {}))
    de_an = yaml.safe_load((RULES / "de_an.yaml").read_text(encoding="utf-8"))
    for target in de_an["muc_tieu"]:
        named |= set(target.get("quy_tac") or [])
    named = {n for n in named if CODE.match(n)}
    assert codes.TEAM_MIN_MEMBERS in named
    assert named - codes.ALL == set()


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and CODE.match(n.value)]


def test_validate_modules_name_codes_only_through_the_registry():
    found = {f"{p.name}:{line}: {text}" for p in sorted(VALIDATE.glob("*.py")) if p.name != "codes.py"
             for line, text in _literals(p)}
    assert found == set()
    assert {text for _, text in _literals(VALIDATE / "codes.py")} >= codes.ALL


def test_codes_emitted_on_faulty_data_are_registered():
    roster = valid_roster() + [
        person("Phạm Văn Trẻ", "Đông Phan", ngay_sinh="2012-01-01", nam_sinh=2012),   # under 18
        person("Vũ Văn Lạc", "Xóm Mới"),                                                # unknown thôn
    ]
    cases = [case("VV-1"), case("VV-1"), case("VV-3", ngay_tiep_nhan="2027-01-01"),
             case("VV-4", noi_dung="Theo Luật Hoà giải cơ sở", ghi_chu="hòa giải, hoà giải, hoà giải")]
    tables = {"hoa_giai_vien": table("hoa_giai_vien", roster), "vu_viec": table("vu_viec", cases)}
    found = check_tables(tables, profile(), load_rules(RULES), today=TODAY)
    found += check_terms(RULES, tables, {})
    emitted = {f.code for f in Report(found).findings}
    assert {"mediator-under-18", "unknown-thon", "duplicate-case-code", "future-date",
            codes.WRONG_LEGAL_NAME, codes.MIXED_TONE_PLACEMENT} <= emitted
    assert emitted - codes.ALL == set()
