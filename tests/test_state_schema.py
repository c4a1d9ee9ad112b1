"""The state database is versioned (issue 13 item 4): named columns, PRAGMA user_version,
migrations; a database written by hoagiai 0.1.0 opens and keeps its versions. Each version
records the hoagiai and rule-set versions that built it (issue 15 item 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import run_cli

from hoagiai.engine import state as state_mod
from hoagiai.engine.state import State

# the schema of hoagiai 0.1.0, copied here as it was shipped (never import it from the module)
OLD_SQL = """
CREATE TABLE versions (
  doc_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
  year INTEGER NOT NULL, month INTEGER NOT NULL, fingerprint TEXT NOT NULL, data_fp TEXT NOT NULL,
  docx TEXT NOT NULL, docx_sha TEXT NOT NULL, pdf TEXT, pdf_sha TEXT,
  cells TEXT NOT NULL, rows TEXT NOT NULL, issued INTEGER NOT NULL DEFAULT 0,
  number INTEGER, issue_date TEXT, built_at TEXT NOT NULL, change TEXT,
  PRIMARY KEY (doc_id, version)
);
CREATE TABLE register (
  year INTEGER NOT NULL, series TEXT NOT NULL, number INTEGER NOT NULL,
  doc_id TEXT NOT NULL UNIQUE, symbol TEXT NOT NULL, issue_date TEXT NOT NULL,
  PRIMARY KEY (year, series, number)
);
CREATE TABLE runs (key TEXT PRIMARY KEY, result TEXT NOT NULL, files TEXT NOT NULL);
CREATE TABLE packets (month TEXT PRIMARY KEY, path TEXT NOT NULL, fingerprint TEXT NOT NULL);
"""


def _old_database(outputs: Path) -> None:
    (outputs / ".hoagiai").mkdir(parents=True)
    db = sqlite3.connect(outputs / ".hoagiai" / "state.sqlite")
    db.executescript(OLD_SQL)
    db.execute("INSERT INTO versions VALUES ('qd-thu-lao-2026-05', 2, 'qd-thu-lao', 'Quyết định', 2026, 6, "
               "'fp', 'dfp', '/x/v2.docx', 'sha', NULL, NULL, '{\"a|b|c|d\": 1}', '{\"a|b|c\": 7}', 1, 8, "
               "'2026-06-02', '2026-06-02T10:00:00', NULL)")
    db.execute("INSERT INTO register VALUES (2026, 'chung', 8, 'qd-thu-lao-2026-05', 'QĐ-UBND', '2026-06-02')")
    db.execute("INSERT INTO runs VALUES ('k', '{}', '{}')")
    db.commit()
    db.close()


def test_a_database_written_by_version_0_is_migrated_and_keeps_its_rows(tmp_path):
    _old_database(tmp_path)
    with State(tmp_path) as st:
        assert st.db.execute("PRAGMA user_version").fetchone()[0] == state_mod.SCHEMA_VERSION
        v = st.issued("qd-thu-lao-2026-05")
        assert (v.version, v.number, v.issue_date, v.cells, v.rows) == (2, 8, "2026-06-02", {"a|b|c|d": 1},
                                                                        {"a|b|c": 7})
        assert v.hoagiai_version is None and v.rules_version is None and v.corrects is None
        assert st.legacy_register() == [{"year": 2026, "series": "chung", "number": 8,
                                         "doc_id": "qd-thu-lao-2026-05", "symbol": "QĐ-UBND",
                                         "issue_date": "2026-06-02"}]
        assert st.run("k") is None       # cached runs are dropped: the next build looks again
    with State(tmp_path) as st:          # opening again is a no-op
        assert st.issued("qd-thu-lao-2026-05").number == 8


def test_a_version_read_without_its_cells_has_everything_else(tmp_path):
    _old_database(tmp_path)
    with State(tmp_path) as st:
        full, light = st.issued("qd-thu-lao-2026-05"), st.issued("qd-thu-lao-2026-05", cells=False)
        assert (light.cells, light.rows) == ({}, {})
        assert {**vars(light), "cells": full.cells, "rows": full.rows} == vars(full)
        assert vars(st.latest("qd-thu-lao-2026-05", cells=False)) == vars(light)
        assert st.latest("khong-co", cells=False) is None


def test_a_new_database_has_the_same_shape_as_a_migrated_one(tmp_path):
    _old_database(tmp_path / "old")
    State(tmp_path / "old").close()
    State(tmp_path / "new").close()

    def shape(p: Path) -> list:
        db = sqlite3.connect(p / ".hoagiai" / "state.sqlite")
        return [(t, [c[1:3] for c in db.execute(f"PRAGMA table_info({t})")])
                for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]

    assert shape(tmp_path / "old") == shape(tmp_path / "new")


def test_a_database_from_a_newer_hoagiai_is_refused(tmp_path):
    import pytest

    from hoagiai.errors import EnvironmentFailure

    (tmp_path / ".hoagiai").mkdir()
    db = sqlite3.connect(tmp_path / ".hoagiai" / "state.sqlite")
    db.execute(f"PRAGMA user_version={state_mod.SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(EnvironmentFailure, match="mới hơn"):
        State(tmp_path)


def test_no_select_star_in_the_state_and_records_modules():
    from hoagiai import records

    for mod in (state_mod, records):
        assert "SELECT *" not in Path(mod.__file__).read_text(encoding="utf-8")


def test_status_shows_the_hoagiai_and_rule_set_versions_that_built_each_document(plan_workspace):
    from hoagiai import __version__
    from hoagiai.rulefiles.rule_set import describe

    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    rs = describe(Path(__file__).resolve().parents[1] / "rules")
    code, out = run_cli(plan_workspace, "status", "--json")
    (doc,) = [d for d in out["documents"] if d["id"] == "ke-hoach-2026"]
    assert doc["hoagiai_version"] == __version__
    assert doc["rules_version"] == f"{rs['version']}+{rs['digest']}"
    assert doc["versions"][0]["rules_version"] == doc["rules_version"]
    code, text = run_cli(plan_workspace, "status")
    assert f"{__version__} / {rs['version']}" in text


def test_the_change_record_names_an_upgrade_of_hoagiai_or_the_rules(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    db = sqlite3.connect(plan_workspace / "outputs" / ".hoagiai" / "state.sqlite")
    db.execute("UPDATE versions SET hoagiai_version='0.0.9', rules_version='2025.1+abc', fingerprint='old'")
    db.execute("DELETE FROM runs")
    db.commit()
    db.close()
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    (doc,) = [d for d in out["documents"] if d["id"] == "ke-hoach-2026"]
    text = Path(doc["change"]).read_text(encoding="utf-8")
    assert "Phần mềm hoagiai: 0.0.9 → " in text and "Bộ quy tắc: 2025.1+abc → " in text


def test_change_records_show_dates_and_keys_as_the_clerk_wrote_them():
    from hoagiai.engine.change_record import changed_cells

    old = {"vu_viec.xlsx|Vụ việc|VV-01|Ngày kết thúc": "2026-05-03",
           "ke_hoach_2026.yaml|||": {"noi_nhan": ["UBND huyện", "Lưu: VT, VP"], "nam": 2026},
           "don_vi.yaml|ten_don_vi": "An Thành"}
    new = {"vu_viec.xlsx|Vụ việc|VV-01|Ngày kết thúc": "2026-05-13",
           "ke_hoach_2026.yaml|||": {"noi_nhan": ["UBND huyện", "Lưu: VT"], "nam": 2026},
           "don_vi.yaml|ten_don_vi": "An Thạnh"}
    lines = changed_cells(old, new, {"vu_viec.xlsx|Vụ việc|VV-01": 7})
    assert lines == ["don_vi.yaml, khóa ten_don_vi: An Thành → An Thạnh",
                     "ke_hoach_2026.yaml › noi_nhan: UBND huyện, Lưu: VT, VP → UBND huyện, Lưu: VT",
                     "vu_viec.xlsx, trang Vụ việc, dòng 7, cột Ngày kết thúc: 03/05/2026 → 13/05/2026"]
    assert not any("{" in x or "[" in x or "|" in x for x in lines)


def test_a_correction_s_own_keys_are_named_in_words():
    from hoagiai.engine.change_record import changed_cells

    lines = changed_cells({"dinh-chinh|qd-thu-lao-2026-05|van-ban": ["a", "b", "c", "d"]},
                          {"dinh-chinh|qd-thu-lao-2026-05|van-ban": ["a", "b", "x", "d"]}, {})
    assert lines == ["lời văn của qd-thu-lao-2026-05 theo dữ liệu mới › mục 3: c → x"]
