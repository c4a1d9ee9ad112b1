"""The unit profile as clerks save it (issue 12 item 8): encodings, wrong types, values left
from `init`, YAML mistakes in Vietnamese."""

from __future__ import annotations

import unicodedata

import pytest

from hoagiai.errors import ConfigError
from hoagiai.init_workspace import PROFILE_TEMPLATE
from hoagiai.unit_profile import load_profile

GOOD = """\
ten_don_vi: Ủy ban nhân dân xã Đông Hưng
dia_danh: Đông Hưng
thon:
  - ten: Thôn Hạ
  - ten: Đồng Lư
nguoi_ky:
  - ho_ten: Nguyễn Văn Bình
    chuc_vu: Chủ tịch
"""


def cp1258(text: str) -> bytes:
    """Bytes as Windows saves Vietnamese in code page 1258: the letter (with its shape mark)
    precomposed where the code page has it, the tone as a separate combining byte."""
    out = b""
    for c in text:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            tones = "".join(x for x in d if x in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(x for x in d if x not in tones))
            out += (base + tones).encode("cp1258")
    return out


def write(tmp_path, data: bytes):
    p = tmp_path / "don_vi.yaml"
    p.write_bytes(data)
    return p


def test_utf8_with_bom_is_read_without_warning(tmp_path):
    profile = load_profile(write(tmp_path, b"\xef\xbb\xbf" + GOOD.encode("utf-8")))
    assert profile.dia_danh == "Đông Hưng"
    assert profile.findings == ()


def test_notepad_unicode_utf16_is_read_with_a_warning(tmp_path):
    data = GOOD.replace("\n", "\r\n").encode("utf-16")      # Notepad "Unicode": UTF-16 LE with BOM
    assert data[:2] == b"\xff\xfe"
    profile = load_profile(write(tmp_path, data))
    assert profile.thon_names == ["Thôn Hạ", "Đồng Lư"]
    assert [(f.code, f.severity) for f in profile.findings] == [("profile-encoding", "warning")]
    assert "UTF-16" in profile.findings[0].message and "UTF-8" in profile.findings[0].message


def test_windows_1258_is_read_as_nfc_with_a_warning(tmp_path):
    data = cp1258(GOOD)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    profile = load_profile(write(tmp_path, data))
    assert profile.ten_don_vi == "Ủy ban nhân dân xã Đông Hưng"     # NFC, same as typed
    assert profile.nguoi_ky[0].ho_ten == "Nguyễn Văn Bình"
    assert [f.code for f in profile.findings] == ["profile-encoding"]
    assert "Windows-1258" in profile.findings[0].message


@pytest.mark.parametrize("line, key, kind", [
    ("ten_don_vi: 123\n", "ten_don_vi", "một số"),
    ("ten_don_vi: [a, b]\n", "ten_don_vi", "một danh sách"),
    ("thon: Thôn Hạ\n", "thon", "một chuỗi chữ"),
    ("nguoi_ky: {ho_ten: A, chuc_vu: B}\n", "nguoi_ky", "một nhóm khóa"),
])
def test_a_key_of_the_wrong_type_says_wrong_type_not_missing(tmp_path, line, key, kind):
    lines = [x for x in GOOD.splitlines(keepends=True)]
    text = "".join(x for x in lines if not x.startswith(key) and not (key in ("thon", "nguoi_ky") and x.startswith("  ")
                                                                        and _owner(lines, x) == key))
    with pytest.raises(ConfigError) as info:
        load_profile(write(tmp_path, (text + line).encode("utf-8")))
    msg = info.value.message
    assert f"khóa `{key}` sai kiểu" in msg and kind in msg and "thiếu" not in msg


def _owner(lines, line):
    owner = None
    for x in lines:
        if not x.startswith(" "):
            owner = x.split(":")[0]
        if x is line:
            return owner
    return None


def test_missing_key_still_says_missing(tmp_path):
    text = "\n".join(x for x in GOOD.splitlines() if not x.startswith("dia_danh"))
    with pytest.raises(ConfigError, match="thiếu khóa `dia_danh`"):
        load_profile(write(tmp_path, text.encode("utf-8")))


def test_values_left_from_init_are_errors_naming_the_keys(tmp_path):
    assert "Tên Xã" in PROFILE_TEMPLATE and "Họ và tên người ký" in PROFILE_TEMPLATE
    profile = load_profile(write(tmp_path, PROFILE_TEMPLATE.encode("utf-8")))
    got = [(f.code, f.severity, f.column, f.value) for f in profile.findings]
    assert got == [("profile-placeholder", "error", "ten_don_vi", "Ủy ban nhân dân xã Tên Xã"),
                   ("profile-placeholder", "error", "dia_danh", "Tên Xã"),
                   ("profile-placeholder", "error", "nguoi_ky[0].ho_ten", "Họ và tên người ký")]


@pytest.mark.parametrize("text, expected", [
    ("ten_don_vi: UBND: xã A\n", "dòng 1, cột 17: có dấu hai chấm “:” không đúng chỗ"),
    ("thon:\n\t- ten: A\n", "dòng 2, cột 1: có ký tự không được phép ở đầu giá trị — thường là phím Tab"),
])
def test_yaml_mistakes_are_told_in_vietnamese_with_line_and_column(tmp_path, text, expected):
    with pytest.raises(ConfigError) as info:
        load_profile(write(tmp_path, text.encode("utf-8")))
    assert expected in info.value.message
    for english in ("mapping values", "cannot start any token", "could not find", "while scanning"):
        assert english not in info.value.message
