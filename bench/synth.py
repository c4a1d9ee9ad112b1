"""Synthetic, valid workspaces for the benchmark (deterministic: same seed, same files).

    commune(folder, seed)                    one unit: don_vi.yaml, the three workbooks, the plan
    city(root, n_units, seed)                n unit folders under root/inputs/ (multi-unit workspace)
    big_validation(folder, roster, cases)    one unit with a huge roster and case file

Sizes follow docs/domain.md §8: ~10 thôn and ~60 mediators per commune, ~40 cases a year. Data is
valid under rules/ (teams of ≥ 3 recognised mediators with exactly one leader and at least one
woman; cases mediated by active members of their thôn's team; dates in order and in the
past of the reference day), so every document kind has something to draw and nothing blocks.
Names are realistic Vietnamese names (bench/names.py).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import names
from .xlsx import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 27)       # reference day of the data (everything happens before it)
YEAR = 2026

ROSTER_HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Thôn", "Chức danh",
                  "Ngày công nhận", "Số quyết định công nhận", "Chuyên môn luật", "Năm bồi dưỡng",
                  "Số CCCD", "Điện thoại", "Ngày thôi", "Lý do thôi"]
CASE_HEADERS = ["Mã vụ việc", "Ngày tiếp nhận", "Thôn", "Lĩnh vực", "Nội dung tóm tắt", "Căn cứ hòa giải",
                "Hòa giải viên", "Ngày phân công", "Ngày bắt đầu", "Kết quả", "Ngày kết thúc", "Ghi chú"]
RESULT_HEADERS = ["Thôn", "Ngày kiểm tra", "Sổ theo dõi", "Xếp loại", "Ưu điểm", "Tồn tại, hạn chế",
                  "Kiến nghị", "Hạn khắc phục"]
TEAM_HEADERS = ["Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ trong đoàn"]

LINH_VUC = [("Mâu thuẫn giữa các bên", 30), ("Tranh chấp dân sự", 15), ("Đất đai", 25),
            ("Hôn nhân và gia đình", 20), ("Vi phạm pháp luật nhỏ", 5), ("Khác", 5)]
NOI_DUNG = {
    "Mâu thuẫn giữa các bên": ["Mâu thuẫn giữa hai hộ liền kề do lối đi chung",
                               "Xô xát lời qua tiếng lại giữa hai gia đình",
                               "Mâu thuẫn do gia súc phá hoại hoa màu"],
    "Tranh chấp dân sự": ["Tranh chấp tiền vay mượn giữa hai hộ", "Tranh chấp tiền mua bán phân bón"],
    "Đất đai": ["Tranh chấp ranh giới thửa đất giữa hai hộ", "Tranh chấp lối đi chung",
                "Tranh chấp quyền sử dụng đất vườn trong gia đình"],
    "Hôn nhân và gia đình": ["Mâu thuẫn vợ chồng", "Mâu thuẫn giữa mẹ chồng và con dâu",
                             "Tranh chấp việc nuôi dưỡng cha mẹ già"],
    "Vi phạm pháp luật nhỏ": ["Xả rác thải ra đường làng", "Gây ồn ào sau 22 giờ"],
    "Khác": ["Mâu thuẫn do nước thải sinh hoạt chảy sang nhà bên cạnh"],
}


@dataclass
class Size:
    thon: int = 10
    per_team: int = 6
    cases: int = 40


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _date_between(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, max((b - a).days, 0)))


def _cccd(rng: random.Random, born: int, gioi_tinh: str) -> str:
    century = (0 if gioi_tinh == "Nam" else 1) if born < 2000 else (2 if gioi_tinh == "Nam" else 3)
    return f"031{century}{born % 100:02d}{rng.randint(0, 999999):06d}"


def _mediators(rng: random.Random, thon: list[str], per_team: int, dtts: set[str]) -> list[dict]:
    """Roster rows; each team: one leader, ≥ 2 women, ≥ 3 active all year; a few joins and leaves in YEAR."""
    rows: list[dict] = []
    seen: set[tuple[str, int]] = set()
    for t in thon:
        genders = ["Nữ", "Nữ"] + [rng.choice(["Nam", "Nữ"]) for _ in range(per_team - 2)]
        rng.shuffle(genders)
        for k, g in enumerate(genders):
            while True:
                name, born = names.person(rng, g), rng.randint(1950, 1995)
                if (name, born) not in seen:
                    seen.add((name, born))
                    break
            recognised = _date_between(rng, dt.date(2019, 1, 1), dt.date(2025, 12, 31))
            row = {"ho_ten": name, "ngay_sinh": dt.date(born, rng.randint(1, 12), rng.randint(1, 28)),
                   "gioi_tinh": g, "dan_toc": rng.choice(names.DAN_TOC_KHAC) if (t in dtts and k == 0) else "Kinh",
                   "thon": t, "chuc_danh": "Tổ trưởng" if k == 0 else "Hòa giải viên",
                   "ngay_cong_nhan": recognised, "so_qd": f"{rng.randint(1, 150):02d}/QĐ-UBND",
                   "luat": rng.random() < 0.12, "boi_duong": rng.choice([None, 2023, 2024, 2025, 2026]),
                   "ngay_thoi": None, "ly_do": None}
            # one member beyond the minimum leaves this year, another is recognised this year
            if k == per_team - 1 and per_team > 4 and rng.random() < 0.3:
                row["ngay_thoi"] = _date_between(rng, dt.date(YEAR, 2, 1), TODAY - dt.timedelta(days=10))
                row["ly_do"] = "Tự nguyện"
            if k == per_team - 2 and per_team > 4 and rng.random() < 0.3:
                row["ngay_cong_nhan"] = _date_between(rng, dt.date(YEAR, 1, 5), TODAY - dt.timedelta(days=30))
            rows.append(row)
    return rows


def _active(m: dict, day: dt.date) -> bool:
    return m["ngay_cong_nhan"] <= day and (m["ngay_thoi"] is None or m["ngay_thoi"] > day)


def _cases(rng: random.Random, prefix: str, thon: list[str], roster: list[dict], n: int) -> list[dict]:
    by_thon: dict[str, list[dict]] = {}
    for m in roster:
        by_thon.setdefault(m["thon"], []).append(m)
    rows = []
    for i in range(1, n + 1):
        t = rng.choice(thon)
        received = _date_between(rng, dt.date(YEAR, 1, 5), TODAY - dt.timedelta(days=5))
        active = [m for m in by_thon[t] if _active(m, received)]
        who = rng.sample(active, k=min(len(active), rng.choice([1, 2, 2, 3])))
        assigned = received + dt.timedelta(days=rng.randint(0, 2))
        started = assigned + dt.timedelta(days=rng.randint(0, 3))
        ended = started + dt.timedelta(days=rng.randint(1, 25))
        lv = _weighted(rng, LINH_VUC)
        if ended >= TODAY:
            result, ended = "Đang giải quyết", None
        else:
            result = _weighted(rng, [("Thành", 82), ("Không thành", 15), ("Đang giải quyết", 3)])
            if result == "Đang giải quyết":
                ended = None
        rows.append({"ma": f"{prefix}-{YEAR}-{i:03d}", "ngay_tiep_nhan": received, "thon": t, "linh_vuc": lv,
                     "noi_dung": rng.choice(NOI_DUNG[lv]),
                     "can_cu": _weighted(rng, [("Yêu cầu", 70), ("Chứng kiến", 10), ("Phân công", 15), ("Đề nghị", 5)]),
                     "hgv": "; ".join(m["ho_ten"] for m in who), "ngay_phan_cong": assigned,
                     "ngay_bat_dau": started, "ket_qua": result, "ngay_ket_thuc": ended, "ghi_chu": None})
    rows.sort(key=lambda r: (r["ngay_tiep_nhan"], r["ma"]))
    return rows


def roster_rows(roster: list[dict], rng: random.Random):
    for i, m in enumerate(roster, 1):
        born = m["ngay_sinh"].year
        yield [i, m["ho_ten"], m["ngay_sinh"], m["gioi_tinh"], m["dan_toc"], m["thon"], m["chuc_danh"],
               m["ngay_cong_nhan"], m["so_qd"], "Có" if m["luat"] else "Không", m["boi_duong"],
               _cccd(rng, born, m["gioi_tinh"]), f"09{rng.randint(10_000_000, 99_999_999)}",
               m["ngay_thoi"], m["ly_do"]]


def case_rows(cases: list[dict]):
    for c in cases:
        yield [c["ma"], c["ngay_tiep_nhan"], c["thon"], c["linh_vuc"], c["noi_dung"], c["can_cu"], c["hgv"],
               c["ngay_phan_cong"], c["ngay_bat_dau"], c["ket_qua"], c["ngay_ket_thuc"], c["ghi_chu"]]


def _profile(name: str, thon: list[str], rng: random.Random, dtts: set[str]) -> dict:
    return {"ten_don_vi": f"Ủy ban nhân dân xã {name}", "dia_danh": name,
            "thon": [{"ten": t, **({"dtts": True} if t in dtts else {})} for t in thon],
            "nguoi_ky": [{"ho_ten": names.person(rng, "Nam"), "chuc_vu": "Phó Chủ tịch"},
                         {"ho_ten": names.person(rng, "Nam"), "chuc_vu": "Chủ tịch"}]}


def _plan_text(name: str) -> str:
    text = (ROOT / "inputs" / f"ke_hoach_{YEAR}.yaml").read_text("utf-8")
    return text.replace("An Thành", name)


def commune(folder: Path, seed: int, *, name: str | None = None, size: Size = Size(),
            taken: set[str] | None = None) -> dict:
    """Write one valid unit into `folder`; returns a summary (name, mediators, cases)."""
    rng = random.Random(seed)
    taken = taken if taken is not None else set()
    name = name or names.place(rng, taken)
    thon_taken: set[str] = set()
    thon = [names.place(rng, thon_taken) for _ in range(size.thon)]
    dtts = {thon[0]} if rng.random() < 0.1 else set()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "don_vi.yaml").write_text(
        yaml.safe_dump(_profile(name, thon, rng, dtts), allow_unicode=True, sort_keys=False), "utf-8")
    roster = _mediators(rng, thon, size.per_team, dtts)
    write_xlsx(folder / "hoa_giai_vien.xlsx", [("Danh sách", ROSTER_HEADERS, list(roster_rows(roster, rng)))])
    cases = _cases(rng, "VV", thon, roster, size.cases)
    write_xlsx(folder / "vu_viec.xlsx", [("Vụ việc", CASE_HEADERS, list(case_rows(cases)))])
    inspected = rng.sample(thon, k=min(3, len(thon)))
    day = _date_between(rng, dt.date(YEAR, 9, 1), dt.date(YEAR, 10, 31))
    results = [[t, day, "Có", rng.choice(["Tốt", "Khá", "Khá", "Trung bình"]),
                "Tổ hòa giải hoạt động đều, ghi chép sổ theo dõi đầy đủ",
                "Một số vụ việc ghi chép còn sơ sài", "Bổ sung kỹ năng ghi sổ",
                day + dt.timedelta(days=30)] for t in inspected]
    team = [[names.person(rng, "Nam"), "Phó Chủ tịch Ủy ban nhân dân xã", "Trưởng đoàn"],
            [names.person(rng, "Nữ"), "Công chức Tư pháp - Hộ tịch", "Phó trưởng đoàn"],
            [names.person(rng, "Nam"), "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Thành viên"],
            [names.person(rng, "Nữ"), "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Thư ký"]]
    write_xlsx(folder / "kiem_tra.xlsx", [("Kết quả", RESULT_HEADERS, results),
                                           ("Đoàn kiểm tra", TEAM_HEADERS, team)])
    (folder / f"ke_hoach_{YEAR}.yaml").write_text(_plan_text(name), "utf-8")
    return {"name": name, "mediators": len(roster), "cases": len(cases)}


def unit_folder(index: int) -> str:
    return f"xa-{index:04d}"


def city(root: Path, n_units: int, seed: int, size: Size = Size()) -> Path:
    """A multi-unit workspace: root/inputs/xa-0001 … (cached: rewritten only when absent)."""
    inputs = root / "inputs"
    marker = root / f".complete-{n_units}-{seed}"
    if marker.exists():
        return inputs
    shutil.rmtree(root, ignore_errors=True)
    taken: set[str] = set()
    rng = random.Random(seed)
    for i in range(1, n_units + 1):
        commune(inputs / unit_folder(i), rng.randrange(1 << 30), size=size, taken=taken)
    marker.write_text("ok")
    return inputs


def big_validation(folder: Path, roster_rows_n: int, case_rows_n: int, seed: int) -> Path:
    """One unit with a national-size roster and case file (valid data), cached."""
    marker = folder / f".complete-{roster_rows_n}-{case_rows_n}-{seed}"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(seed)
    per_team = 6
    n_thon = max(1, roster_rows_n // per_team)
    thon_taken: set[str] = set()
    base = [names.place(rng, thon_taken) for _ in range(min(n_thon, 2000))]
    thon = [f"{base[i % len(base)]} {i // len(base) + 1}" if n_thon > len(base) else base[i]
            for i in range(n_thon)]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "don_vi.yaml").write_text(
        yaml.safe_dump(_profile("Tổng Hợp", thon, rng, set()), allow_unicode=True, sort_keys=False), "utf-8")
    roster = _mediators(rng, thon, per_team, set())
    write_xlsx(folder / "hoa_giai_vien.xlsx", [("Danh sách", ROSTER_HEADERS, roster_rows(roster, rng))])
    cases = _cases(rng, "VV", thon, roster, case_rows_n)
    write_xlsx(folder / "vu_viec.xlsx", [("Vụ việc", CASE_HEADERS, case_rows(cases))])
    marker.write_text("ok")
    return folder
