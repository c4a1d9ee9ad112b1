"""The unit profile `inputs/don_vi.yaml` (docs/contract.md §2): who issues, where, which thôn, who signs.

Only the contract's keys are required; every other key is optional with a default.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import ERROR, WARNING, Finding

DATASET = "don_vi"


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
    co_quan_chu_quan: str | None = None   # optional superior-body line (docs/domain.md, Decision 1), off by default
    ky_hieu_co_quan: str = "UBND"         # symbol of the issuing body in "Số: 05/QĐ-UBND"
    so_dang_ky: str = "chung"             # register: "chung" (one series for all types) | "theo-loai" (one per type)
    noi_nhan_cap_tren: str = "Sở Tư pháp" # superior justice body named in recipients
    # drafting unit in "Lưu: VT, VP." — after the 2025 reform the commune's justice work sits in
    # the Văn phòng HĐND và UBND (docs/domain.md §10)
    don_vi_soan_thao: str = "VP"
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: problems a clerk must fix but that do not stop reading (encoding, values left from init)
    findings: tuple = field(default=(), compare=False, repr=False)

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


#: values `init` writes for the clerk to replace (see init_workspace.PROFILE_TEMPLATE)
PLACEHOLDERS = ("Tên Xã", "Họ và tên người ký")

_KIND = {str: "một chuỗi chữ", list: "một danh sách", dict: "một nhóm khóa", bool: "true/false",
         int: "một số", float: "một số"}


def _kind(value: Any) -> str:
    return next((w for t, w in _KIND.items() if type(value) is t), type(value).__name__)


_HOW_UTF8 = ("Hãy mở tệp bằng Notepad, chọn Tệp (File) → Lưu thành (Save As…), ở ô Mã hóa (Encoding) "
             "chọn “UTF-8”, rồi lưu đè.")


def _decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """(text, encoding problem or None). UTF-8 with or without BOM is read silently; Notepad's
    "Unicode" (UTF-16 with BOM) and Windows-1258 are read with a warning saying how to save
    the file as UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), (f"{name} được lưu bằng bảng mã “Unicode” (UTF-16) của Notepad; "
                                          f"đã đọc được nhưng nên lưu lại dạng UTF-8. {_HOW_UTF8}")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{name}: tệp UTF-16 bị hỏng. {_HOW_UTF8}") from exc
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{name}: không nhận ra bảng mã của tệp (cần UTF-8). {_HOW_UTF8}") from exc
    return text, (f"{name} được lưu bằng bảng mã Windows-1258 (ANSI); đã đọc được nhưng hãy kiểm tra "
                  f"tên đơn vị, tên thôn có đúng dấu, và nên lưu lại dạng UTF-8. {_HOW_UTF8}")


def _read(path: Path) -> tuple[dict, str | None]:
    import yaml

    from .errors import os_error_text, yaml_problem

    name = path.name
    if not path.exists():
        raise ConfigError(f"Thiếu tệp hồ sơ đơn vị {path}. Hãy tạo tệp này (xem `pipeline.py init`).")
    try:
        text, encoding_problem = _decode(path.read_bytes(), name)
    except OSError as exc:
        raise ConfigError(f"Không đọc được {path}: {os_error_text(exc)}") from exc
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: YAML không hợp lệ{yaml_problem(exc)}.") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: nội dung phải là các cặp khóa: giá trị (ten_don_vi, dia_danh, thon, nguoi_ky).")
    return data, encoding_problem


def load_profile(path: str | Path, *, placeholders_ok: bool = False) -> Profile:
    """Read and check `don_vi.yaml`. Values `init` left to fill are errors unless
    `placeholders_ok` (init itself reads the file it has just written)."""
    from .vn.folding import fold   # here: a build with nothing to do never reads the profile

    path = Path(path)
    name = path.name
    data, encoding_problem = _read(path)

    def need_str(key: str) -> str:
        v = data.get(key)
        if v is None:
            raise ConfigError(f"{name}: thiếu khóa `{key}` (cần một chuỗi chữ).")
        if not isinstance(v, str):
            raise ConfigError(f"{name}: khóa `{key}` sai kiểu: cần một chuỗi chữ, đang là {_kind(v)}.")
        if not v.strip():
            raise ConfigError(f"{name}: khóa `{key}` đang để trống.")
        return nfc(v.strip())

    ten = need_str("ten_don_vi")
    dia_danh = need_str("dia_danh")

    thon_raw = data.get("thon")
    if thon_raw is not None and not isinstance(thon_raw, list):
        raise ConfigError(f"{name}: khóa `thon` sai kiểu: cần một danh sách (mỗi dòng “- ten: …”), "
                          f"đang là {_kind(thon_raw)}.")
    if not thon_raw:
        raise ConfigError(f"{name}: thiếu khóa `thon` (danh sách thôn, tổ dân phố, mỗi mục có `ten`).")
    thon: list[Thon] = []
    seen: set[str] = set()
    for i, item in enumerate(thon_raw):
        if isinstance(item, str):
            item = {"ten": item}
        if not isinstance(item, dict) or not isinstance(item.get("ten"), str) or not item["ten"].strip():
            raise ConfigError(f"{name}: mục `thon[{i}]` phải có `ten` là tên thôn.")
        t = nfc(item["ten"].strip())
        if fold(t) in seen:   # "Thôn Hoà" and "Thôn Hòa" are one thôn
            raise ConfigError(f"{name}: thôn `{t}` khai báo hai lần (`thon[{i}]`).")
        seen.add(fold(t) or "")
        dtts = item.get("dtts", False)
        if not isinstance(dtts, bool):
            raise ConfigError(f"{name}: `thon[{i}].dtts` phải là true hoặc false.")
        thon.append(Thon(t, dtts))

    signers_raw = data.get("nguoi_ky")
    if signers_raw is not None and not isinstance(signers_raw, list):
        raise ConfigError(f"{name}: khóa `nguoi_ky` sai kiểu: cần một danh sách (mỗi người ký một mục "
                          f"“- ho_ten: …” với “chuc_vu: …”), đang là {_kind(signers_raw)}.")
    if not signers_raw:
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
                raise ConfigError(f"{name}: khóa `{key}` sai kiểu: cần một chuỗi chữ, đang là {_kind(data[key])}.")
            optional[key] = nfc(data[key].strip())
    if "so_dang_ky" in data:
        if data["so_dang_ky"] not in ("chung", "theo-loai"):
            raise ConfigError(f"{name}: `so_dang_ky` chỉ nhận `chung` hoặc `theo-loai`.")
        optional["so_dang_ky"] = data["so_dang_ky"]
    findings = []
    if encoding_problem:
        findings.append(Finding("profile-encoding", WARNING, encoding_problem, file=name, dataset=DATASET))
    if not placeholders_ok:
        findings += _placeholders(name, {"ten_don_vi": ten, "dia_danh": dia_danh,
                                         **{f"nguoi_ky[{i}].ho_ten": s.ho_ten for i, s in enumerate(signers)}})
    return Profile(ten_don_vi=ten, dia_danh=dia_danh, thon=tuple(thon), nguoi_ky=tuple(signers),
                   raw=data, findings=tuple(findings), **optional)


def _placeholders(name: str, values: dict[str, str]) -> list[Finding]:
    """`profile-placeholder` errors for values `init` wrote for the clerk to replace."""
    return [Finding("profile-placeholder", ERROR,
                    f"{name}: khóa `{key}` vẫn là giá trị mẫu “{value}”; hãy thay bằng tên thật "
                    f"(của đơn vị, địa danh, người ký) rồi chạy lại.", file=name, column=key, value=value,
                    dataset=DATASET)
            for key, value in values.items() if any(p.casefold() in value.casefold() for p in PLACEHOLDERS)]
