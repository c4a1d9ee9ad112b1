"""Every command's help, and Click's own error messages, come out in Vietnamese — checked
against the Click that is installed, so a Click upgrade that rewords a message fails here
instead of showing English to a clerk."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hoagiai.cli import main

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "Error:", "No such", "Missing",
           "Invalid value", "requires an argument", "unexpected extra", "Did you mean", " is not ",
           "a valid", "the range")


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _english(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_help_is_vietnamese(name):
    res = _run(name, "--help")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Cách dùng: ")
    assert "Tùy chọn:" in res.output and "Hiện hướng dẫn này rồi thoát." in res.output
    assert _english(res.output) == []


@pytest.mark.parametrize("args, vietnamese", [
    (["--khong-co"], "Không có tùy chọn --khong-co."),
    (["build", "--mont", "2026-01"], "'--month'"),
    (["khong-co-lenh"], "Không có lệnh `khong-co-lenh`."),
    (["issue", "x", "--date", "2026-01-05"], "Thiếu tùy chọn --number."),
    (["init"], "Thiếu đối số DIRECTORY."),
    (["build", "--month"], "Tùy chọn --month cần một giá trị."),
    (["status", "thua"], "Thừa đối số: thua."),
    (["build", "--jobs", "x"], "Giá trị không hợp lệ cho --jobs: “x” không phải là số nguyên hợp lệ."),
    (["build", "--jobs", "99"], "Giá trị không hợp lệ cho --jobs: 99 nằm ngoài khoảng cho phép (1<=x<=64)."),
    (["issue", "x", "--number", "y", "--date", "2026-01-05"], "“y” không phải là số nguyên."),
])
def test_click_errors_are_translated(args, vietnamese):
    res = _run(*args)
    assert res.exit_code == 2
    assert vietnamese in res.output
    assert _english(res.output) == []
