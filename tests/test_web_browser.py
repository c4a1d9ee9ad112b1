"""The clerk's month in a real browser (Playwright driving Debian's Chromium), and hosted mode.

Screenshots go to $HOAGIAI_SCREENSHOTS (the README's come from docs/screenshots/), else a
temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from web_fixtures import REPO, demo_copy, start

CHROMIUM = os.environ.get("HOAGIAI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="no chromium (apt-get install chromium)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--lang=vi",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect.set_options(timeout=60_000)   # pages that validate workbooks on a busy 2-core machine
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("HOAGIAI_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 0


def _edit(src: Path, dest: Path, cell: str, value) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(src)
    wb.worksheets[0][cell] = value
    wb.save(dest)
    return dest


def test_clerk_month(browser, tmp_path, shots):
    from playwright.sync_api import expect

    ws = demo_copy(tmp_path / "ws")
    roster = ws / "inputs" / "hoa_giai_vien.xlsx"
    good = tmp_path / "hoa_giai_vien.xlsx"
    shutil.copy(roster, good)
    (tmp_path / "loi").mkdir()
    bad = _edit(roster, tmp_path / "loi" / "hoa_giai_vien.xlsx", "C5", "31/02/1970")
    cases = _edit(ws / "inputs" / "vu_viec.xlsx", tmp_path / "vu_viec.xlsx", "L3", "23/01/2026")
    proc, url = start(ws)
    try:
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")
        page.goto(url + "/?month=2026-12")
        expect(page.get_by_role("heading", name="Tổng quan tháng 12/2026")).to_be_visible()

        # upload a roster with an error → the finding with its row and column
        page.get_by_role("link", name="Dữ liệu").click()
        page.get_by_label("Thay tệp").select_option("hoa_giai_vien.xlsx")
        page.get_by_label("Chọn tệp đã sửa").set_input_files(str(bad))
        page.get_by_role("button", name="Tải lên và kiểm tra").click()
        expect(page.locator("#trang-thai-tai")).to_contain_text("Dữ liệu có lỗi")
        row = page.locator("#bang-loi tbody tr", has_text="31/02/1970").first
        expect(row).to_contain_text("hoa_giai_vien.xlsx")
        expect(row.locator("td").nth(3)).to_have_text("5")
        expect(row.locator("td").nth(4)).to_have_text("Ngày sinh")
        expect(row.get_by_role("link", name="qd-kien-toan-2026")).to_be_visible()   # the document it blocks
        page.screenshot(path=str(shots / "du-lieu-loi.png"), full_page=True)
        # the corrected roster: valid again, the previous file kept
        page.get_by_label("Chọn tệp đã sửa").set_input_files(str(good))
        page.get_by_role("button", name="Tải lên và kiểm tra").click()
        expect(page.locator("#trang-thai-tai")).to_contain_text("Dữ liệu hợp lệ")
        expect(page.locator("#so-loi")).to_have_text("0")
        assert len(list((ws / "inputs" / ".ban-cu").iterdir())) == 2

        # build the month (DOCX only, to keep it short) with live progress and the summary
        page.goto(url + "/?month=2026-12")
        page.get_by_label("Kèm bản PDF").uncheck()
        page.get_by_role("button", name="Dựng văn bản tháng 12/2026").click()
        expect(page.locator("#thanh-tien-do")).to_be_visible()
        expect(page.locator("#chu-tien-do")).to_have_text("Đã xong.", timeout=180_000)
        expect(page.locator("#ket-qua-dung")).to_contain_text("đã dựng")
        page.reload()
        doc = page.locator("tr[data-doc='qd-thu-lao-2026-01']")
        expect(doc).to_contain_text("đã dựng, đúng dữ liệu")
        page.screenshot(path=str(shots / "tong-quan.png"), full_page=False)

        # open the document, issue it (the issued copy gets its PDF), see a refusal in Vietnamese
        doc.get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("thù lao")
        page.get_by_label("Số văn bản").fill("7")
        page.get_by_label("Ngày ban hành").fill("2026-11-20")
        page.get_by_role("button", name="Ban hành").click()
        expect(page.locator("#ket-qua-ban-hanh")).to_contain_text("Đã ban hành số 07", timeout=120_000)
        page.wait_for_load_state("load")
        expect(page.get_by_text("Đã ban hành", exact=True)).to_be_visible(timeout=30_000)
        frame = page.locator("iframe#xem-pdf")
        expect(frame).to_be_visible()
        pdf = page.request.get(url + frame.get_attribute("src"))
        assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
        page.screenshot(path=str(shots / "van-ban.png"), full_page=False)
        page.goto(url + "/van-ban/qd-thu-lao-2026-02")
        page.get_by_label("Số văn bản").fill("7")
        page.get_by_label("Ngày ban hành").fill("2026-11-20")
        page.get_by_role("button", name="Ban hành").click()
        expect(page.locator("#ket-qua-ban-hanh")).to_contain_text("Số 07 năm 2026 đã cấp cho văn bản")

        # change a case of January → the issued decision is marked stale
        page.goto(url + "/du-lieu")
        page.get_by_label("Thay tệp").select_option("vu_viec.xlsx")
        page.get_by_label("Chọn tệp đã sửa").set_input_files(str(cases))
        page.get_by_role("button", name="Tải lên và kiểm tra").click()
        expect(page.locator("#trang-thai-tai")).to_contain_text("Đã thay vu_viec.xlsx")
        page.goto(url + "/?month=2026-12")
        expect(page.locator("tr[data-doc='qd-thu-lao-2026-01'] .state")).to_have_text("đã ban hành, dữ liệu đã đổi")

        # the same pages on a phone
        phone = browser.new_page(viewport=PHONE, locale="vi-VN")
        phone.goto(url + "/?month=2026-12")
        expect(phone.get_by_role("heading", name="Tổng quan tháng 12/2026")).to_be_visible()
        phone.screenshot(path=str(shots / "tong-quan-dien-thoai.png"), full_page=False)
        phone.goto(url + "/han")
        phone.screenshot(path=str(shots / "han-dien-thoai.png"), full_page=False)
        page.goto(url + "/han")
        page.screenshot(path=str(shots / "han.png"), full_page=False)
    finally:
        _stop(proc)


def test_hosted_login_and_other_unit_refused(browser, tmp_path, shots):
    from playwright.sync_api import expect

    from hoagiai.web.auth import add_user

    root = tmp_path / "tinh"
    for unit in ("xa-a", "xa-b"):
        shutil.copytree(REPO / "inputs", root / "inputs" / unit)
    users = root / "outputs" / ".hoagiai" / "users"
    add_user(users, "can-bo-a", "mat-khau-a-123", "clerk", ["xa-a"])
    proc, url = start(root, "--users", str(users))
    try:
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")
        page.goto(url + "/han?unit=xa-a")
        expect(page).to_have_url(url + "/dang-nhap?next=%2Fhan%3Funit%3Dxa-a")
        page.get_by_label("Tên đăng nhập").fill("can-bo-a")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator("#loi-dang-nhap")).to_have_text("Sai tên đăng nhập hoặc mật khẩu.")
        page.screenshot(path=str(shots / "dang-nhap.png"), full_page=False)
        page.get_by_label("Mật khẩu").fill("mat-khau-a-123")
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", name="Hạn báo cáo — xa-a")).to_be_visible(timeout=60_000)
        refused = page.goto(url + "/?unit=xa-b")
        assert refused.status == 403
        expect(page.locator(".error")).to_have_text("Tài khoản không được truy cập đơn vị này.")
        api = page.request.get(url + "/api/status?unit=xa-b")
        assert api.status == 403 and "error" in json.loads(api.body())
        page.get_by_role("button", name="Đăng xuất").click()
        expect(page).to_have_url(url + "/dang-nhap")
        assert page.request.get(url + "/api/status?unit=xa-a").status == 401
    finally:
        _stop(proc)
