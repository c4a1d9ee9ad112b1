"""HTTP tests of every docs/contract.md §7 route in local mode: status codes and the CLI's --json."""

from __future__ import annotations

import json

import pytest

from web_fixtures import cli_json, client, demo_copy, wait_job


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws = demo_copy(tmp_path_factory.mktemp("web"))
    with client(ws) as c:
        tok = c.get("/api/session").json()["csrf"]
        r = c.post("/api/build", json={"month": "2026-12", "pdf": False}, headers={"X-CSRF-Token": tok})
        assert r.status_code == 202
        job = wait_job(c, r.json()["job"])
    return ws, job


def test_session_local_mode(built):
    ws, _ = built
    with client(ws) as c:
        body = c.get("/api/session").json()
    assert body["user"] is None and body["role"] == "clerk" and len(body["csrf"]) >= 32


def test_build_job_result_is_build_json(built):
    ws, job = built
    assert job["state"] == "done" and job["error"] is None
    assert job["progress"]["done"] == job["progress"]["total"] == len(job["result"]["documents"]) >= 20
    again = cli_json(ws, "build", "--month", "2026-12", "--no-pdf")
    assert ({d["id"]: d["state"] for d in again["documents"]}
            == {d["id"]: "unchanged" for d in job["result"]["documents"]})


@pytest.mark.parametrize("route,args", [("/api/status", ["status"]), ("/api/validate", ["validate"]),
                                        ("/api/due?today=2026-12-01", ["due", "--today", "2026-12-01"])])
def test_json_routes_equal_cli(built, route, args):
    ws, _ = built
    with client(ws) as c:
        r = c.get(route)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == cli_json(ws, *args)


def test_build_joins_running_job_and_unknown_job_404(built):
    ws, _ = built
    with client(ws) as c:
        tok = c.get("/api/session").json()["csrf"]
        h = {"X-CSRF-Token": tok}
        a = c.post("/api/build", json={"month": "2026-12", "pdf": False}, headers=h).json()
        b = c.post("/api/build", json={"month": "2026-12", "pdf": False}, headers=h).json()
        assert a["job"] == b["job"] and b["joined"] is True
        wait_job(c, a["job"])
        assert c.get("/api/jobs/nope").status_code == 404
        assert c.post("/api/build", json={"month": "2026-13"}, headers=h).status_code == 400


def test_issue_then_refusal_409(built):
    ws, _ = built
    with client(ws) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        r = c.post("/api/issue", json={"doc_id": "ke-hoach-2026", "number": 3, "date": "2026-11-20",
                                       "pdf": False}, headers=h)
        assert r.status_code == 200, r.text
        assert r.json()["id"] == "ke-hoach-2026" and r.json()["number"] == 3 and r.json()["issued"] is True
        again = c.post("/api/issue", json={"doc_id": "ke-hoach-2026", "number": 4, "date": "2026-11-20"},
                       headers=h)
        assert again.status_code == 409
        assert "đã ban hành" in again.json()["error"]
        st = c.get("/api/status").json()
        assert next(d for d in st["documents"] if d["id"] == "ke-hoach-2026")["issued"] is True
        log = (ws / "outputs" / ".hoagiai" / "audit.log").read_text(encoding="utf-8")
        assert '"what": "issue"' in log and '"what": "build"' in log


def test_uploads(built, tmp_path):
    ws, _ = built
    with client(ws, max_upload=200_000) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        assert c.put("/api/inputs/passwd", content=b"x", headers=h).status_code == 404
        assert c.put("/api/inputs/..%2Fdon_vi.yaml", content=b"x", headers=h).status_code == 404
        assert c.put("/api/inputs/vu_viec.xlsx", content=b"not a workbook", headers=h).status_code == 415
        assert c.put("/api/inputs/don_vi.yaml", content=b"- a list\n", headers=h).status_code == 415
        assert c.put("/api/inputs/vu_viec.xlsx", content=b"PK\x03\x04" + b"0" * 300_000,
                     headers=h).status_code == 413
        original = (ws / "inputs" / "vu_viec.xlsx").read_bytes()
        r = c.put("/api/inputs/vu_viec.xlsx", content=original, headers=h)
        assert r.status_code == 200 and r.json() == cli_json(ws, "validate")
        kept = list((ws / "inputs" / ".ban-cu").glob("*-vu_viec.xlsx"))
        assert kept and kept[0].read_bytes() == original


def test_pages_render(built):
    ws, _ = built
    with client(ws) as c:
        for path in ("/", "/?month=2026-12", "/du-lieu", "/han", "/don-vi", "/van-ban/ke-hoach-2026"):
            r = c.get(path)
            assert r.status_code == 200, path
            assert r.headers["content-type"] == "text/html; charset=utf-8"
        home = c.get("/?month=2026-12").text
        assert "Dựng văn bản tháng 12/2026" in home and "<svg" in home and "85 %" in home
        ics = c.get("/han.ics")
        assert ics.status_code == 200 and b"BEGIN:VCALENDAR" in ics.content
        css = c.get("/").text.split('href="/static/app.css?v=')[1].split('"')[0]
        s = c.get(f"/static/app.css?v={css}")
        assert s.status_code == 200 and "immutable" in s.headers["cache-control"]
        assert c.get("/van-ban/khong-co").status_code == 404


def test_files(built):
    ws, _ = built
    with client(ws) as c:
        ok = c.get("/files/2026/ke-hoach-2026.docx")
        assert ok.status_code == 200 and ok.content[:2] == b"PK"
        assert "attachment" in ok.headers["content-disposition"]
        for bad in ("/files/.hoagiai/state.sqlite", "/files/.hoagiai/audit.log", "/files/%2e%2e/inputs/don_vi.yaml",
                    "/files/2026/%2e%2e/%2e%2e/inputs/don_vi.yaml", "/files//etc/passwd", "/files/%2Fetc%2Fpasswd",
                    "/files/2026/..%5C..%5Cinputs%5Cdon_vi.yaml", "/files/khong-co.pdf"):
            assert c.get(bad).status_code == 404, bad
    link = ws / "outputs" / "lien-ket.yaml"
    link.symlink_to(ws / "inputs" / "don_vi.yaml")
    with client(ws) as c:
        assert c.get("/files/lien-ket.yaml").status_code == 404


def test_abandoned_jobs_are_marked_failed(tmp_path):
    from hoagiai.web.jobs import ABANDONED, JobManager

    jobs = tmp_path / "outputs" / ".hoagiai" / "jobs"
    jobs.mkdir(parents=True)
    (jobs / "abc.json").write_text(json.dumps({"id": "abc", "unit": None, "who": None, "spec": {},
                                               "state": "running", "done": 3, "total": 9}), encoding="utf-8")
    manager = JobManager(tmp_path / "outputs")
    job = manager.get("abc")
    assert job is not None and job.to_dict() == {"state": "failed", "progress": {"done": 3, "total": 9},
                                            "result": None, "error": ABANDONED}
    assert json.loads((jobs / "abc.json").read_text(encoding="utf-8"))["state"] == "failed"


def test_multi_unit_local_mode(tmp_path):
    import shutil

    from web_fixtures import REPO

    for unit in ("xa-a", "xa-b"):
        shutil.copytree(REPO / "inputs", tmp_path / "inputs" / unit)
    with client(tmp_path) as c:
        assert c.get("/api/session").json()["units"] == ["xa-a", "xa-b"]
        r = c.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/don-vi"
        units = c.get("/don-vi")
        assert units.status_code == 200 and "/?unit=xa-b" in units.text
        assert c.get("/api/validate").json() == cli_json(tmp_path, "validate")
        one = c.get("/api/validate?unit=xa-a").json()
        assert one == {"valid": one["valid"], "units": {"xa-a": cli_json(tmp_path, "validate")["units"]["xa-a"]},
                       "rules": cli_json(tmp_path, "validate")["rules"]}
        assert c.get("/api/status?unit=xa-c").status_code == 404
        assert c.get("/?unit=xa-a").status_code == 200
        # the province builds every unit: the job's result is `build --json` of the workspace
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        r = c.post("/api/build", json={"month": "2026-12", "pdf": False}, headers=h)
        assert r.status_code == 202
        job = wait_job(c, r.json()["job"])
        assert job["state"] == "done", job["error"]
        assert [u["unit"] for u in job["result"]["units"]] == ["xa-a", "xa-b"]
        assert job["result"]["rollup"].endswith("tong-hop-2026-12.xlsx")
        page = c.get("/don-vi?month=2026-12").text
        assert "Tổng hợp của tỉnh, tháng 12/2026" in page and "tong-hop-2026-12.xlsx" in page
        assert c.get("/files/tong-hop-2026-12.xlsx").status_code == 200


def test_document_page_shows_change_record(tmp_path):
    from pathlib import Path

    from openpyxl import load_workbook

    from hoagiai import operations
    from hoagiai.engine import BuildOptions
    from hoagiai.documents.base import Month
    from hoagiai.workspace import Workspace

    ws_dir = demo_copy(tmp_path)
    ws = Workspace.make(ws_dir / "inputs", ws_dir / "outputs")
    opts = BuildOptions(month=Month.parse("2026-12"), kinds=frozenset({"qd-thu-lao"}), pdf=False)
    operations.build(ws, opts, lambda *a: None)
    wb = load_workbook(ws_dir / "inputs" / "vu_viec.xlsx")
    wb.worksheets[0]["L3"] = "23/01/2026"
    wb.save(ws_dir / "inputs" / "vu_viec.xlsx")
    result, _ = operations.build(ws, opts, lambda *a: None)
    doc = next(d for d in result["documents"] if d["id"] == "qd-thu-lao-2026-01")
    assert doc["state"] == "built" and doc["version"] == 2
    with client(ws_dir) as c:
        page = c.get("/van-ban/qd-thu-lao-2026-01").text
    assert "Phiên bản 2" in page and "Thay đổi so với bản trước" in page
    text = Path(doc["change"]).read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip())
    from html import escape

    assert escape(first, quote=False) in page


def test_upload_in_another_format_keeps_the_old_workbook(tmp_path):
    ws = demo_copy(tmp_path)
    original = (ws / "inputs" / "kiem_tra.xlsx").read_bytes()
    with client(ws) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        r = c.put("/api/inputs/kiem_tra.csv", content="Thôn;Kết quả\n".encode("utf-8"), headers=h)
        assert r.status_code == 200
    assert not (ws / "inputs" / "kiem_tra.xlsx").exists()
    kept = list((ws / "inputs" / ".ban-cu").glob("*-kiem_tra.xlsx"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
