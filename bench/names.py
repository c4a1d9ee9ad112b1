"""Realistic Vietnamese names and places for synthetic workspaces (deterministic with a seeded Random)."""

from __future__ import annotations

import random

# family names with rough national frequencies (%)
HO = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 2), ("Phan", 4.5),
      ("Vũ", 3.9), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
      ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.8), ("Đào", 0.6), ("Mạc", 0.3), ("Lương", 0.4), ("Trịnh", 0.5),
      ("Quách", 0.2), ("Tạ", 0.3), ("Cao", 0.4), ("Lưu", 0.3), ("Chu", 0.2), ("Văn", 0.2), ("Kiều", 0.2)]
DEM_NAM = ["Văn", "Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Công", "Thành", "Xuân", "Đình", "Ngọc",
           "Mạnh", "Trọng", "Tiến", "Thế", "Bá", "Duy", "Quốc", "Hồng"]
DEM_NU = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Thúy", "Minh", "Hồng", "Phương",
          "Bích", "Hải", "Diệu", "Mai", "Khánh", "Thùy"]
TEN_NAM = ["An", "Bình", "Cường", "Dũng", "Đạt", "Định", "Đông", "Giang", "Hải", "Hiếu", "Hòa", "Hùng",
           "Huy", "Khải", "Khánh", "Lâm", "Long", "Lợi", "Mạnh", "Minh", "Nam", "Nghĩa", "Ngọc", "Phong",
           "Phúc", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung",
           "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Xuân", "Đức", "Hưng", "Kiên", "Lộc", "Thuận", "Tuyến"]
TEN_NU = ["Anh", "Ánh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
          "Huệ", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh",
          "Phương", "Quyên", "Quỳnh", "Sen", "Tâm", "Thảo", "Thơm", "Thu", "Thủy", "Thúy", "Trang", "Tuyết",
          "Uyên", "Vân", "Yến", "Xuân", "Hậu", "Lụa", "Nhàn", "Gấm", "Nụ", "Đào"]

# place-name syllables for communes and thôn
PLACE = ["An", "Bình", "Đông", "Tây", "Nam", "Bắc", "Hòa", "Phú", "Thượng", "Hạ", "Trung", "Kim", "Ngọc",
         "Vĩnh", "Phù", "Tiên", "Hội", "Lại", "Phan", "Đạt", "Đoạn", "Lưu", "Sơn", "Động", "Khê", "Tràng",
         "Lạc", "Thọ", "Yên", "Long", "Tân", "Mỹ", "Thái", "Quang", "Hưng", "Thịnh", "Cát", "Đồng", "Lâm",
         "Minh", "Tiền", "Hậu", "Văn", "Xuân", "Thanh", "Hải", "Hà", "Lộc", "Phong", "Điền", "Cẩm", "Kiến",
         "Tú", "Liêm", "Nghĩa", "Thuận", "Lương", "Mai", "Quế", "Hoa", "Chử", "Dương", "Giang", "Lũng"]
DAN_TOC_KHAC = ["Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao"]


def family(rng: random.Random) -> str:
    names, weights = zip(*HO)
    return rng.choices(names, weights=weights)[0]


def person(rng: random.Random, gioi_tinh: str) -> str:
    if gioi_tinh == "Nữ":
        return f"{family(rng)} {rng.choice(DEM_NU)} {rng.choice(TEN_NU)}"
    return f"{family(rng)} {rng.choice(DEM_NAM)} {rng.choice(TEN_NAM)}"


def place(rng: random.Random, taken: set[str]) -> str:
    for _ in range(1000):
        name = f"{rng.choice(PLACE)} {rng.choice(PLACE)}"
        a, b = name.split()
        if a != b and name not in taken:
            taken.add(name)
            return name
    n = len(taken)
    name = f"{rng.choice(PLACE)} {n}"
    taken.add(name)
    return name
