"""The library's own exceptions, each carrying the exit code the CLI maps it to.

The library never prints and never calls sys.exit; `hoagiai.cli` translates these
once, at the boundary (exit codes: docs/contract.md §1). Messages are Vietnamese, for the clerk.
"""

from __future__ import annotations


class HoagiaiError(Exception):
    """Base class. `exit_code` is what the command line returns for it."""

    exit_code = 3

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DataProblem(HoagiaiError):
    """The clerk's data has errors (validation errors, or a document blocked by them)."""

    exit_code = 1


class ConfigError(HoagiaiError):
    """Usage or configuration is wrong: bad option, malformed rule file or profile,
    missing inputs folder, broken template. The rules (or setup) are wrong, not the data."""

    exit_code = 2


class RuleFileError(ConfigError):
    """A file in `rules/` is unreadable or does not match its schema.

    `path` is the file, `key` the dotted key path inside it (or None)."""

    def __init__(self, path: str, key: str | None, problem: str):
        where = f"{path}" + (f", khóa `{key}`" if key else "")
        super().__init__(f"Tệp quy tắc {where}: {problem}")
        self.path = path
        self.key = key
        self.problem = problem


class TemplateError(ConfigError):
    """A template is malformed or does not match its context (unknown variable, bad tag)."""


class EnvironmentFailure(HoagiaiError):
    """The machine lacks something needed (e.g. LibreOffice for PDFs) or an internal step failed."""

    exit_code = 3


class RegisterError(HoagiaiError):
    """The document register refused an operation (number reused, issued twice, …)."""

    exit_code = 1


# --- English the operating system and the YAML parser write, in the clerk's words -----------

import errno as _errno  # noqa: E402
import re as _re  # noqa: E402

ERRNO_VI = {
    _errno.EACCES: "không có quyền truy cập (tệp có đang mở trong Excel/Word không, "
                   "hoặc thư mục có bị khóa chỉ đọc không?)",
    _errno.EPERM: "không được phép thao tác (kiểm tra quyền của thư mục)",
    _errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    _errno.ENOSPC: "ổ đĩa đã hết chỗ trống; hãy xóa bớt tệp rồi chạy lại",
    _errno.EROFS: "ổ đĩa chỉ cho phép đọc (ví dụ USB bị khóa ghi); hãy chọn thư mục khác",
    _errno.EISDIR: "đây là một thư mục, không phải một tệp",
    _errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    _errno.EBUSY: "tệp đang bị chương trình khác sử dụng",
    _errno.EEXIST: "tệp đã có sẵn",
    _errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
}
_STRERROR = {"Permission denied": _errno.EACCES, "Operation not permitted": _errno.EPERM,
             "No such file or directory": _errno.ENOENT, "No space left on device": _errno.ENOSPC,
             "Read-only file system": _errno.EROFS, "Is a directory": _errno.EISDIR,
             "Not a directory": _errno.ENOTDIR, "Device or resource busy": _errno.EBUSY,
             "File exists": _errno.EEXIST, "File name too long": _errno.ENAMETOOLONG}
_UNKNOWN_OS = "lỗi hệ thống khi đọc hoặc ghi tệp; hãy kiểm tra tệp có đang mở, ổ đĩa còn chỗ và có quyền ghi"


def os_error_text(exc: OSError) -> str:
    """An OSError in Vietnamese, with the file it concerns: "… không có quyền truy cập … (tệp: x)"."""
    text = ERRNO_VI.get(exc.errno or -1) or ERRNO_VI.get(_STRERROR.get(exc.strerror or "", -1)) or _UNKNOWN_OS
    names = [n for n in (exc.filename, exc.filename2) if n]
    return text + (f" (tệp: {', '.join(str(n) for n in names)})" if names else "") + "."


#: the parser's own words (PyYAML and libyaml spellings) → what to check, in Vietnamese
YAML_VI = [
    (r"mapping values are not allowed.*", "có dấu hai chấm “:” không đúng chỗ — một giá trị chứa “: ” "
     "cần đặt trong dấu ngoặc kép, hoặc dòng trước thiếu dấu hai chấm sau tên khóa"),
    (r"found character .*that cannot start any token", "có ký tự không được phép ở đầu giá trị — thường là "
     "phím Tab dùng để thụt lề (hãy dùng dấu cách), hoặc các ký tự @ ` % ở đầu (hãy đặt giá trị trong "
     "dấu ngoặc kép)"),
    (r"could not find expected ':'", "thiếu dấu hai chấm “:” sau tên khóa"),
    (r"(did not find expected key|expected <block end>, but found .*)",
     "thụt lề không khớp với các dòng trên (các khóa cùng cấp phải thẳng cột, chỉ dùng dấu cách)"),
    (r"did not find expected '-' indicator", "thụt lề không khớp: mục danh sách “- …” và khóa “…:” bị lẫn cấp"),
    (r"(did not find expected|expected) ',' or '[\]}]'.*", "thiếu dấu đóng ngoặc “]” hoặc “}”"),
    (r"found unexpected end of stream", "thiếu dấu ngoặc kép đóng ở cuối một giá trị"),
    (r"found undefined alias.*", "có dấu “*” ở đầu giá trị (hãy đặt giá trị trong dấu ngoặc kép)"),
    (r"found duplicate anchor.*|found unknown escape character.*",
     "có ký tự đặc biệt trong giá trị (hãy kiểm tra dấu \\ và & trong dấu ngoặc kép)"),
]
_YAML_OTHER = ("cú pháp YAML sai; hãy kiểm tra thụt lề (chỉ dùng dấu cách), dấu hai chấm sau tên khóa "
               "và các dấu ngoặc kép")


def yaml_problem(exc: Exception) -> str:
    """A YAML parser error as " ở dòng 3, cột 5: có dấu hai chấm …" (or ": …" without a
    position), to follow "YAML không hợp lệ" (Vietnamese, 1-based)."""
    problem = str(getattr(exc, "problem", None) or "")
    text = next((vi for pattern, vi in YAML_VI if _re.fullmatch(pattern, problem)), _YAML_OTHER)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" ở dòng {mark.line + 1}, cột {mark.column + 1}" if mark is not None else ""
    return f"{where}: {text}"


_ERRNO_IN_TEXT = _re.compile(r"\[Errno (\d+)\] ([^:\]\n]+?)(?:: '([^']*)')?(?=$|[).,;\n]| \(|: )")
_STRERROR_IN_TEXT = _re.compile("|".join(_re.escape(s) for s in _STRERROR))


def vietnamese(message: str) -> str:
    """Replace the English fragments a message may quote — the OS's ("[Errno 13] Permission
    denied: 'x'"), the YAML parser's ("mapping values are not allowed here") — by their
    Vietnamese text, and drop exception class names; everything else is left as it is."""
    def errno_repl(m: _re.Match) -> str:
        err = OSError(int(m.group(1)), m.group(2), m.group(3)) if m.group(3) else OSError(int(m.group(1)), m.group(2))
        return os_error_text(err).rstrip(".")

    message = _ERRNO_IN_TEXT.sub(errno_repl, message)
    message = _STRERROR_IN_TEXT.sub(lambda m: ERRNO_VI[_STRERROR[m.group(0)]], message)
    message = message.replace("database is locked", _DB_LOCKED)
    message = _YAML_IN_TEXT.sub(lambda m: next(vi for p, vi in YAML_VI if _re.fullmatch(p, m.group(0))), message)
    return _CLASS_NAME.sub("", message)


_DB_LOCKED = "sổ theo dõi văn bản đang bị một lệnh khác dùng (hãy đợi lệnh đó chạy xong rồi chạy lại)"

#: a YAML parser's problem quoted inside a message (plan files, rule files)
_YAML_IN_TEXT = _re.compile("|".join(f"(?:{p.replace('.*', '[^.;]*')})" for p, _ in YAML_VI))
#: " (BadZipFile)", " (ValueError: …)": an exception's class name is for --debug only
_CLASS_NAME = _re.compile(r" ?\((?:[A-Z][A-Za-z]*(?:Error|Exception|Warning)|BadZipFile|XMLSyntaxError)(?::[^)]*)?\)")
