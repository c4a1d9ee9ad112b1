"""The unit profile `inputs/don_vi.yaml` (CONTRACT §2): who issues, where, which thôn, who signs.

Only the contract's keys are required; every other key is optional with a default.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Thon:
    ten: str
    dtts: bool = False  # many ethnic-minority people (Luật HGCS Điều 12)


@dataclass(frozen=True)
class Signer:
    ho_ten: str
    chuc_vu: str  # "Chủ tịch" | "Phó Chủ tịch"


@dataclass(frozen=True)
class Profile:
    ten_don_vi: str            # "Ủy ban nhân dân xã An Thành"
    dia_danh: str              # "An Thành"
    thon: tuple[Thon, ...]
    nguoi_ky: tuple[Signer, ...]
    co_quan_chu_quan: str | None = None   # optional superior-body line (DOMAIN Decision 1), off by default
    ky_hieu_co_quan: str = "UBND"         # symbol of the issuing body in "Số: 05/QĐ-UBND"
    so_dang_ky: str = "chung"             # register: "chung" (one series for all types) | "theo-loai" (one per type)
    noi_nhan_cap_tren: str = "Sở Tư pháp" # superior justice body named in recipients
    # drafting unit in "Lưu: VT, VP." — after the 2025 reform the commune's justice work sits in
    # the Văn phòng HĐND và UBND (DOMAIN §10)
    don_vi_soan_thao: str = "VP"
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def thon_names(self) -> list[str]:
        return [t.ten for t in self.thon]

    @property
    def header_lines(self) -> tuple[str, str]:
        """Issuing body in two capitalised lines: ("ỦY BAN NHÂN DÂN", "XÃ AN THÀNH")."""
        name = self.ten_don_vi.strip()
        prefix = "ủy ban nhân dân"
        if name.lower().replace("uỷ", "ủy").startswith(prefix):
            rest = name[len(prefix):].strip()
            return ("ỦY BAN NHÂN DÂN", rest.upper())
        return (name.upper(), "")

    @property
    def cap(self) -> str:
        """'xã' / 'phường' / 'đặc khu' — the unit's level word, from the name."""
        rest = self.header_lines[1].lower()
        for word in ("đặc khu", "phường", "thị trấn", "xã"):
            if rest.startswith(word):
                return word
        return "xã"

    def signer(self, prefer: str | None = None) -> Signer:
        if prefer:
            for s in self.nguoi_ky:
                if s.ho_ten == prefer:
                    return s
        return self.nguoi_ky[0]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_profile(path: str | Path) -> Profile:
    import yaml

    path = Path(path)
    name = path.name
    if not path.exists():
        raise ConfigError(f"Thiếu tệp hồ sơ đơn vị {path}. Hãy tạo tệp này (xem `pipeline.py init`).")
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{name}: tệp không phải UTF-8 ({exc.reason}).") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        raise ConfigError(f"{name}: YAML không hợp lệ{where}: {getattr(exc, 'problem', exc)}.") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: nội dung phải là các cặp khóa: giá trị (ten_don_vi, dia_danh, thon, nguoi_ky).")

    def need_str(key: str) -> str:
        v = data.get(key)
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"{name}: thiếu hoặc sai khóa `{key}` (cần một chuỗi chữ).")
        return nfc(v.strip())

    ten = need_str("ten_don_vi")
    dia_danh = need_str("dia_danh")

    thon_raw = data.get("thon")
    if not isinstance(thon_raw, list) or not thon_raw:
        raise ConfigError(f"{name}: thiếu khóa `thon` (danh sách thôn, tổ dân phố, mỗi mục có `ten`).")
    thon: list[Thon] = []
    seen: set[str] = set()
    for i, item in enumerate(thon_raw):
        if isinstance(item, str):
            item = {"ten": item}
        if not isinstance(item, dict) or not isinstance(item.get("ten"), str) or not item["ten"].strip():
            raise ConfigError(f"{name}: mục `thon[{i}]` phải có `ten` là tên thôn.")
        t = nfc(item["ten"].strip())
        if t.lower() in seen:
            raise ConfigError(f"{name}: thôn `{t}` khai báo hai lần (`thon[{i}]`).")
        seen.add(t.lower())
        dtts = item.get("dtts", False)
        if not isinstance(dtts, bool):
            raise ConfigError(f"{name}: `thon[{i}].dtts` phải là true hoặc false.")
        thon.append(Thon(t, dtts))

    signers_raw = data.get("nguoi_ky")
    if not isinstance(signers_raw, list) or not signers_raw:
        raise ConfigError(f"{name}: thiếu khóa `nguoi_ky` (người ký: ho_ten, chuc_vu).")
    signers: list[Signer] = []
    for i, item in enumerate(signers_raw):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k].strip()
                                                 for k in ("ho_ten", "chuc_vu")):
            raise ConfigError(f"{name}: mục `nguoi_ky[{i}]` phải có `ho_ten` và `chuc_vu`.")
        signers.append(Signer(nfc(item["ho_ten"].strip()), nfc(item["chuc_vu"].strip())))

    optional: dict[str, Any] = {}
    for key in ("co_quan_chu_quan", "ky_hieu_co_quan", "noi_nhan_cap_tren", "don_vi_soan_thao"):
        if key in data and data[key] is not None:
            if not isinstance(data[key], str):
                raise ConfigError(f"{name}: `{key}` phải là một chuỗi chữ.")
            optional[key] = nfc(data[key].strip())
    if "so_dang_ky" in data:
        if data["so_dang_ky"] not in ("chung", "theo-loai"):
            raise ConfigError(f"{name}: `so_dang_ky` chỉ nhận `chung` hoặc `theo-loai`.")
        optional["so_dang_ky"] = data["so_dang_ky"]
    return Profile(ten_don_vi=ten, dia_danh=dia_danh, thon=tuple(thon), nguoi_ky=tuple(signers),
                   raw=data, **optional)
