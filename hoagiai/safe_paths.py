"""File names made from data, and the guarantee that outputs stay inside `outputs/`.

Document ids and file names come from kinds and dates, but a unit folder name, a thôn or a
person's name can reach a file name one day. `safe_name()` turns any text into one harmless
path component (on Linux, macOS and Windows, where the clerk may copy the folder);
`inside()` refuses a path that resolves outside its base folder (`..`, absolute parts,
symbolic links pointing out) and, on Windows, a folder too deep for the files written in it
(Windows, Word and LibreOffice stop at 260 characters). `same_on_every_disk()` gives the key
under which two names collide on a case-insensitive, normalising file system (Windows, macOS).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import oscompat
from .errors import ConfigError

MAX_BYTES = 150    # below every file system's 255-byte limit, leaving room for ".v12.thay-doi.txt"
_FORBIDDEN = re.compile(r'[/\\:*?"<>|]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                     *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
                     "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
#: Windows' MAX_PATH (260) less its terminating NUL: the longest path Word and LibreOffice open
WINDOWS_MAX_PATH = 259
#: room kept, under a folder checked by inside(), for the names written in it
#: (a document id, ".v12.thay-doi.txt", a temporary ".<name>.<pid>.<random>.tmp")
FILE_ROOM = 90


def safe_name(text: str) -> str:
    """One path component from any text: NFC, no separators, control characters or
    characters Windows forbids, no leading dot, not a Windows device name, at most
    MAX_BYTES of UTF-8; never empty. Vietnamese letters are kept."""
    name = unicodedata.normalize("NFC", str(text))
    name = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in name)
    name = _FORBIDDEN.sub("-", name)
    name = " ".join(name.split())
    name = name.lstrip(". ").rstrip(". ")
    if name.split(".")[0].upper().rstrip() in _WINDOWS_RESERVED:
        name = "_" + name
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_BYTES:
        name = unicodedata.normalize("NFC", encoded[:MAX_BYTES].decode("utf-8", "ignore")).rstrip(". ")
    return name or "_"


def inside(base: str | Path, path: str | Path, *, windows: bool | None = None) -> Path:
    """`path` itself when it resolves inside `base` (or is `base`) and, on Windows (`windows`
    defaults to the running system), leaves FILE_ROOM characters below WINDOWS_MAX_PATH for
    the files written in it; ConfigError otherwise."""
    base_resolved = Path(base).resolve()
    resolved = Path(path).resolve()
    if resolved != base_resolved and base_resolved not in resolved.parents:
        raise ConfigError(f"Đường dẫn {path} nằm ngoài thư mục {base}; không ghi tệp ra ngoài "
                          f"thư mục kết quả. Hãy đổi tên (đơn vị, thôn, …) có ký tự như “/” hay “..”.")
    too_long = len(str(resolved)) + FILE_ROOM > WINDOWS_MAX_PATH
    if too_long and (oscompat.WINDOWS if windows is None else windows):
        raise ConfigError(f"Đường dẫn {resolved} dài {len(str(resolved))} ký tự: các tệp ghi trong đó sẽ "
                          f"vượt giới hạn {WINDOWS_MAX_PATH + 1} ký tự của Windows (Word, LibreOffice "
                          f"không mở được). Hãy chuyển thư mục làm việc lên gần gốc ổ đĩa, ví dụ C:\\hoagiai.")
    return Path(path)


def same_on_every_disk(name: str) -> str:
    """The key under which names collide on Windows and macOS file systems, which ignore case
    and (macOS) Unicode normalisation: "Xã A", "XÃ A" and "Xa\u0303 A" share one key."""
    return unicodedata.normalize("NFC", name).casefold()
