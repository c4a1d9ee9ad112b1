"""Corrections (issue 17): when an issued document's data changes, draft the correcting document
the change calls for (`rules/dinh_chinh.yaml`; Nghị định 30/2020/NĐ-CP Điều 18 khoản 3).

For every issued original X (a document that corrects nothing) whose current job J has data:
- its chain is X, then each issued correction of the one before (a correction of a correction);
  the last link L is what today's data is compared with;
- J's cells equal L's data: nothing to do (X is "corrected" when L is a correction);
- otherwise the change is sorted into groups (rows added / removed, amount changed, wording),
  the first rule of `dinh_chinh.yaml` matching X's kind and the groups names the correcting kind,
  and a draft correcting L is planned, id "<kind>-<X id>" ("…-<n>" for the n-th link). Its text
  states L's words and the words J would print now (`correction_text`).
A draft whose change was reverted before it was issued is no longer planned; `sweep` removes it
from the state and from the clerk's folder, with a note.

States (status, due, build): "correction-drafted" — issued, a correction of it is drafted and not
yet issued; "corrected" — issued, and its last issued correction matches today's data.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import records
from .documents import dinh_chinh, module as kind_module
from .documents.base import DocEnv, DocJob
from .rulefiles.dinh_chinh import load as load_rules

if TYPE_CHECKING:
    from .engine.options import BuildOptions
    from .engine.output_tree import OutputTree
    from .engine.state import State, Version

KINDS = dinh_chinh.KINDS


#: how status and due name the two states of an issued document with a correction
LABELS = {"correction-drafted": "đã ban hành, đã soạn văn bản đính chính (chờ ban hành)",
          "corrected": "đã ban hành, đã đính chính"}


@dataclass
class Verdict:
    state: str            # "correction-drafted" | "corrected"
    by: str               # id of the correction


@dataclass
class Plan:
    jobs: list[DocJob] = field(default_factory=list)
    verdicts: dict[str, Verdict] = field(default_factory=dict)   # issued id -> its correction
    corrects: dict[str, str] = field(default_factory=dict)       # correction id -> issued id
    originals: set[str] = field(default_factory=set)             # originals looked at


def _canon(x: Any) -> str:
    return json.dumps(x, ensure_ascii=False, sort_keys=True, default=str)


def key(original: str, what: str) -> str:
    return f"{dinh_chinh.PREFIX}|{original}|{what}"


def data_cells(rec: records.Record) -> dict[str, Any]:
    return {k: v for k, v in rec.cells.items() if not k.startswith(dinh_chinh.PREFIX + "|")}


def chain(x: records.Record, recs: dict[str, records.Record]) -> list[records.Record]:
    out = [x]
    while True:
        nxt = [r for r in recs.values() if r.corrects == out[-1].doc_id]
        if not nxt:
            return out
        out.append(min(nxt, key=lambda r: (r.year, r.number)))


def groups(old: dict[str, Any], new: dict[str, Any], old_fig: dict | None, new_fig: dict | None
           ) -> tuple[set[str], int]:
    """The change's groups, and how many rows were added."""
    def records_of(cells: dict[str, Any]) -> set[str]:
        return {k.rsplit("|", 1)[0] for k in cells if k.count("|") == 3 and k.split("|")[2]}

    ro, rn = records_of(old), records_of(new)
    added, removed = rn - ro, ro - rn
    out = set()
    if added:
        out.add("them-ban-ghi")
    if removed:
        out.add("bot-ban-ghi")
    if old_fig and new_fig and old_fig.get("tong_tien") != new_fig.get("tong_tien"):
        out.add("doi-so-tien")
    moved = added | removed
    for k in set(old) | set(new):
        if k.rsplit("|", 1)[0] in moved:
            continue
        if _canon(old.get(k)) != _canon(new.get(k)):
            out.add("sua-noi-dung")
    return out, len(added)


def rule_for(env: DocEnv, kind: str, found: set[str]) -> dict | None:
    for rule in load_rules(env.rules_dir)["quy_tac"]:
        if kind in rule["loai_goc"] and found & set(rule["co"]) \
                and ("chi" not in rule or found <= set(rule["chi"])):
            return rule
    return None


def plan(ws, env: DocEnv, jobs: list[DocJob], opts: "BuildOptions") -> Plan:
    out = Plan()
    recs = records.lookup(ws)
    if not recs:
        return out
    wanted = not opts.kinds or bool(set(opts.kinds) & set(KINDS))
    by_id = {j.id: j for j in jobs}
    planned_kinds: dict[str, dict[str, DocJob]] = {}
    for x in recs.values():
        if x.kind in KINDS or not (wanted or x.kind in opts.kinds):
            continue
        job = by_id.get(x.doc_id)
        if job is None:
            if x.kind not in planned_kinds:
                planned_kinds[x.kind] = {j.id: j for j in kind_module(x.kind).plan(env)}
            job = planned_kinds[x.kind].get(x.doc_id)
        if job is None or job.blocked:
            continue
        out.originals.add(x.doc_id)
        _one(ws, env, x, job, recs, out)
    return out


def _one(ws, env: DocEnv, x: records.Record, job: DocJob, recs: dict[str, records.Record], out: Plan) -> None:
    links = chain(x, recs)
    last = links[-1]
    cells = json.loads(_canon(job.cells))
    if _canon(cells) == _canon(data_cells(last)):
        if last is not x:
            for link in links[:-1]:
                out.verdicts[link.doc_id] = Verdict("corrected", last.doc_id)
        return
    from . import correction_text as ct

    old_text = (ct.units(records.copy_path(ws, x.year, x.doc_id, ".docx").read_bytes()) if last is x
                else last.cells[key(x.doc_id, "van-ban")])
    new_text = _render_units(env, job, x)
    items = ct.changes(old_text, new_text)
    if not items:
        return
    old_fig = x.figures if last is x else last.cells.get(key(x.doc_id, "so-lieu"))
    found, added = groups(data_cells(last), cells, old_fig, job.figures)
    rule = rule_for(env, x.kind, found)
    if rule is None:
        return
    kind = rule["dung"]
    cid = f"{kind}-{x.doc_id}" + (f"-{len(links)}" if len(links) > 1 else "")
    year = max(last.date.year, env.today.year)
    month = last.date.month if year == last.date.year else 1
    ve_viec = _ve_viec(job, last)
    cjob = dinh_chinh.make_job(
        env, kind, job_id=cid, original=job, base=last, items=items,
        cells={**cells, key(x.doc_id, "van-ban"): new_text, key(x.doc_id, "so-lieu"): job.figures,
               key(x.doc_id, "sua"): [last.doc_id, last.number, last.issue_date]},
        year=year, month=month, extra={"ve_viec": ve_viec, "added_records": added, "old_figures": old_fig,
               "original_kind": x.kind})
    out.jobs.append(cjob)
    out.corrects[cid] = last.doc_id
    for link in links:
        out.verdicts[link.doc_id] = Verdict("correction-drafted", cid)


def _ve_viec(job: DocJob, base: records.Record) -> str:
    if base.kind in KINDS:    # "Công văn đính chính …", "Quyết định sửa đổi, bổ sung …"
        return f"về việc {base.title.split(' ', 2)[-1]}"
    text = job.context["van_ban"]["trich_yeu"]
    text = text[:1].lower() + text[1:]
    return text if text.startswith("về") else f"về {text}"


def _render_units(env: DocEnv, job: DocJob, x: records.Record) -> list[str]:
    """The words the issued document would carry on today's data (same number and date)."""
    from .correction_text import units
    from .render import compiled

    ctx = copy.deepcopy(job.context)
    ctx["van_ban"].update({"so": x.number, "ngay": x.date, "thang": x.date.month, "nam": x.date.year,
                           "ban_hanh": True})
    return units(compiled(env.templates_dir / job.template).render(ctx, core_title=job.title))


def links_in_state(state: "State") -> dict[str, str]:
    """Issued id -> "correction-drafted" | "corrected", from the versions kept in the state: a
    document stays "correction-drafted" while any correction down its chain is a draft."""
    versions = state.versions()
    issued = {v.doc_id for v in versions if v.issued}
    by_base: dict[str, set[str]] = {}
    for v in versions:
        if v.corrects and v.kind in KINDS:
            by_base.setdefault(v.corrects, set()).add(v.doc_id)

    def verdict(base: str, depth: int = 0) -> str | None:
        found = by_base.get(base)
        if not found or depth > 50:
            return None
        if any(c not in issued for c in found):
            return "correction-drafted"
        deeper = [verdict(c, depth + 1) for c in found]
        return "correction-drafted" if "correction-drafted" in deeper else "corrected"

    return {base: link for base in by_base if (link := verdict(base)) is not None}


def verdict_reasons(verdict: Verdict, issued, job: DocJob) -> list[str]:
    if verdict.state == "corrected":
        return [f"Văn bản đã ban hành (số {issued.number:02d}/{job.symbol}) đã được đính chính, sửa "
                f"đổi bằng văn bản {verdict.by}; dữ liệu hiện tại khớp với văn bản đó."]
    return [f"Văn bản đã ban hành (số {issued.number:02d}/{job.symbol}); dữ liệu đã thay đổi sau khi "
            f"ban hành. Đã soạn dự thảo {verdict.by} để đính chính, sửa đổi; văn bản đã ban hành giữ "
            f"nguyên. Xem, ký và ban hành {verdict.by} (lệnh `issue`)."]


def sweep(tree: "OutputTree", state: "State", fixes: Plan, jobs: list[DocJob]) -> list[str]:
    """Drafts of corrections no longer called for (the data went back before they were
    issued) leave the state and the clerk's folder; their versions stay under phien-ban/."""
    planned = {j.id for j in jobs}
    notes: list[str] = []
    gone: dict[str, Version] = {}
    for v in state.versions():
        if v.kind in KINDS and v.doc_id not in planned and v.corrects:
            gone.setdefault(v.doc_id, v)
    for doc_id, v in gone.items():
        assert v.corrects is not None          # kept above only with it
        if state.issued(doc_id) is not None or _root(v.corrects, state) not in fixes.originals:
            continue
        state.forget_drafts(doc_id)
        for suffix in (".docx", ".pdf"):
            cur = tree.current_path(doc_id, v.year, suffix)
            if cur.exists():
                cur.unlink()
        notes.append(f"Đã bỏ bản dự thảo {doc_id} ({v.title}): dữ liệu của {v.corrects} đã trở lại "
                     f"như khi ban hành (hoặc cần văn bản khác), nên không còn cần văn bản này. Các "
                     f"phiên bản cũ vẫn được giữ trong {tree.year_dir(v.year) / 'phien-ban'}.")
    return notes


def _root(doc_id: str, state: "State") -> str:
    """The original at the start of a chain of corrections."""
    for _ in range(50):
        v = state.latest(doc_id)
        if v is None or not v.corrects:
            return doc_id
        doc_id = v.corrects
    return doc_id
