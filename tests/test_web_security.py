"""Security of `serve`: CSRF, Host allowlist, escaping, hosted mode (401/403, viewer, rate limit)."""

from __future__ import annotations

import shutil

import pytest

from web_fixtures import BASE, REPO, client, demo_copy


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    return demo_copy(tmp_path_factory.mktemp("sec"))


def test_csrf_missing_wrong_and_cross_origin(local):
    with client(local) as c:
        tok = c.get("/api/session").json()["csrf"]
        body = {"month": "2026-12", "pdf": False, "docs": ["nope"]}
        assert c.post("/api/build", json=body).status_code == 403
        assert c.post("/api/build", json=body, headers={"X-CSRF-Token": "x" * 43}).status_code == 403
        assert c.post("/api/build", json=body, headers={"X-CSRF-Token": tok,
                                                       "Origin": "http://evil.example"}).status_code == 403
        assert c.post("/api/build", json=body, headers={"X-CSRF-Token": tok,
                                                       "Sec-Fetch-Site": "cross-site"}).status_code == 403
        assert c.put("/api/inputs/don_vi.yaml", content=b"a: 1\n").status_code == 403
        # the right token from the same origin passes the guard (then the unknown kind → 400)
        assert c.post("/api/build", json=body, headers={"X-CSRF-Token": tok, "Origin": BASE}).status_code == 400


def test_host_allowlist(local):
    with client(local) as c:
        assert c.get("/api/session", headers={"Host": "evil.example:8765"}).status_code == 403
        assert c.get("/", headers={"Host": "127.0.0.1.nip.io:8765"}).status_code == 403
        assert c.get("/api/session", headers={"Host": "localhost:8765"}).status_code == 200
        assert c.get("/api/session", headers={"Host": "127.0.0.1:9999"}).status_code == 403


def test_security_headers(local):
    with client(local) as c:
        r = c.get("/han")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_data_values_are_escaped(tmp_path):
    from openpyxl import load_workbook

    ws = demo_copy(tmp_path)
    path = ws / "inputs" / "hoa_giai_vien.xlsx"
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    header_row = next(r for r in range(1, 10) if any("ngày sinh" in str(c.value or "").lower() for c in sheet[r]))
    col = next(c.column for c in sheet[header_row] if "ngày sinh" in str(c.value or "").lower())
    name_col = next(c.column for c in sheet[header_row] if "họ" in str(c.value or "").lower())
    sheet.cell(header_row + 1, col).value = "<script>alert(1)</script>"
    sheet.cell(header_row + 1, name_col).value = "<script>alert(2)</script>"
    wb.save(path)
    with client(ws) as c:
        page = c.get("/du-lieu").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page


# ------------------------------------------------------------------------------ hosted mode
@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    root = tmp_path_factory.mktemp("hosted")
    for unit in ("xa-a", "xa-b"):
        shutil.copytree(REPO / "inputs", root / "inputs" / unit)
    (root / "outputs" / "xa-b" / "2026").mkdir(parents=True)
    (root / "outputs" / "xa-b" / "2026" / "bi-mat.docx").write_bytes(b"PK secret")
    from hoagiai.web.auth import add_user

    users = root / "outputs" / ".hoagiai" / "users"
    add_user(users, "can-bo-a", "mat-khau-a-123", "clerk", ["xa-a"])
    add_user(users, "xem-a", "mat-khau-xem-1", "viewer", ["xa-a"])
    add_user(users, "tinh", "mat-khau-tinh-1", "clerk", ["*"])
    return root, users


def _login(c, user, password):
    tok = c.get("/api/session").json()["csrf"]
    return c.post("/api/login", json={"username": user, "password": password}, headers={"X-CSRF-Token": tok})


def test_hosted_requires_login(hosted):
    root, users = hosted
    with client(root, users_file=users, host="0.0.0.0") as c:
        assert c.get("/api/status?unit=xa-a").status_code == 401
        assert c.get("/files/xa-a/2026/x.docx").status_code == 401
        assert c.get("/", follow_redirects=False).status_code == 303
        assert c.get("/dang-nhap").status_code == 200
        assert c.get("/static/app.css").status_code == 200
        s = c.get("/api/session").json()
        assert s["user"] is None and s["units"] == []


def test_login_cookie_flags_and_logout(hosted):
    root, users = hosted
    with client(root, users_file=users, host="0.0.0.0") as c:
        anon = c.cookies.get("hoagiai_phien")
        r = _login(c, "can-bo-a", "mat-khau-a-123")
        assert r.status_code == 200
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        sid = c.cookies.get("hoagiai_phien")
        assert sid and sid != anon                   # a new session id at login
        s = c.get("/api/session").json()
        assert s["user"] == "can-bo-a" and s["units"] == ["xa-a"] and s["csrf"] == r.json()["csrf"]
        assert c.post("/api/logout", headers={"X-CSRF-Token": s["csrf"]}).status_code == 200
        c.cookies.set("hoagiai_phien", sid)          # the old cookie no longer works
        assert c.get("/api/status?unit=xa-a").status_code == 401


def test_clerk_of_a_cannot_reach_b(hosted):
    root, users = hosted
    with client(root, users_file=users, host="0.0.0.0") as c:
        tok = _login(c, "can-bo-a", "mat-khau-a-123").json()["csrf"]
        assert c.get("/api/status?unit=xa-a").status_code == 200
        assert c.get("/api/status?unit=xa-b").status_code == 403
        assert c.get("/api/validate?unit=xa-b").status_code == 403
        assert c.get("/files/2026/bi-mat.docx?unit=xa-b").status_code == 403
        assert c.get("/files/xa-b/2026/bi-mat.docx").status_code == 403
        assert c.get("/?unit=xa-b").status_code == 403
        h = {"X-CSRF-Token": tok}
        assert c.post("/api/build", json={"unit": "xa-b", "month": "2026-12"}, headers=h).status_code == 403
        assert c.put("/api/inputs/don_vi.yaml?unit=xa-b", content=b"a: 1\n", headers=h).status_code == 403
        assert c.post("/api/issue", json={"unit": "xa-b", "doc_id": "x", "number": 1, "date": "2026-12-01"},
                      headers=h).status_code == 403
    with client(root, users_file=users, host="0.0.0.0") as c:
        _login(c, "tinh", "mat-khau-tinh-1")
        assert c.get("/files/xa-b/2026/bi-mat.docx").status_code == 200
        assert c.get("/api/session").json()["units"] == ["xa-a", "xa-b"]


def test_viewer_cannot_change_anything(hosted):
    root, users = hosted
    with client(root, users_file=users, host="0.0.0.0") as c:
        tok = _login(c, "xem-a", "mat-khau-xem-1").json()["csrf"]
        h = {"X-CSRF-Token": tok}
        assert c.get("/api/status?unit=xa-a").status_code == 200
        assert c.post("/api/build", json={"unit": "xa-a", "month": "2026-12"}, headers=h).status_code == 403
        assert c.put("/api/inputs/don_vi.yaml?unit=xa-a", content=b"a: 1\n", headers=h).status_code == 403
        assert c.post("/api/issue", json={"unit": "xa-a", "doc_id": "x", "number": 1, "date": "2026-12-01"},
                      headers=h).status_code == 403


def test_login_rate_limit_and_audit(hosted):
    root, users = hosted
    with client(root, users_file=users, host="0.0.0.0", login_limit=3) as c:
        codes = [_login(c, "tinh", "sai-mat-khau").status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        assert _login(c, "tinh", "mat-khau-tinh-1").status_code == 429
    log = (root / "outputs" / ".hoagiai" / "audit.log").read_text(encoding="utf-8")
    assert '"what": "login-failed"' in log and '"what": "login-limited"' in log
    assert "sai-mat-khau" not in log


def test_hosted_host_allowlist(hosted):
    root, users = hosted
    with client(root, users_file=users, host="10.1.2.3", allow_hosts=("hoagiai.stp.gov.vn",)) as c:
        assert c.get("/api/session", headers={"Host": "hoagiai.stp.gov.vn"}).status_code == 200
        assert c.get("/api/session", headers={"Host": "10.1.2.3:8765"}).status_code == 200
        assert c.get("/api/session", headers={"Host": "evil.example"}).status_code == 403


def test_users_file_hashes(hosted):
    _, users = hosted
    import json
    import os

    data = json.loads(users.read_text(encoding="utf-8"))
    assert data["users"]["tinh"]["hash"].startswith("scrypt$")
    assert "mat-khau-tinh-1" not in users.read_text(encoding="utf-8")
    if os.name == "posix":
        assert users.stat().st_mode & 0o077 == 0


def test_changed_account_ends_its_sessions(hosted, tmp_path):
    root, users = hosted
    from hoagiai.web.auth import add_user

    with client(root, users_file=users, host="0.0.0.0") as c:
        _login(c, "xem-a", "mat-khau-xem-1")
        assert c.get("/api/status?unit=xa-a").status_code == 200
        add_user(users, "xem-a", "mat-khau-moi-22", "viewer", ["xa-a"])   # new password
        assert c.get("/api/status?unit=xa-a").status_code == 401
