"""File names made from data, and the guarantee that outputs stay inside `outputs/`.

Document ids and file names come from kinds and dates, but a unit folder name, a thôn or a
person's name can reach a file name one day. `safe_name()` turns any text into one harmless
path component (on Linux, macOS and Windows, where the clerk may copy the folder);
`inside()` refuses a path that resolves outside its base folder (`..`, absolute parts,
symbolic links pointing out).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import ConfigError

MAX_BYTES = 150    # below every file system's 255-byte limit, leaving room for ".v12.thay-doi.txt"
_FORBIDDEN = re.compile(r'[/\\:*?"<>|]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                     *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
                     "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}


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


def inside(base: str | Path, path: str | Path) -> Path:
    """`path` itself when it resolves inside `base` (or is `base`); ConfigError otherwise."""
    base_resolved = Path(base).resolve()
    resolved = Path(path).resolve()
    if resolved != base_resolved and base_resolved not in resolved.parents:
        raise ConfigError(f"Đường dẫn {path} nằm ngoài thư mục {base}; không ghi tệp ra ngoài "
                          f"thư mục kết quả. Hãy đổi tên (đơn vị, thôn, …) có ký tự như “/” hay “..”.")
    return Path(path)
