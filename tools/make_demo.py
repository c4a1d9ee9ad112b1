"""Regenerate the demo workbooks of xã An Thành: inputs/hoa_giai_vien.xlsx, vu_viec.xlsx,
kiem_tra.xlsx.

    python tools/make_demo.py [--inputs DIR]

Deterministic (fixed seed, fixed file timestamps): running it twice gives the same bytes.
The thôn come from inputs/don_vi.yaml, which this script never changes.

The story of 2026, which the documents tell:
- 10 teams, one per thôn, each valid on every check date after August: at least three
  recognised mediators, at least one woman, exactly one tổ trưởng.
- March 2026: two mediators recognised (An Lại, Tiên Hội).
- May 2026: the tổ trưởng of Phù Lưu stops ("Tự nguyện"); August 2026: three recognised —
  the new tổ trưởng of Phù Lưu, one for Kim Sơn, one for Vĩnh Khê; September 2026: a
  mediator of Kim Sơn stops ("Không còn đủ tiêu chuẩn"). (From 20/5 to 14/8 Phù Lưu has no
  recognised tổ trưởng — the time the team took to elect one.) Each of these rows names the
  proposal it answers (Văn bản đề nghị công nhận / thôi, with its date), and the new tổ trưởng
  of Phù Lưu his election (5 of the team's 6 mediators).
- 52 cases from January to November over every lĩnh vực, some received in one month and
  ended in the next (June → July among them); three still "Đang giải quyết".
- One inspection round ("Đợt 1", 06/10–05/11/2026, one notice), by a team of five headed by
  the Phó Chủ tịch Nguyễn Đức Thắng; each team's shortcoming and the request that answers it
  go together.
- Every case is within the scope of Luật HGCS Điều 3 (none is a public-interest or
  administrative matter); case VV-2026-041 ended because the parties asked to stop (Điều 23 b).

Realistic mess that is still valid: a title row above each header, some dates typed as text
"dd/mm/yyyy", some birth dates as a year alone. Two deliberate warnings: case VV-2026-017
started five days after assignment (late-start), case VV-2026-033 has no Căn cứ hòa giải
(missing-mediation-ground). CCCD and phone numbers are fictitious, consistent with sex and
birth year (Hải Phòng code 031); they must never reach a document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402

from hoagiai import xlsx_writer  # noqa: E402
from hoagiai.unit_profile import load_profile  # noqa: E402

SEED = 2026
TODAY = dt.date(2026, 11, 27)          # the demo's "now"; no date after it
FIXED_TIME = (2026, 11, 27, 0, 0, 0)   # zip entry time, for byte-identical output

# --- people -------------------------------------------------------------------------------
HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương",
      "Đinh", "Lương", "Mai", "Tô", "Cao", "Âu", "Ưng", "Phan", "Trịnh", "Hà", "Quách"]
HO_WEIGHTS = [14, 9, 8, 7, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 3, 2, 2, 1]
DEM_NAM = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Thế", "Ngọc"]
DEM_NU = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Kim"]
TEN_NAM = ["An", "Ân", "Bình", "Cường", "Chiến", "Dũng", "Đạt", "Đông", "Giang", "Hải", "Hùng",
           "Khải", "Khoa", "Lâm", "Long", "Mạnh", "Nam", "Phong", "Phúc", "Quý", "Sơn", "Tâm",
           "Thành", "Toàn", "Tuấn", "Vinh", "Ước", "Yên", "Bảo", "Định", "Hưng", "Lực"]
TEN_NU = ["Anh", "Ánh", "Bích", "Cúc", "Dung", "Đào", "Hà", "Hạnh", "Hoa", "Hồng", "Hương",
          "Lan", "Liên", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phượng", "Quyên", "Thảo",
          "Thu", "Uyên", "Vân", "Yến", "Xuân", "Gấm", "Ái", "Diệp"]

PHONE_PREFIXES = ["091", "094", "088", "098", "097", "096", "086", "032", "033", "034", "035",
                  "036", "037", "038", "039", "070", "077", "079", "083", "084", "085"]

# recognition batches: date, decision number
EARLY = [(dt.date(2024, 3, 15), "35/QĐ-UBND"), (dt.date(2025, 1, 10), "06/QĐ-UBND"),
         (dt.date(2025, 9, 12), "112/QĐ-UBND")]
MARCH_2026 = (dt.date(2026, 3, 16), "28/QĐ-UBND")
AUGUST_2026 = (dt.date(2026, 8, 14), "96/QĐ-UBND")
STOP_MAY = dt.date(2026, 5, 20)
STOP_SEPTEMBER = dt.date(2026, 9, 18)
# The proposals each 2026 decision answers (Trưởng ban công tác Mặt trận thôn; NQLT 01/2014
# Mẫu 06, 07, 08): document and date, and the tổ trưởng election of Phù Lưu (5 of 6 votes).
PROPOSALS_2026 = {
    ("An Lại", MARCH_2026[0]): ("Danh sách số 01/DS-BCTMT", dt.date(2026, 3, 10)),
    ("Tiên Hội", MARCH_2026[0]): ("Danh sách số 02/DS-BCTMT", dt.date(2026, 3, 11)),
    ("Phù Lưu", AUGUST_2026[0]): ("Văn bản số 05/ĐN-BCTMT", dt.date(2026, 8, 10)),
    ("Kim Sơn", AUGUST_2026[0]): ("Danh sách số 03/DS-BCTMT", dt.date(2026, 8, 7)),
    ("Vĩnh Khê", AUGUST_2026[0]): ("Danh sách số 04/DS-BCTMT", dt.date(2026, 8, 7)),
}
STOP_PROPOSALS_2026 = {
    STOP_MAY: ("Văn bản số 02/ĐN-BCTMT", dt.date(2026, 5, 14)),
    STOP_SEPTEMBER: ("Văn bản số 06/ĐN-BCTMT", dt.date(2026, 9, 11)),
}
LEADER_VOTE_2026 = {"Phù Lưu": (5, 6)}
TEAM_SIZES = [7, 6, 6, 6, 6, 7, 5, 6, 7, 6]   # members recognised before 2026, per thôn

# --- cases -----------------------------------------------------------------------------------
SUMMARIES = {
    "Mâu thuẫn giữa các bên": [
        "Mâu thuẫn giữa hai hộ liền kề do nước thải sinh hoạt chảy sang",
        "Mâu thuẫn do tiếng ồn từ xưởng mộc của gia đình",
        "Mâu thuẫn do gà vịt thả rông làm hư hại hoa màu",
        "Mâu thuẫn giữa hai hộ về việc đổ rác không đúng nơi quy định",
        "Mâu thuẫn do cây cối nhà bên cạnh che khuất, rụng lá sang sân"],
    "Tranh chấp dân sự": [
        "Tranh chấp tiền vay mượn giữa hai gia đình",
        "Tranh chấp về bồi thường cây trồng bị hư hại do trâu bò",
        "Tranh chấp hợp đồng thuê máy cày vụ chiêm",
        "Tranh chấp tiền công xây dựng nhà ở",
        "Tranh chấp về việc trả lại tài sản cho mượn"],
    "Đất đai": [
        "Tranh chấp lối đi chung giữa hai hộ liền kề",
        "Tranh chấp ranh giới đất vườn giữa hai hộ",
        "Tranh chấp mốc giới thửa đất nông nghiệp",
        "Tranh chấp quyền sử dụng rãnh thoát nước chung"],
    "Hôn nhân và gia đình": [
        "Mâu thuẫn vợ chồng do bất đồng trong chi tiêu gia đình",
        "Mâu thuẫn giữa mẹ chồng và con dâu trong sinh hoạt hằng ngày",
        "Mâu thuẫn giữa anh chị em ruột về việc chăm sóc cha mẹ già",
        "Mâu thuẫn vợ chồng do chồng thường xuyên uống rượu"],
    "Vi phạm pháp luật nhỏ": [
        "Xô xát nhỏ giữa hai thanh niên trong thôn, chưa đến mức xử lý",
        "Trẻ em làm vỡ kính cửa sổ nhà hàng xóm",
        "Lời qua tiếng lại dẫn đến xúc phạm nhau giữa hai người hàng xóm, chưa đến mức xử lý"],
    "Khác": [
        "Bất đồng về việc đóng góp xây dựng nhà văn hóa thôn",
        "Mâu thuẫn về việc dùng loa đài công suất lớn trong đám cưới",
        "Bất đồng về việc chia nước tưới ruộng vụ mùa"],
}
GROUNDS = ["Yêu cầu", "Yêu cầu", "Yêu cầu", "Chứng kiến", "Phân công", "Đề nghị"]
N_CASES = 52
LATE_START_CASE = 17
NO_GROUND_CASE = 33
STOPPED_CASE = 41      # the parties asked to stop the mediation (Luật HGCS Điều 23 b)

# --- inspection ------------------------------------------------------------------------------
INSPECTION_TEAM = [
    ("Nguyễn Đức Thắng", "Phó Chủ tịch Ủy ban nhân dân xã", "Trưởng đoàn"),
    ("Lê Văn Bảo", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Phó trưởng đoàn"),
    ("Đỗ Thị Hạnh", "Phó Chủ tịch Hội Liên hiệp Phụ nữ xã", "Thành viên"),
    ("Vũ Minh Tuấn", "Công chức Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "Thành viên"),
    ("Phạm Thị Thu Trang", "Công chức Tư pháp - Hộ tịch xã", "Thư ký"),
]
ROUND = "Đợt 1"      # column "Đợt kiểm tra": the whole 06/10–05/11 round is one notice
# (strength, shortcoming, the request that answers that shortcoming), by grade
FINDINGS = {
    "Tốt": [
        ("Tổ hòa giải được kiện toàn kịp thời; hòa giải viên nhiệt tình, nắm chắc địa bàn",
         "Có tháng chưa gửi báo cáo kết quả hòa giải về Ủy ban nhân dân xã đúng kỳ",
         "Gửi báo cáo kết quả hòa giải hằng tháng về Ủy ban nhân dân xã đúng kỳ"),
        ("Các vụ việc được tiếp nhận và hòa giải kịp thời, tỷ lệ hòa giải thành cao",
         "Chưa lập văn bản hòa giải thành cho một vụ việc các bên có yêu cầu",
         "Lập văn bản hòa giải thành khi các bên có yêu cầu theo Điều 24 Luật Hòa giải ở cơ sở"),
        ("Hòa giải viên tham gia đầy đủ các lớp bồi dưỡng; vận dụng tốt kiến thức pháp luật",
         "Hồ sơ đề nghị thanh toán thù lao có vụ việc chưa kèm trích Sổ theo dõi",
         "Kèm Sổ theo dõi hoạt động hòa giải khi đề nghị thanh toán thù lao"),
    ],
    "Khá": [
        ("Tổ trưởng phân công hòa giải viên hợp lý; phối hợp tốt với Ban công tác Mặt trận thôn",
         "Một số vụ việc bắt đầu hòa giải chậm so với thời hạn 03 ngày kể từ ngày được phân công",
         "Bảo đảm bắt đầu hòa giải trong thời hạn 03 ngày kể từ ngày được phân công"),
        ("Sổ theo dõi hoạt động hòa giải được lập theo mẫu; tổ họp định kỳ hằng quý",
         "Ghi chép Sổ theo dõi hoạt động hòa giải còn sơ sài, một số vụ việc chưa ghi kết quả",
         "Ghi đầy đủ kết quả từng vụ việc vào Sổ theo dõi hoạt động hòa giải ở cơ sở"),
    ],
    "Trung bình": [
        ("Hòa giải viên nhiệt tình, kịp thời nắm bắt mâu thuẫn tại khu dân cư",
         "Chưa mở Sổ theo dõi hoạt động hòa giải ở cơ sở theo mẫu",
         "Mở và ghi chép Sổ theo dõi hoạt động hòa giải ở cơ sở theo mẫu của Bộ Tư pháp"),
    ],
}


class Demo:
    def __init__(self, thon: list[str]):
        self.rng = random.Random(SEED)
        self.thon = thon
        self.used_names: set[str] = set()

    # people --------------------------------------------------------------------------
    def name(self, female: bool) -> str:
        while True:
            ho = self.rng.choices(HO, HO_WEIGHTS)[0]
            dem = self.rng.choice(DEM_NU if female else DEM_NAM)
            ten = self.rng.choice(TEN_NU if female else TEN_NAM)
            full = f"{ho} {dem} {ten}"
            if full not in self.used_names and ten != dem:
                self.used_names.add(full)
                return full

    def person(self, thon: str, female: bool, leader: bool, recognised: tuple[dt.date, str]) -> dict:
        rng = self.rng
        year = rng.randint(1950, 1995)
        born = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        cccd = f"031{1 if female else 0}{year % 100:02d}{rng.randint(0, 999999):06d}"
        phone = rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 9999999):07d}"
        return {
            "ho_ten": self.name(female), "born": born, "year_only": rng.random() < 0.15,
            "gioi_tinh": "Nữ" if female else "Nam",
            "dan_toc": "Kinh" if rng.random() < 0.95 else rng.choice(["Tày", "Mường"]),
            "thon": thon, "chuc_danh": "Tổ trưởng" if leader else "Hòa giải viên",
            "ngay_cong_nhan": recognised[0], "so_qd": recognised[1],
            "chuyen_mon_luat": "Có" if rng.random() < 0.12 else "Không",
            "nam_boi_duong": rng.choice([2024, 2025, 2025, 2026, None]),
            "so_cccd": cccd, "dien_thoai": phone, "ngay_thoi": None, "ly_do_thoi": None,
        }

    def roster(self) -> list[dict]:
        rng = self.rng
        people: list[dict] = []
        for i, thon in enumerate(self.thon):
            size = TEAM_SIZES[i]
            women = rng.randint(2, 3)
            leader_female = rng.random() < 0.3
            for k in range(size):
                leader = k == 0
                female = leader_female if leader else (k <= women - (1 if leader_female else 0))
                batch = EARLY[0] if leader or rng.random() < 0.6 else rng.choice(EARLY)
                people.append(self.person(thon, female, leader, batch))
        by_thon = lambda name: [p for p in people if p["thon"] == name]  # noqa: E731
        # 2026: recognitions and stops (see the module docstring)
        people.append(self.person("An Lại", True, False, MARCH_2026))
        people.append(self.person("Tiên Hội", False, False, MARCH_2026))
        phu_luu_leader = by_thon("Phù Lưu")[0]
        phu_luu_leader.update(ngay_thoi=STOP_MAY, ly_do_thoi="Tự nguyện")
        people.append(self.person("Phù Lưu", False, True, AUGUST_2026))
        people.append(self.person("Kim Sơn", False, False, AUGUST_2026))
        people.append(self.person("Vĩnh Khê", True, False, AUGUST_2026))
        kim_son_member = [p for p in by_thon("Kim Sơn") if p["chuc_danh"] != "Tổ trưởng"
                          and p["gioi_tinh"] == "Nam"][0]
        kim_son_member.update(ngay_thoi=STOP_SEPTEMBER, ly_do_thoi="Không còn đủ tiêu chuẩn")
        # the list as a clerk keeps it: by thôn, leader first, then in order of recognition
        order = {t: i for i, t in enumerate(self.thon)}
        people.sort(key=lambda p: (order[p["thon"]], p["chuc_danh"] != "Tổ trưởng", p["ngay_cong_nhan"]))
        return people

    # cases ---------------------------------------------------------------------------
    def cases(self, roster: list[dict]) -> list[dict]:
        rng = self.rng
        fields = list(SUMMARIES)
        out = []
        received_days = sorted(self.workday(dt.date(2026, 1, 5), dt.date(2026, 11, 20))
                               for _ in range(N_CASES))
        for n, received in enumerate(received_days, start=1):
            thon = self.thon[(n * 7) % len(self.thon)]
            linh_vuc = fields[n % len(fields)]
            assigned = received + dt.timedelta(days=rng.choice([0, 0, 1]))
            start = assigned + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3]))
            if n == LATE_START_CASE:
                start = assigned + dt.timedelta(days=5)
            end: dt.date | None = min(start + dt.timedelta(days=rng.randint(1, 18)), TODAY - dt.timedelta(days=1))
            if n > N_CASES - 3:
                result, end = "Đang giải quyết", None
            else:
                result = "Không thành" if rng.random() < 0.2 else "Thành"
                if n == STOPPED_CASE:
                    result = "Chấm dứt theo yêu cầu"     # Luật HGCS Điều 23 b)
            last_day = end or TODAY
            active = [p for p in roster if p["thon"] == thon and p["ngay_cong_nhan"] <= received
                      and (p["ngay_thoi"] is None or p["ngay_thoi"] > last_day)]
            team = rng.sample(active, k=min(len(active), rng.choice([1, 2, 2, 3])))
            out.append({
                "ma_vu_viec": f"VV-2026-{n:03d}", "ngay_tiep_nhan": received, "thon": thon,
                "linh_vuc": linh_vuc, "noi_dung": rng.choice(SUMMARIES[linh_vuc]),
                "can_cu": None if n == NO_GROUND_CASE else rng.choice(GROUNDS),
                "hoa_giai_vien": "; ".join(p["ho_ten"] for p in team),
                "ngay_phan_cong": assigned, "ngay_bat_dau": start, "ket_qua": result,
                "ngay_ket_thuc": end,
                "ghi_chu": "Các bên tự nguyện thỏa thuận" if result == "Thành" and rng.random() < 0.2 else None,
            })
        return out

    def workday(self, lo: dt.date, hi: dt.date) -> dt.date:
        while True:
            d = lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))
            if d.weekday() < 5:
                return d

    # inspections ---------------------------------------------------------------------
    def inspections(self) -> list[dict]:
        rng = self.rng
        days = [dt.date(2026, 10, d) for d in (6, 8, 13, 15, 20, 22, 27)] + \
               [dt.date(2026, 11, d) for d in (3, 4, 5)]
        grades = ["Tốt", "Tốt", "Khá", "Tốt", "Khá", "Trung bình", "Tốt", "Khá", "Tốt", "Khá"]
        out = []
        for i, (thon, day) in enumerate(zip(self.thon, days)):
            grade = grades[i]
            uu_diem, ton_tai, kien_nghi = rng.choice(FINDINGS[grade])
            out.append({
                "thon": thon, "ngay_kiem_tra": day, "so_theo_doi": "Có" if grade != "Trung bình" else "Không",
                "xep_loai": grade, "uu_diem": uu_diem, "ton_tai": ton_tai, "kien_nghi": kien_nghi,
                "han_khac_phuc": dt.date(2026, 12, 31) if grade != "Tốt" else dt.date(2027, 3, 31),
                "dot_kiem_tra": ROUND,
            })
        return out

    # writing ---------------------------------------------------------------------------
    def as_date(self, d: dt.date | None, text_share: float = 0.2):
        """A real Excel date, or (sometimes) text dd/mm/yyyy as clerks type it."""
        if d is None:
            return None
        return d.strftime("%d/%m/%Y") if self.rng.random() < text_share else d


def sheet(wb: Workbook, title: str, banner: str, headers: list[str], rows: list[list],
          widths: list[int]) -> None:
    ws = wb.create_sheet(title)
    ws.append([banner])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(headers)
    for c in ws[2]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for r in rows:
        ws.append(r)
    for i, w in enumerate(widths):
        ws.column_dimensions[ws.cell(row=2, column=i + 1).column_letter].width = w
    for row in ws.iter_rows(min_row=3):
        for c in row:
            if isinstance(c.value, dt.date):
                c.number_format = "DD/MM/YYYY"
            elif isinstance(c.value, str) and c.value.isdigit() and len(c.value) >= 9:
                c.number_format = "@"  # CCCD, phone: text, keep the leading zero
    ws.freeze_panes = "A3"


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed timestamps so the bytes depend on the content only."""
    xlsx_writer.save(wb, path, stamp=dt.datetime(*FIXED_TIME), creator="hoagiai demo")


PROPOSAL_HEADERS = ["Văn bản đề nghị công nhận", "Ngày đề nghị công nhận", "Số phiếu bầu tổ trưởng",
                    "Số hòa giải viên của tổ", "Văn bản đề nghị thôi", "Ngày đề nghị thôi"]


def proposal_cells(p: dict) -> list:
    """The optional proposal and election columns of a roster row (plain dates: no random
    draw, so the rest of the demo stays the same)."""
    van_ban, ngay = PROPOSALS_2026.get((p["thon"], p["ngay_cong_nhan"]), (None, None))
    phieu, tong = (LEADER_VOTE_2026.get(p["thon"], (None, None))
                   if p["chuc_danh"] == "Tổ trưởng" and p["ngay_cong_nhan"] == AUGUST_2026[0] else (None, None))
    van_ban_thoi, ngay_thoi = STOP_PROPOSALS_2026.get(p["ngay_thoi"], (None, None))
    return [van_ban, ngay, phieu, tong, van_ban_thoi, ngay_thoi]


TRAINING = dt.date(2026, 7, 1)   # the Sở Tư pháp class of 7/2026 (ke_hoach_2026.yaml progress)


def consistent_training(roster: list[dict]) -> None:
    """"Năm bồi dưỡng" 2026 only for mediators in office from the July 2026 class to the end of
    the year, so the plan's progress ("Cử 10 hòa giải viên …") and the reports' count agree."""
    for p in roster:
        if p["nam_boi_duong"] != TRAINING.year:
            continue
        if p["ngay_cong_nhan"] > TRAINING:
            p["nam_boi_duong"] = None
        elif p["ngay_thoi"] is not None and p["ngay_thoi"].year == TRAINING.year:
            p["nam_boi_duong"] = TRAINING.year - 1


def build(inputs: Path) -> list[Path]:
    thon = load_profile(inputs / "don_vi.yaml").thon_names
    demo = Demo(thon)
    roster = demo.roster()
    consistent_training(roster)
    cases = demo.cases(roster)
    inspections = demo.inspections()

    wb = Workbook()
    wb.remove(wb.active)
    rows = []
    for i, p in enumerate(roster, start=1):
        born = p["born"].year if p["year_only"] else demo.as_date(p["born"])
        rows.append([i, p["ho_ten"], born, p["gioi_tinh"], p["dan_toc"], p["thon"],
                     f"Tổ hòa giải thôn {p['thon']}", p["chuc_danh"], demo.as_date(p["ngay_cong_nhan"]),
                     p["so_qd"], p["chuyen_mon_luat"], p["nam_boi_duong"], p["so_cccd"], p["dien_thoai"],
                     demo.as_date(p["ngay_thoi"]), p["ly_do_thoi"], *proposal_cells(p)])
    sheet(wb, "Danh sách", "DANH SÁCH HÒA GIẢI VIÊN XÃ AN THÀNH",
          ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Thôn", "Tổ hòa giải", "Chức danh",
           "Ngày công nhận", "Số quyết định công nhận", "Chuyên môn luật", "Năm bồi dưỡng", "Số CCCD",
           "Điện thoại", "Ngày thôi", "Lý do thôi", *PROPOSAL_HEADERS],
          rows, [6, 24, 12, 9, 9, 12, 24, 14, 14, 14, 10, 10, 15, 13, 12, 24, 24, 12, 10, 10, 24, 12])
    written = [inputs / "hoa_giai_vien.xlsx"]
    save(wb, written[-1])

    wb = Workbook()
    wb.remove(wb.active)
    rows = [[c["ma_vu_viec"], demo.as_date(c["ngay_tiep_nhan"]), c["thon"], None, c["linh_vuc"],
             c["noi_dung"], c["can_cu"], c["hoa_giai_vien"], demo.as_date(c["ngay_phan_cong"]),
             demo.as_date(c["ngay_bat_dau"]), c["ket_qua"], demo.as_date(c["ngay_ket_thuc"]), c["ghi_chu"]]
            for c in cases]
    sheet(wb, "Vụ việc", "SỔ THEO DÕI VỤ VIỆC HÒA GIẢI Ở CƠ SỞ XÃ AN THÀNH NĂM 2026",
          ["Mã vụ việc", "Ngày tiếp nhận", "Thôn", "Tổ hòa giải", "Lĩnh vực", "Nội dung tóm tắt",
           "Căn cứ hòa giải", "Hòa giải viên", "Ngày phân công", "Ngày bắt đầu", "Kết quả",
           "Ngày kết thúc", "Ghi chú"],
          rows, [14, 13, 12, 12, 20, 50, 12, 40, 13, 13, 14, 13, 26])
    written.append(inputs / "vu_viec.xlsx")
    save(wb, written[-1])

    wb = Workbook()
    wb.remove(wb.active)
    rows = [[k["thon"], demo.as_date(k["ngay_kiem_tra"]), k["so_theo_doi"], k["xep_loai"], k["uu_diem"],
             k["ton_tai"], k["kien_nghi"], demo.as_date(k["han_khac_phuc"]), k["dot_kiem_tra"]] for k in inspections]
    sheet(wb, "Kết quả", "KẾT QUẢ KIỂM TRA CÔNG TÁC HÒA GIẢI Ở CƠ SỞ NĂM 2026",
          ["Thôn", "Ngày kiểm tra", "Sổ theo dõi", "Xếp loại", "Ưu điểm", "Tồn tại, hạn chế", "Kiến nghị",
           "Hạn khắc phục", "Đợt kiểm tra"], rows, [12, 13, 10, 11, 50, 50, 50, 13, 12])
    sheet(wb, "Đoàn kiểm tra", "THÀNH PHẦN ĐOÀN KIỂM TRA CÔNG TÁC HÒA GIẢI Ở CƠ SỞ NĂM 2026",
          ["Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ trong đoàn"],
          [list(m) for m in INSPECTION_TEAM], [24, 60, 18])
    written.append(inputs / "kiem_tra.xlsx")
    save(wb, written[-1])
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo lại dữ liệu minh họa của xã An Thành.")
    parser.add_argument("--inputs", type=Path, default=ROOT / "inputs")
    args = parser.parse_args(argv)
    for path in build(args.inputs):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
