"""Windows and macOS readiness (hoagiai.oscompat, atomic, safe_paths): the console writes
Vietnamese whatever its code page, process pools honour HOAGIAI_MP_START (spawn really spawns,
a multi-unit build works that way), a held file is renamed after a retry or reported, no
`os.kill(pid, 0)` on Windows, paths too long for Windows and unit folders that would merge on a
case-insensitive disk are refused with a message."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import pytest

from hoagiai import atomic, oscompat
from hoagiai.errors import ConfigError, EnvironmentFailure
from hoagiai.safe_paths import FILE_ROOM, WINDOWS_MAX_PATH, inside, same_on_every_disk

ROOT = Path(__file__).resolve().parents[1]
_MARK = "as imported"   # a spawned worker sees this; a forked one sees the parent's change


def _read_mark() -> str:
    return _MARK


# ---------------------------------------------------------------- console
def test_a_code_page_console_is_switched_to_utf8():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    oscompat.utf8_console((stream,))
    stream.write("Lỗi: Ủy ban nhân dân xã An Thành")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "Lỗi: Ủy ban nhân dân xã An Thành"


def test_a_utf8_stream_and_a_stream_without_reconfigure_are_left_alone():
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="UTF-8", errors="strict")
    plain = io.StringIO()
    oscompat.utf8_console((utf8, plain))
    assert (utf8.encoding, utf8.errors) == ("UTF-8", "strict")


def test_the_command_line_prints_vietnamese_through_a_cp1252_pipe(tmp_path):
    import subprocess

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "hoagiai", "--help"], cwd=tmp_path, env=env,
                          capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    assert out.startswith("Cách dùng: hoagiai ") and "hồ sơ hòa giải ở cơ sở" in out


# ---------------------------------------------------------------- start method
def test_start_method_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(oscompat.START_METHOD_ENV, raising=False)
    assert oscompat.start_method() is None
    monkeypatch.setenv(oscompat.START_METHOD_ENV, " Spawn ")
    assert oscompat.start_method() == "spawn"
    monkeypatch.setenv(oscompat.START_METHOD_ENV, "fork")
    monkeypatch.setattr(oscompat, "WINDOWS", True)
    assert oscompat.start_method() == "spawn"      # Windows has nothing else
    monkeypatch.setenv(oscompat.START_METHOD_ENV, "thread")
    with pytest.raises(ConfigError, match="HOAGIAI_MP_START='thread' không hợp lệ"):
        oscompat.start_method()


def test_a_pool_under_spawn_starts_fresh_interpreters(monkeypatch):
    monkeypatch.setenv(oscompat.START_METHOD_ENV, "spawn")
    monkeypatch.setattr(sys.modules[__name__], "_MARK", "changed in the parent")
    with oscompat.process_pool(1) as pool:
        assert pool.submit(_read_mark).result() == "as imported"
    monkeypatch.setenv(oscompat.START_METHOD_ENV, "fork")   # the probe tells the two apart
    with oscompat.process_pool(1) as pool:
        assert pool.submit(_read_mark).result() == "changed in the parent"


def test_a_multi_unit_build_under_spawn_builds_every_unit(tmp_path, monkeypatch):
    import datetime as dt

    from bench import synth
    from hoagiai.engine import BuildOptions
    from hoagiai.documents.base import Month
    from hoagiai.engine.multi import build_all
    from hoagiai.workspace import Workspace

    for i in (1, 2):
        synth.commune(tmp_path / "inputs" / f"xa-{i:02d}", seed=200 + i)
    monkeypatch.setenv(oscompat.START_METHOD_ENV, "spawn")
    ws = Workspace.make(tmp_path / "inputs", tmp_path / "outputs")
    opts = BuildOptions(month=Month.parse("2026-11"), pdf=False, today=dt.date(2026, 11, 27), jobs=2)
    results = build_all(ws, opts, lambda event, data: None)
    assert [r.unit for r in results] == ["xa-01", "xa-02"]
    for r in results:
        docs = r.to_dict()["documents"]
        assert docs and all(Path(d["docx"]).is_file() for d in docs if d.get("docx"))
    assert (tmp_path / "outputs" / "tong-hop-2026-11.xlsx").is_file()


# ---------------------------------------------------------------- replacing a held file
def test_replace_retries_while_windows_holds_the_file(tmp_path, monkeypatch):
    src, dst = tmp_path / "moi.docx", tmp_path / "cu.docx"
    src.write_bytes(b"new")
    dst.write_bytes(b"old")
    real, calls = os.replace, []
    pauses: list[float] = []

    def held_twice(a, b):
        calls.append(1)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        real(a, b)

    monkeypatch.setattr(os, "replace", held_twice)
    oscompat.replace(src, dst, retry=True, sleep=pauses.append)
    assert dst.read_bytes() == b"new" and not src.exists()
    assert pauses == list(oscompat.REPLACE_PAUSES[:2])


def test_replace_gives_up_with_the_last_error_and_does_not_retry_off_windows(tmp_path, monkeypatch):
    calls = []

    def always_held(a, b):
        calls.append(1)
        raise PermissionError(13, "held")

    monkeypatch.setattr(os, "replace", always_held)
    with pytest.raises(PermissionError):
        oscompat.replace(tmp_path / "a", tmp_path / "b", retry=True, sleep=lambda s: None)
    assert len(calls) == len(oscompat.REPLACE_PAUSES) + 1
    calls.clear()
    with pytest.raises(PermissionError):
        oscompat.replace(tmp_path / "a", tmp_path / "b", retry=False)
    assert len(calls) == 1


def test_a_file_held_open_on_windows_is_reported_and_kept(tmp_path, monkeypatch):
    target = tmp_path / "qd-thu-lao-2026-05.docx"
    target.write_bytes(b"ban cu")

    def held(a, b):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr(oscompat, "WINDOWS", True)
    monkeypatch.setattr(oscompat, "REPLACE_PAUSES", (0.0,))
    with pytest.raises(EnvironmentFailure) as err:
        atomic.write_bytes(target, b"ban moi")
    assert "qd-thu-lao-2026-05.docx" in err.value.message
    assert "đang được mở trong chương trình khác" in err.value.message
    assert target.read_bytes() == b"ban cu"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]    # no temporary file left


def test_a_path_too_long_for_windows_is_named_in_the_write_error(tmp_path, monkeypatch):
    target = tmp_path / ("x" * 120) / ("y" * 140 + ".docx")

    def refused(a, b):
        raise OSError(22, "The filename or extension is too long")

    monkeypatch.setattr(os, "replace", refused)
    monkeypatch.setattr(oscompat, "WINDOWS", True)
    with pytest.raises(EnvironmentFailure, match="dài hơn 260 ký tự, giới hạn của Windows"):
        atomic.write_bytes(target, b"x")


# ---------------------------------------------------------------- processes and permissions
def test_pid_alive_without_signals():
    assert oscompat.pid_alive(os.getpid())
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not oscompat.pid_alive(proc.pid)


def test_written_files_have_ordinary_permissions(tmp_path):
    target = tmp_path / "a.txt"
    atomic.write_text(target, "x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~oscompat._UMASK


# ---------------------------------------------------------------- paths
def test_a_folder_too_deep_for_windows_is_refused_there_only(tmp_path):
    out = tmp_path / "outputs"
    deep = out / ("a" * max(1, WINDOWS_MAX_PATH - FILE_ROOM - len(str(out.resolve())) + 1))
    deep.mkdir(parents=True)
    assert inside(out, deep, windows=False) == deep
    with pytest.raises(ConfigError, match="vượt giới hạn 260 ký tự của Windows"):
        inside(out, deep, windows=True)
    shallow = out / "2026"
    assert inside(out, shallow, windows=True) == shallow


def test_names_that_merge_on_windows_and_macos():
    assert same_on_every_disk("Xã A") == same_on_every_disk("XÃ A") == same_on_every_disk("Xa\u0303 A")
    assert same_on_every_disk("Xã A") != same_on_every_disk("Xã B")


def test_unit_folders_differing_only_by_case_are_refused(tmp_path):
    from conftest import run_cli

    for name in ("Xa-An", "xa-an"):
        unit = tmp_path / "inputs" / name
        unit.mkdir(parents=True)
        (unit / "don_vi.yaml").write_bytes((ROOT / "inputs" / "don_vi.yaml").read_bytes())
    from hoagiai.engine.multi import checked_units
    from hoagiai.workspace import Workspace

    with pytest.raises(ConfigError, match="`Xa-An` và `xa-an` chỉ khác nhau chữ hoa/chữ thường"):
        checked_units(Workspace.make(tmp_path / "inputs", tmp_path / "outputs"))
    code, _ = run_cli(tmp_path, "build", "--month", "2026-12", "--no-pdf", "--jobs", "1")
    assert code == 2
    assert not (tmp_path / "outputs").exists() or not any((tmp_path / "outputs").rglob("*.docx"))
