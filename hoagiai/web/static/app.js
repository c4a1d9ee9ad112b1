// hoagiai web: small helpers; every text from data goes through textContent, never innerHTML.
"use strict";
(function () {
  const body = document.body;
  const csrf = () => body.dataset.csrf;
  const unit = () => body.dataset.unit || null;
  const STATE = {built: "đã dựng", unchanged: "không đổi", blocked: "bị chặn", stale: "đã ban hành, dữ liệu đã đổi", failed: "lỗi"};

  async function call(method, url, data, raw) {
    const headers = {"X-CSRF-Token": csrf()};
    let payload = data;
    if (!raw && data !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(data); }
    const r = await fetch(url, {method, headers, body: payload, credentials: "same-origin"});
    let obj = null;
    try { obj = await r.json(); } catch (e) { obj = {error: "Máy chủ trả lời không hợp lệ."}; }
    return {status: r.status, obj};
  }
  function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  const q = (u) => (u ? "?unit=" + encodeURIComponent(u) : "");

  // build with live progress
  const buildForm = document.getElementById("form-dung");
  if (buildForm) {
    const box = document.getElementById("tien-do"), bar = document.getElementById("thanh-tien-do"),
      words = document.getElementById("chu-tien-do"), out = document.getElementById("ket-qua-dung");
    async function poll(id) {
      box.hidden = false;
      for (;;) {
        const {status, obj} = await call("GET", "/api/jobs/" + encodeURIComponent(id));
        if (status !== 200) { words.textContent = obj.error || "Lỗi."; return; }
        const p = obj.progress;
        bar.max = Math.max(p.total, 1); bar.value = p.done;
        if (obj.state === "done") { words.textContent = "Đã xong."; summary(obj.result); return; }
        if (obj.state === "failed") { words.textContent = "Không dựng được: " + (obj.error || ""); return; }
        words.textContent = obj.state === "queued" ? "Đang chờ…" : `Đang dựng: ${p.done}/${p.total} văn bản`;
        await new Promise((r) => setTimeout(r, 700));
      }
    }
    function summary(res) {
      out.replaceChildren();
      const list = res.documents ? [res] : (res.units || []);
      for (const u of list) {
        const counts = {};
        for (const d of u.documents || []) counts[d.state] = (counts[d.state] || 0) + 1;
        const p = el("p", (u.unit ? u.unit + ": " : "") + Object.entries(counts).map(([k, v]) => `${v} ${STATE[k] || k}`).join(", "));
        p.className = "summary"; out.append(p);
      }
      const again = el("a", "Tải lại trang để xem trạng thái mới"); again.href = location.href; out.append(again);
    }
    buildForm.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = {month: buildForm.dataset.month, pdf: document.getElementById("co-pdf").checked};
      if (unit() && !buildForm.dataset.whole) data.unit = unit();
      const {status, obj} = await call("POST", "/api/build", data);
      if (status !== 202) { box.hidden = false; words.textContent = obj.error || "Không dựng được."; return; }
      poll(obj.job);
    });
    if (buildForm.dataset.running) poll(buildForm.dataset.running);
  }

  // upload a corrected input and show its findings at once
  const up = document.getElementById("form-tai-len");
  if (up) up.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const name = document.getElementById("ten-tep").value, file = document.getElementById("tep").files[0];
    const msg = document.getElementById("trang-thai-tai");
    if (!file) { msg.textContent = "Hãy chọn tệp."; return; }
    msg.textContent = "Đang tải lên và kiểm tra…";
    const {status, obj} = await call("PUT", "/api/inputs/" + encodeURIComponent(name) + q(unit()), file, true);
    if (status !== 200) { msg.textContent = obj.error || "Không tải lên được."; return; }
    const params = new URLSearchParams();
    if (unit()) params.set("unit", unit());
    params.set("da-tai", name);
    location.href = "/du-lieu?" + params.toString();
  });

  // sortable, filterable findings
  const table = document.getElementById("bang-loi");
  if (table) {
    table.querySelectorAll("button.sort").forEach((b) => b.addEventListener("click", () => {
      const col = +b.dataset.col, tb = table.tBodies[0], asc = b.dataset.dir !== "asc";
      b.dataset.dir = asc ? "asc" : "desc";
      const rows = [...tb.rows];
      rows.sort((x, y) => {
        const a = x.cells[col]?.textContent || "", c = y.cells[col]?.textContent || "";
        const n = (+a) - (+c);
        return (isNaN(n) || a === "" || c === "" ? a.localeCompare(c, "vi") : n) * (asc ? 1 : -1);
      });
      tb.append(...rows);
    }));
    document.getElementById("loc").addEventListener("input", (ev) => {
      const t = ev.target.value.toLocaleLowerCase("vi");
      for (const r of table.tBodies[0].rows) r.hidden = t && !r.textContent.toLocaleLowerCase("vi").includes(t);
    });
  }

  // issue a document
  const iss = document.getElementById("form-ban-hanh");
  if (iss) iss.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const out = document.getElementById("ket-qua-ban-hanh");
    out.textContent = "Đang ban hành…"; out.className = "";
    const data = {doc_id: iss.dataset.doc, number: +document.getElementById("so").value, date: document.getElementById("ngay").value};
    if (unit()) data.unit = unit();
    const {status, obj} = await call("POST", "/api/issue", data);
    if (status === 200) { out.textContent = `Đã ban hành số ${String(obj.number).padStart(2, "0")}, ngày ${obj.date}.`; out.className = "ok"; setTimeout(() => location.reload(), 800); }
    else { out.textContent = "Không ban hành được: " + (obj.error || ""); out.className = "error"; }
  });

  // login / logout
  const login = document.getElementById("form-dang-nhap");
  if (login) login.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const {status, obj} = await call("POST", "/api/login", {username: document.getElementById("ten").value, password: document.getElementById("mat-khau").value});
    if (status === 200) location.href = login.dataset.next || "/";
    else document.getElementById("loi-dang-nhap").textContent = obj.error || "Không đăng nhập được.";
  });
  const out = document.getElementById("dang-xuat");
  if (out) out.addEventListener("click", async () => { await call("POST", "/api/logout"); location.href = "/dang-nhap"; });
})();
