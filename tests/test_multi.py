"""Many units in one workspace: unit-by-unit build, one unit's bad data blocks only that unit,
the roll-up workbook (totals = column sums, success rate from the sums), the JSON shape, safe
unit folder names — and a single-unit workspace built exactly as before."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench import synth
from hoagiai import rollup
from hoagiai.engine import BuildOptions
from hoagiai.documents.base import Month
from hoagiai.errors import ConfigError
from hoagiai.engine.multi import build_all, check_unit_name, rollup_json
from hoagiai.workspace import Workspace

from conftest import run_cli

MONTH = "2026-11"


def _quiet(event, data):
    pass


def _city(tmp_path: Path, n: int = 3) -> Path:
    for i in range(1, n + 1):
        synth.commune(tmp_path / "inputs" / f"xa-{i:02d}", seed=100 + i)
    return tmp_path


def _break_roster(unit: Path) -> None:
    """Give one mediator an impossible sex: an error on that roster row."""
    path = unit / "hoa_giai_vien.xlsx"
    wb = load_workbook(path)
    ws = wb.active
    col = [c.value for c in ws[1]].index("Giới tính") + 1
    ws.cell(2, col).value = "Không rõ"
    wb.save(path)


def _opts(**kw) -> BuildOptions:
    return BuildOptions(month=Month.parse(MONTH), pdf=False, today=dt.date(2026, 11, 27), **kw)


# ---------------------------------------------------------------- multi-unit build
def test_three_units_one_with_bad_data_blocks_only_that_unit(tmp_path):
    ws_dir = _city(tmp_path)
    _break_roster(ws_dir / "inputs" / "xa-02")
    ws = Workspace.make(ws_dir / "inputs", ws_dir / "outputs")
    results = build_all(ws, _opts(jobs=2), _quiet)

    assert [r.unit for r in results] == ["xa-01", "xa-02", "xa-03"]
    by_unit = {r.unit: r.to_dict() for r in results}
    bad = by_unit["xa-02"]
    assert bad["counts"]["error"] >= 1
    assert any(d["state"] == "blocked" for d in bad["documents"])
    for unit in ("xa-01", "xa-03"):
        d = by_unit[unit]
        assert d["counts"]["error"] == 0
        assert not any(d_["state"] == "blocked" for d_ in d["documents"])
        assert any(d_["state"] == "built" for d_ in d["documents"])
    # the bad unit still builds what does not read the bad row
    assert any(d["state"] == "built" for d in bad["documents"])
    good_code = max(r.exit_code for r in results if r.unit != "xa-02")
    assert good_code != 1
    # 1 (blocked); 3 would dominate only while some kind's template is still missing everywhere
    assert next(r for r in results if r.unit == "xa-02").exit_code == max(1, good_code)
    # each unit's documents land in its own folder
    for unit, d in by_unit.items():
        for doc in d["documents"]:
            if doc["docx"]:
                assert f"/{unit}/" in doc["docx"].replace("\\", "/")
    assert (ws_dir / "outputs" / f"tong-hop-{MONTH}.xlsx").is_file()


def test_build_json_of_a_multi_unit_workspace(tmp_path):
    ws_dir = _city(tmp_path, 2)
    code, out = run_cli(ws_dir, "build", "--month", MONTH, "--no-pdf", "--jobs", "1", "--json")
    assert code in (0, 3)   # 3 only while a kind's template is still missing
    assert set(out) == {"month", "units", "rollup", "counts"}
    assert out["month"] == MONTH
    assert [u["unit"] for u in out["units"]] == ["xa-01", "xa-02"]
    for u in out["units"]:
        assert {"month", "documents", "packet", "counts", "unit"} <= set(u)
    assert out["counts"] == {"error": sum(u["counts"]["error"] for u in out["units"]),
                             "warning": sum(u["counts"]["warning"] for u in out["units"])}
    assert out["rollup"].endswith(f"tong-hop-{MONTH}.xlsx")
    rows = rollup.read_rollup(Path(out["rollup"]) if Path(out["rollup"]).is_absolute()
                              else Path.cwd() / out["rollup"])
    assert [r["thu_muc"] for r in rows] == ["xa-01", "xa-02", None]
    assert rows[-1]["don_vi"] == "Tổng cộng"


def test_rebuild_is_a_no_op_per_unit(tmp_path):
    ws_dir = _city(tmp_path, 2)
    ws = Workspace.make(ws_dir / "inputs", ws_dir / "outputs")
    build_all(ws, _opts(jobs=1), _quiet)
    again = build_all(ws, _opts(jobs=2), _quiet)
    states = {d["state"] for r in again for d in r.to_dict()["documents"]}
    assert "built" not in states


def test_single_unit_workspace_is_built_as_before(plan_workspace):
    code, out = run_cli(plan_workspace, "build", "--month", "2026-05", "--doc", "ke-hoach",
                        "--no-pdf", "--json")
    assert code == 0
    assert "units" not in out and "rollup" not in out
    assert [d["id"] for d in out["documents"]] == ["ke-hoach-2026"]
    assert (plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx").is_file()
    assert not list((plan_workspace / "outputs").glob("tong-hop-*.xlsx"))


# ---------------------------------------------------------------- safe folder names
@pytest.mark.parametrize("name", [".an", "..", "a\nb", " xa", "xa ", "a\\b", ""])
def test_unsafe_unit_names_are_refused(name):
    with pytest.raises(ConfigError):
        check_unit_name(name)


@pytest.mark.parametrize("name", ["xa-an-thanh", "Xã An Thành", "phường 1", "-x"])
def test_ordinary_unit_names_are_accepted(name):
    check_unit_name(name)


def test_hidden_unit_folder_stops_the_build_before_writing(tmp_path):
    synth.commune(tmp_path / "inputs" / "xa-01", seed=1)
    synth.commune(tmp_path / "inputs" / ".an", seed=2)
    code, out = run_cli(tmp_path, "build", "--month", MONTH, "--no-pdf", "--json")
    assert code == 2
    assert not (tmp_path / "outputs" / ".an").exists()
    assert not (tmp_path / "outputs" / "xa-01").exists()


# ---------------------------------------------------------------- roll-up workbook
def _unit_json(report: dict | None, pay: dict | None, state: str = "built") -> dict:
    docs = []
    if report is not None:
        docs.append({"id": "bc-hoa-giai-2026-6t", "kind": "bc-hoa-giai", "state": state,
                     "period": {"from": "2026-01-01", "to": "2026-06-30"}, "figures": report})
    if pay is not None:
        docs.append({"id": "qd-thu-lao-2026-11", "kind": "qd-thu-lao", "state": "built",
                     "period": {"from": "2026-11-01", "to": "2026-11-30"}, "figures": pay})
    return {"month": MONTH, "documents": docs, "counts": {"error": 0, "warning": 0}}


def _report(tiep_nhan, thanh, khong, dang, **kw) -> dict:
    base = {"to_hoa_giai": 10, "hoa_giai_vien": 60, "nu": 25, "dan_toc_thieu_so": 1, "chuyen_mon_luat": 6,
            "duoc_boi_duong": 40, "vu_viec_tiep_nhan": tiep_nhan, "hoa_giai_thanh": thanh,
            "hoa_giai_khong_thanh": khong, "dang_giai_quyet": dang,
            "ty_le_thanh": thanh / (thanh + khong) if thanh + khong else None}
    return base | kw


def test_rollup_totals_equal_column_sums_and_rate_comes_from_the_sums(tmp_path):
    units = [
        rollup.unit_figures("xa-01", "Ủy ban nhân dân xã An Thành", _unit_json(
            _report(10, 9, 1, 0), {"so_vu_viec": 3, "tong_tien": 1_200_000})),
        rollup.unit_figures("xa-02", "Ủy ban nhân dân xã Đông Phan", _unit_json(
            _report(100, 50, 50, 0, to_hoa_giai=12, nu=30), {"so_vu_viec": 0, "tong_tien": 0})),
        rollup.unit_figures("xa-03", "=HYPERLINK(\"http://x\")", _unit_json(
            _report(5, 1, 0, 4), None)),
        rollup.unit_figures("xa-04", "Ủy ban nhân dân xã Bị Chặn", _unit_json(
            _report(7, 7, 0, 0), None, state="blocked")),
    ]
    path = tmp_path / "outputs" / f"tong-hop-{MONTH}.xlsx"
    tot = rollup.write_rollup(path, MONTH, units)
    rows = rollup.read_rollup(path)
    body, total = rows[:-1], rows[-1]
    assert [r["thu_muc"] for r in body] == ["xa-01", "xa-02", "xa-03", "xa-04"]
    assert total["don_vi"] == "Tổng cộng"
    for k in rollup.COUNT_KEYS:
        assert total[k] == sum(r[k] for r in body if r[k] is not None), k
        assert tot[k] == total[k]
    assert total["vu_viec_tiep_nhan"] == 115
    assert total["hoa_giai_thanh"] == 60 and total["hoa_giai_khong_thanh"] == 51
    assert total["tong_tien"] == 1_200_000
    # 60 / 111, not the mean of the units' rates (0.9, 0.5, 1.0)
    assert total["ty_le_thanh"] == pytest.approx(60 / 111)
    assert body[0]["ty_le_thanh"] == pytest.approx(0.9)
    # the blocked unit shows no figures and says why
    assert body[3]["vu_viec_tiep_nhan"] is None and "bị chặn" in body[3]["ghi_chu"]
    # formula-like text stays text
    ws = load_workbook(path)[rollup.SHEET]
    name_cell = ws.cell(5 + 2, rollup.COLUMNS.index("don_vi") + 1)
    assert name_cell.value == "=HYPERLINK(\"http://x\")" and name_cell.data_type == "s"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_latest_longest_report_is_the_one_summed():
    six = {"id": "bc-6t", "kind": "bc-hoa-giai", "state": "built",
           "period": {"from": "2026-01-01", "to": "2026-06-30"}, "figures": _report(4, 2, 2, 0)}
    year = {"id": "bc-nam", "kind": "bc-hoa-giai", "state": "built",
            "period": {"from": "2026-01-01", "to": "2026-12-31"}, "figures": _report(9, 6, 2, 1)}
    narrative = {"id": "bc-nam-2", "kind": "bc-hoa-giai", "state": "built",
                 "period": {"from": "2025-12-15", "to": "2026-12-31"}, "figures": _report(10, 7, 2, 1)}
    uf = rollup.unit_figures("xa", "X", {"month": "2026-12", "documents": [six, year]})
    assert uf.report["vu_viec_tiep_nhan"] == 9
    uf = rollup.unit_figures("xa", "X", {"month": "2026-12", "documents": [six, year, narrative]})
    assert uf.report["vu_viec_tiep_nhan"] == 10


def test_rollup_json_shape_from_unit_results(tmp_path):
    from hoagiai.engine.multi import UnitResult, UnitResults

    res = UnitResults([UnitResult("xa-01", {"month": MONTH, "unit": "xa-01", "documents": [],
                                            "packet": None, "counts": {"error": 1, "warning": 2}}, 1),
                       UnitResult("xa-02", {"month": MONTH, "unit": "xa-02", "documents": [],
                                            "packet": None, "counts": {"error": 0, "warning": 3}}, 0)])
    res.month, res.rollup = MONTH, str(tmp_path / "tong-hop.xlsx")
    out = rollup_json(Workspace.make(tmp_path / "inputs", tmp_path / "outputs"), res)
    assert out["counts"] == {"error": 1, "warning": 5}
    assert json.loads(json.dumps(out)) == out
    assert [u["unit"] for u in out["units"]] == ["xa-01", "xa-02"]


# ---------------------------------------------------------------- PDFs of a multi-unit build
def test_city_pdfs_go_to_libreoffice_as_each_unit_is_built(tmp_path, monkeypatch):
    """Units render in worker processes while one converter makes the PDFs (hoagiai.convert.stream):
    every document of every unit gets its PDF beside its DOCX, each unit its monthly packet,
    documents of one template from different units share LibreOffice loads, and no twin
    rendering is left behind."""
    from pypdf import PdfReader

    from hoagiai.convert import font_report, warm

    seen: list[set[str]] = []          # the units of each bundle's documents
    real = warm.WarmPool._process_bundle

    def spy(self, worker, task):
        real(self, worker, task)
        seen.append({p for j in task.bundle or [] for p in j.docx.parts if p.startswith("xa-")})

    monkeypatch.setattr(warm.WarmPool, "_process_bundle", spy)
    from hoagiai.engine import pdfs as pdfs_stage

    at_packet: dict[str, bool] = {}
    real_packet = pdfs_stage.UnitsPdf._packet

    def packet_spy(self, result):
        real_packet(self, result)
        tree, state, _ = self.opened[id(result)]
        # a unit's renderings go, and its state closes, once its PDFs are in, not at the end
        at_packet[tree.ws.unit] = (tree.ws.outputs / ".hoagiai" / "lo-input").exists()
        with pytest.raises(sqlite3.ProgrammingError):
            state.db.execute("SELECT 1")

    monkeypatch.setattr(pdfs_stage.UnitsPdf, "_packet", packet_spy)
    ws_dir = _city(tmp_path, 3)
    code, out = run_cli(ws_dir, "build", "--month", MONTH, "--jobs", "2", "--json")
    assert at_packet == {"xa-01": False, "xa-02": False, "xa-03": False}
    assert code in (0, 2), out
    assert [u["unit"] for u in out["units"]] == ["xa-01", "xa-02", "xa-03"]
    for unit in out["units"]:
        made = [d for d in unit["documents"] if d["docx"]]
        assert made and all(d["pdf"] for d in made), unit["unit"]
        assert unit["packet"]
        folder = ws_dir / "outputs" / unit["unit"]
        docx = sorted(p.stem for p in (folder / "2026").glob("*.docx"))
        pdfs = sorted((folder / "2026").glob("*.pdf"))
        assert docx and docx == sorted(p.stem for p in pdfs if not p.stem.startswith("goi-van-ban"))
        for pdf in pdfs:
            assert len(PdfReader(pdf).pages) >= 1, pdf
        assert not (folder / ".hoagiai" / "lo-input").exists()
        # the font note, from the fonts read as each PDF was recorded, is the one its PDFs give
        note = font_report([p for p in pdfs if not p.stem.startswith("goi-van-ban")])
        if note:
            assert note in unit["notes"]
        else:
            assert not any("Times New Roman" in n for n in unit.get("notes", []))
    assert {"xa-01", "xa-02", "xa-03"} in seen   # a bundle took one template's documents of all 3 units


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork start method only")
def test_forked_workers_inherit_the_templates_the_parent_compiled(tmp_path, monkeypatch):
    """Under fork, the parent compiles the units' templates once before the workers start;
    the workers (copies of it) render without compiling any again."""
    import os

    from hoagiai import render

    monkeypatch.setenv("HOAGIAI_MP_START", "fork")
    render._CACHE.clear()
    ws_dir = _city(tmp_path, 2)
    ws = Workspace.make(ws_dir / "inputs", ws_dir / "outputs")
    log = tmp_path / "compiled.log"            # written by whichever process compiles
    real_init = render.CompiledTemplate.__init__

    def counting(self, path, *a, **kw):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        real_init(self, path, *a, **kw)

    monkeypatch.setattr(render.CompiledTemplate, "__init__", counting)
    results = build_all(ws, _opts(jobs=2), _quiet)
    assert all(r.to_dict()["documents"] for r in results)
    pids = log.read_text(encoding="utf-8").split()
    assert pids and set(pids) == {str(os.getpid())}
    assert len(pids) == len({p.resolve() for p in ws.templates.glob("*.docx")})


def test_the_parents_objects_are_frozen_out_of_the_collector_only_while_workers_are_forked():
    import gc

    from hoagiai.engine import multi

    assert gc.get_freeze_count() == 0
    with multi._frozen(True):
        assert gc.get_freeze_count() > 1000       # modules, functions, compiled templates …
    assert gc.get_freeze_count() == 0
    with multi._frozen(False):
        assert gc.get_freeze_count() == 0
