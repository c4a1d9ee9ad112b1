"""The validation rule files themselves: the shipped ones load; malformed ones are refused
with RuleFileError naming the file and the key (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoagiai.errors import RuleFileError
from hoagiai.validate import load_rules
from hoagiai.validate.ruleset import KINDS, load_rule_file

ROOT = Path(__file__).resolve().parents[1]

GOOD = """version: 1
quy_tac:
  - code: team-min-members
    muc_do: error
    kieu: min_count
    bang: hoa_giai_vien
    tham_so: {nhom_theo: thon, toi_thieu: 3}
    thong_bao: "Tổ hòa giải thôn {nhom} chỉ có {so} hòa giải viên; cần ít nhất {toi_thieu}."
    can_cu: "Luật Hòa giải ở cơ sở 2013, Điều 12 khoản 1"
    nguon: "Luật Hòa giải ở cơ sở số 35/2013/QH13"
    hieu_luc_tu: 2014-01-01
"""


def write(tmp_path, text):
    p = tmp_path / "nhom.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def refused(tmp_path, text, **kw) -> RuleFileError:
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path, **kw)
    assert info.value.exit_code == 2
    assert info.value.path == str(path)
    return info.value


def test_shipped_rules_load_and_cite_their_basis():
    from hoagiai.load.spec import load_specs
    columns = {name: set(spec.keys) for name, spec in load_specs(ROOT / "rules").items()}
    rules = load_rules(ROOT / "rules", columns=columns)
    codes = {r.code for r in rules}
    assert {"date-order", "pending-with-end-date", "late-start", "missing-mediation-ground",
            "duplicate-case-code", "future-date", "stop-before-recognition", "mediator-under-18",
            "cccd-mismatch", "mediator-in-two-teams", "team-min-members", "team-needs-woman",
            "team-leader-count", "team-needs-ethnic-minority", "team-missing", "unknown-thon",
            "unknown-mediator", "mediator-not-active", "inspection-head-count"} <= codes
    assert all(r.basis and r.source and r.valid_from for r in rules)


def test_good_file_loads(tmp_path):
    [rule] = load_rule_file(write(tmp_path, GOOD))
    assert (rule.code, rule.kind, rule.params["toi_thieu"]) == ("team-min-members", "min_count", 3)


def test_bad_severity_names_the_key(tmp_path):
    err = refused(tmp_path, GOOD.replace("muc_do: error", "muc_do: fatal"))
    assert err.key == "quy_tac[0].muc_do"


def test_missing_basis_names_the_key(tmp_path):
    err = refused(tmp_path, GOOD.replace('    can_cu: "Luật Hòa giải ở cơ sở 2013, Điều 12 khoản 1"\n', ""))
    assert err.key == "quy_tac[0].can_cu"


def test_unknown_kind_is_refused(tmp_path):
    err = refused(tmp_path, GOOD.replace("kieu: min_count", "kieu: at_least_three"))
    assert err.key == "quy_tac[0].kieu" and "at_least_three" in err.problem


def test_misspelt_parameter_is_refused(tmp_path):
    err = refused(tmp_path, GOOD.replace("toi_thieu: 3}", "toi_thieu: 3, toi_thieuu: 4}"))
    assert err.key == "quy_tac[0].tham_so.toi_thieuu"


def test_threshold_of_the_wrong_type_is_refused(tmp_path):
    err = refused(tmp_path, GOOD.replace("toi_thieu: 3}", "toi_thieu: ba}"))
    assert err.key == "quy_tac[0].tham_so.toi_thieu"


def test_placeholder_the_kind_cannot_fill_is_refused(tmp_path):
    err = refused(tmp_path, GOOD.replace("cần ít nhất {toi_thieu}", "cần ít nhất {toi_da}"))
    assert err.key == "quy_tac[0].thong_bao" and "toi_da" in err.problem


def test_unknown_column_is_refused_when_columns_are_known(tmp_path):
    err = refused(tmp_path, GOOD.replace("nhom_theo: thon", "nhom_theo: thonn"),
                  columns={"hoa_giai_vien": {"thon", "ho_ten"}})
    assert err.key == "quy_tac[0].tham_so.nhom_theo"


def test_bad_dataset_and_reversed_dates_are_refused(tmp_path):
    assert refused(tmp_path, GOOD.replace("bang: hoa_giai_vien", "bang: hgv")).key == "quy_tac[0].bang"
    err = refused(tmp_path, GOOD + "    hieu_luc_den: 2010-01-01\n")
    assert err.key == "quy_tac[0].hieu_luc_den"


def test_broken_yaml_and_wrong_version_are_refused(tmp_path):
    assert refused(tmp_path, GOOD.replace("version: 1", "version: 2")).key == "version"
    assert "YAML" in refused(tmp_path, GOOD + "  - code: [unclosed\n").problem


def test_missing_rule_file_is_a_rule_file_error(tmp_path):
    with pytest.raises(RuleFileError):
        load_rules(tmp_path)


def test_every_kind_has_a_parameter_schema_and_placeholders():
    for kind in KINDS.values():
        assert kind.params["type"] == "map" and "cot" in kind.placeholders
