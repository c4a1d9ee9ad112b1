"""No module of hoagiai calls a POSIX-only API without a guarded fallback (Windows, macOS),
and none reads or writes text in the platform's default encoding (cp1252 on a Windows machine).

The rule, checked on the syntax tree of every .py file of the package and pipeline.py:

A *POSIX-only use* is
- importing a module Windows lacks (POSIX_MODULES: fcntl, pwd, resource, …);
- `os.X` for X in POSIX_OS (fork, setsid, killpg, getuid, fchmod, … and `kill`, which on
  Windows terminates the process or sends it Ctrl+C instead of probing it);
- `signal.X` for X in POSIX_SIGNAL (SIGKILL, SIGHUP, alarm, …; SIGTERM and SIGINT exist on
  Windows and are not listed);
- a subprocess keyword in POSIX_KEYWORDS (preexec_fn, start_new_session, process_group, …);
- a "fork" / "forkserver" start method, or a "/dev/…" or "/proc/…" path literal.

Each use must be *guarded*, i.e. sit
- inside an `if` / `elif` / `while` / conditional expression / `and`-`or` chain whose test
  mentions `os.name`, `sys.platform`, `platform.system`, `hasattr`, or a flag named WINDOWS,
  POSIX, MACOS or WIN32 (optionally prefixed IS_/ON_/_) — in either branch, as the other branch
  is the fallback;
- after such an `if` in the same block when its body ends in return / raise / continue / break
  (the early-exit form: `if WINDOWS: return …` then the POSIX code);
- inside a `try` whose handlers catch ImportError, ModuleNotFoundError or AttributeError.

Allow-lists, both explicit:
- a line ending in `# posix-ok: <reason>` is accepted (for code only ever reached through a
  guard the checker cannot see, e.g. a helper called only under `if os.name == "posix"`);
- ALLOWLIST below: (file, name) pairs accepted for now, each with its reason. An entry that no
  longer matches anything fails `test_allowlist_has_no_stale_entries`: delete it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

POSIX_MODULES = {"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "syslog",
                 "crypt", "spwd", "nis", "readline"}
POSIX_OS = {"fork", "forkpty", "register_at_fork", "setsid", "getsid", "setpgid", "setpgrp", "getpgid",
            "getpgrp", "killpg", "kill", "getuid", "geteuid", "getgid", "getegid", "setuid", "setgid",
            "getgroups", "fchmod", "fchown", "chown", "lchown", "sync", "mkfifo", "mknod", "uname",
            "nice", "getloadavg", "sched_getaffinity", "statvfs", "fstatvfs", "pipe2", "wait", "wait3",
            "wait4", "WNOHANG", "O_NOFOLLOW", "ttyname", "openpty", "ctermid", "sysconf", "pathconf",
            "lockf", "posix_spawn", "posix_fadvise", "getpriority", "setpriority"}
POSIX_SIGNAL = {"SIGKILL", "SIGHUP", "SIGQUIT", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPIPE",
                "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGWINCH", "SIGXCPU", "alarm",
                "setitimer", "getitimer", "pause", "pthread_kill", "pthread_sigmask", "siginterrupt",
                "sigwait", "sigpending", "SIG_BLOCK", "ITIMER_REAL"}
POSIX_KEYWORDS = {"preexec_fn", "start_new_session", "process_group", "pass_fds", "extra_groups"}
POSIX_START_METHODS = {"fork", "forkserver"}
POSIX_PATH = re.compile(r"^/(dev|proc)/")
GUARD = re.compile(r"\b(os\.name|sys\.platform|platform\.system|hasattr|"
                   r"_?(IS_|ON_)?(WINDOWS|POSIX|MACOS|WIN32))\b")
GUARD_EXCEPTIONS = {"ImportError", "ModuleNotFoundError", "AttributeError"}
MARKER = re.compile(r"#\s*posix-ok:\s*\S")

#: (file relative to the repository, name) -> why it is accepted for now
ALLOWLIST: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Use:
    file: str
    line: int
    name: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.name}"


def _posix_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Import):
        bad = [a.name for a in node.names if a.name.split(".")[0] in POSIX_MODULES]
        return f"import {bad[0]}" if bad else None
    if isinstance(node, ast.ImportFrom) and node.module:
        if node.module.split(".")[0] in POSIX_MODULES:
            return f"import {node.module}"
        table = {"os": POSIX_OS, "signal": POSIX_SIGNAL}.get(node.module, set())
        bad = [a.name for a in node.names if a.name in table]
        return f"{node.module}.{bad[0]}" if bad else None
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        table = {"os": POSIX_OS, "signal": POSIX_SIGNAL}.get(node.value.id, set())
        return f"{node.value.id}.{node.attr}" if node.attr in table else None
    if isinstance(node, ast.keyword) and node.arg in POSIX_KEYWORDS:
        return node.arg
    if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("get_context", "set_start_method"):
        arg = node.args[0] if node.args else None
        if isinstance(arg, ast.Constant) and arg.value in POSIX_START_METHODS:
            return f"start method {arg.value!r}"
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and POSIX_PATH.match(node.value):
        return f"path {node.value!r}"
    return None


def _is_guard(test: ast.AST) -> bool:
    return bool(GUARD.search(ast.unparse(test)))


def _exits(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break))


def _catches_missing(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return False
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in GUARD_EXCEPTIONS for t in types)


class _Checker(ast.NodeVisitor):
    def __init__(self, file: str, lines: list[str]):
        self.file, self.lines = file, lines
        self.guarded = 0
        self.found: list[Use] = []

    def generic_visit(self, node: ast.AST) -> None:
        name = _posix_name(node)
        if name and not self.guarded:
            line = getattr(node, "lineno", 0) or getattr(getattr(node, "value", None), "lineno", 0)
            if not MARKER.search(self.lines[line - 1] if line else ""):
                self.found.append(Use(self.file, line, name))
        for field, value in ast.iter_fields(node):
            if isinstance(value, list) and value and all(isinstance(v, ast.stmt) for v in value):
                self._block(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def _block(self, body: list[ast.stmt]) -> None:
        exited = 0
        for stmt in body:
            self.guarded += exited
            self.visit(stmt)
            self.guarded -= exited
            if isinstance(stmt, ast.If) and _is_guard(stmt.test) and _exits(stmt.body):
                exited = 1

    def _guarded_visit(self, node: ast.AST, test: ast.AST) -> None:
        guard = _is_guard(test)
        self.guarded += guard
        self.generic_visit(node)
        self.guarded -= guard

    def visit_If(self, node: ast.If) -> None:
        self._guarded_visit(node, node.test)

    def visit_While(self, node: ast.While) -> None:
        self._guarded_visit(node, node.test)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self._guarded_visit(node, node.test)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        guard = 0
        for value in node.values:
            self.guarded += guard
            self.visit(value)
            self.guarded -= guard
            guard = guard or int(_is_guard(value))

    def visit_Try(self, node: ast.Try) -> None:
        guard = any(_catches_missing(h) for h in node.handlers)
        self.guarded += guard
        self._block(node.body)
        self.guarded -= guard
        for part in (node.handlers, node.orelse, node.finalbody):
            for child in part:
                self.visit(child)


def posix_uses(source: str, file: str = "<snippet>") -> list[Use]:
    """Every unguarded POSIX-only use in `source` (see the module docstring)."""
    checker = _Checker(file, source.splitlines())
    checker.visit(ast.parse(source))
    return checker.found


def _package_files() -> list[Path]:
    return sorted((ROOT / "hoagiai").rglob("*.py")) + [ROOT / "pipeline.py"]


def _all_uses() -> list[Use]:
    uses = []
    for path in _package_files():
        uses += posix_uses(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    return uses


def _mode(call: ast.Call, position: int) -> str | None:
    """The constant `mode` of an open() call ("r" when absent), None when not a constant."""
    arg = next((k.value for k in call.keywords if k.arg == "mode"), None)
    if arg is None and len(call.args) > position:
        arg = call.args[position]
    if arg is None:
        return "r"
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def default_encoding_uses(source: str, file: str = "<snippet>") -> list[Use]:
    """Text read or written without naming its encoding: `open()` / `Path.open()` in text mode,
    `read_text()` / `write_text()`, `subprocess` with text=True, none given `encoding=`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or any(k.arg == "encoding" for k in node.keywords):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        bad = None
        if name == "open" and isinstance(func, ast.Name):
            mode = _mode(node, 1)
            bad = mode is not None and "b" not in mode
        elif name == "open" and isinstance(func, ast.Attribute) and not isinstance(func.value, ast.Name):
            mode = _mode(node, 0)      # Path(…).open(); module.open() such as gzip is left alone
            bad = mode is not None and "b" not in mode
        elif name == "read_text":
            bad = not node.args
        elif name == "write_text":
            bad = len(node.args) < 2
        elif any(k.arg in ("text", "universal_newlines") for k in node.keywords):
            bad = True
        if bad:
            found.append(Use(file, node.lineno, f"{name}() without encoding"))
    return found


# ---------------------------------------------------------------- the package
def test_no_module_calls_a_posix_only_api_without_a_guarded_fallback():
    bad = [u for u in _all_uses() if (u.file, u.name) not in ALLOWLIST]
    assert not bad, "POSIX-only use without a guard (see tests/test_portability.py):\n" + \
        "\n".join(map(str, bad))


def test_text_files_always_name_their_encoding():
    bad = []
    for path in _package_files():
        bad += default_encoding_uses(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert not bad, "text read or written in the platform's encoding:\n" + "\n".join(map(str, bad))


@pytest.mark.parametrize("source,found", [
    ("open(p)\n", 1), ("open(p, 'w')\n", 1), ("open(p, 'rb')\n", 0), ("open(p, mode='wb')\n", 0),
    ("open(p, encoding='utf-8')\n", 0), ("Path(p).open()\n", 1), ("p.read_text()\n", 1),
    ("p.read_text('utf-8')\n", 0), ("p.write_text(s)\n", 1), ("p.write_text(s, encoding='utf-8')\n", 0),
    ("subprocess.run(a, text=True)\n", 1), ("subprocess.run(a, text=True, encoding='utf-8')\n", 0),
])
def test_the_encoding_rule(source, found):
    assert len(default_encoding_uses(source)) == found


def test_allowlist_has_no_stale_entries():
    used = {(u.file, u.name) for u in _all_uses()}
    stale = [k for k in ALLOWLIST if k not in used]
    assert not stale, f"ALLOWLIST entries that match nothing any more; delete them: {stale}"


# ---------------------------------------------------------------- the rule itself
@pytest.mark.parametrize("source,names", [
    ("import fcntl\n", ["import fcntl"]),
    ("from os import fork\n", ["os.fork"]),
    ("import os\nos.killpg(1, 9)\n", ["os.killpg"]),
    ("import os\nos.kill(pid, 0)\n", ["os.kill"]),
    ("import signal\nx = signal.SIGKILL\n", ["signal.SIGKILL"]),
    ("subprocess.Popen(a, start_new_session=True)\n", ["start_new_session"]),
    ("multiprocessing.get_context('fork')\n", ["start method 'fork'"]),
    ("open('/dev/null')\n", ["path '/dev/null'"]),
    ("import signal\nx = signal.SIGTERM\nos.replace(a, b)\n", []),
    ("if os.name == 'posix':\n    os.killpg(1, 9)\nelse:\n    p.kill()\n", []),
    ("if sys.platform == 'win32':\n    p.kill()\nelse:\n    os.killpg(1, 9)\n", []),
    ("if hasattr(os, 'fchmod'):\n    os.fchmod(fd, 0o644)\n", []),
    ("x = os.getuid() if hasattr(os, 'getuid') else 0\n", []),
    ("ok = not WINDOWS and os.getuid() == 0\n", []),
    ("ok = os.getuid() == 0 and not WINDOWS\n", ["os.getuid"]),
    ("try:\n    import fcntl\nexcept ImportError:\n    fcntl = None\n", []),
    ("try:\n    import fcntl\nexcept OSError:\n    pass\n", ["import fcntl"]),
    ("try:\n    pass\nexcept ImportError:\n    import fcntl\n", ["import fcntl"]),
    ("def f(pid):\n    if IS_WINDOWS:\n        return g(pid)\n    os.kill(pid, 0)\n", []),
    ("def f(pid):\n    if IS_WINDOWS:\n        g(pid)\n    os.kill(pid, 0)\n", ["os.kill"]),
    ("def f(pid):\n    if verbose:\n        return 1\n    os.kill(pid, 0)\n", ["os.kill"]),
    ("os.killpg(pid, 9)  # posix-ok: only called under `if os.name == 'posix'`\n", []),
    ("os.killpg(pid, 9)  # posix-ok:\n", ["os.killpg"]),
    ("if verbose:\n    os.setsid()\n", ["os.setsid"]),
])
def test_the_rule(source, names):
    assert [u.name for u in posix_uses(source)] == names
