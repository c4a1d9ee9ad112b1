"""The load layer's finding codes live in hoagiai.load.codes: every place in hoagiai/load that
makes a finding names a registered constant, no code is written as a string there, every code is
documented in the package docstring, and what the loader emits on messy inputs is registered."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from load_fixtures import HGV_HEADERS, SPECS, VV_HEADERS, grid, hgv, load, vv, write_csv, write_xlsx

import hoagiai.load
from hoagiai import findings
from hoagiai.load import codes

LOAD = Path(hoagiai.load.__file__).parent
#: the calls whose first argument is a finding code
MAKERS = {"finding", "Problem", "_problem"}


def _sources():
    for path in sorted(LOAD.glob("*.py")):
        if path.name not in ("codes.py", "__init__.py"):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def test_every_finding_made_in_the_loader_names_a_registered_constant():
    made = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in MAKERS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name) \
                        and first.value.id == "codes":
                    assert isinstance(getattr(codes, first.attr, None), str), f"{path.name}:{node.lineno}"
                    made.append(getattr(codes, first.attr))
                else:   # a pattern's own code (from the rule file) or a Problem passed on
                    assert not isinstance(first, ast.Constant), f"{path.name}:{node.lineno}: {first.value!r}"
    assert set(made) == codes.ALL - {codes.PATTERN_MISMATCH}   # that one is the patterns' default


def test_no_code_is_spelled_out_in_the_loader():
    spelled = [(path.name, node.lineno, node.value) for path, tree in _sources() for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and node.value in codes.ALL]
    assert spelled == []


def test_the_registry_is_documented_and_covers_the_unavailable_codes():
    assert len(codes.ALL) == 27
    missing = sorted(c for c in codes.ALL if c not in hoagiai.load.__doc__)
    assert missing == []
    assert findings.UNAVAILABLE <= codes.ALL and codes.REFUSED <= findings.UNAVAILABLE


def test_what_the_loader_emits_on_messy_inputs_is_registered(tmp_path):
    pattern_codes = {p.code for spec in SPECS.values() for col in spec.columns
                     for p in (col.pattern, *col.pattern_exceptions) if p is not None}
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS + ["Ho va ten"], [
        hgv(ngay_sinh="31/02/1970"), hgv(gioi_tinh="Nu"), hgv(ho_ten=None), hgv(ngay_cong_nhan="05/03/26"),
        hgv(nam_boi_duong="hai nghìn"), hgv(so_cccd=31170000123), hgv(so_cccd="031170")])})
    write_csv(tmp_path / "vu_viec.csv", grid(VV_HEADERS, [vv(ngay_tiep_nhan="hôm qua"), vv(ket_qua="Xong")]),
              encoding="cp1258")
    emitted: set[str] = set()
    for dataset in ("hoa_giai_vien", "vu_viec", "kiem_tra"):
        _, found = load(tmp_path, dataset, today=dt.date(2026, 6, 1))
        emitted |= {f.code for f in found}
    assert emitted - codes.ALL - pattern_codes == set()
    assert {codes.INVALID_DATE, codes.INVALID_ENUM, codes.REQUIRED_MISSING, codes.AMBIGUOUS_DATE,
            codes.INVALID_NUMBER, codes.CSV_LEGACY_ENCODING, codes.MISSING_FILE} <= emitted
