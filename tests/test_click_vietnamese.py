"""The gaps test_cli_messages.py leaves: the help of the program and of every sub-command of a
group, and every other message Click itself can give on this command line (a flag given a value,
a value outside a choice, a file where a folder is wanted and back, a missing or unknown
sub-command) — run through the installed Click, so a Click upgrade that rewords one shows here
as English instead of reaching a clerk."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from hoagiai.cli import main

CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Error:", "Show this message", "does not take", "is not one of",
                 "is a file", "is a directory", "Missing", "No such", "Try '")


def _run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="pipeline.py")


def _nested(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The program itself and every command below a group (the top-level commands are checked by
    test_cli_messages.py)."""
    out = [path] if not path or len(path) > 1 else []
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            out += _nested(cmd, (*path, name))
        elif path:
            out.append((*path, name))
    return out


NESTED = _nested(main)


def test_there_are_sub_commands_to_check():
    assert () in NESTED and ("user", "add") in NESTED


@pytest.mark.parametrize("path", NESTED, ids=lambda p: " ".join(p) or "pipeline.py")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_of_the_program_and_of_every_sub_command(path, flag):
    res = _run(*path, flag)
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Cách dùng: ")
    assert "Tùy chọn:" in res.output and "Hiện hướng dẫn này rồi thoát." in res.output
    assert [w for w in CLICK_ENGLISH if w in res.output] == []


def test_a_group_without_its_command_shows_its_help_in_vietnamese():
    res = _run("user")
    assert res.exit_code == 2
    assert res.output.startswith("Cách dùng: pipeline.py user ") and "Lệnh:" in res.output and "add " in res.output
    assert [w for w in CLICK_ENGLISH if w in res.output] == []


@pytest.mark.parametrize("args, vietnamese", [
    (["build", "--json=1"], "Lỗi: Tùy chọn --json không nhận giá trị."),
    (["user", "add", "an", "--role", "boss"],
     "Lỗi: Giá trị không hợp lệ cho --role: “boss” phải là một trong: 'clerk', 'viewer'."),
    (["user", "nope"], "Lỗi: Không có lệnh `nope`."),
    (["--debug"], "Lỗi: Thiếu tên lệnh (xem --help)."),
])
def test_other_click_errors_are_translated(args, vietnamese):
    res = _run(*args)
    assert res.exit_code == 2
    assert vietnamese in res.output, res.output
    assert [w for w in CLICK_ENGLISH if w in res.output] == []


def test_a_file_for_a_folder_and_a_folder_for_a_file(tmp_path):
    file = tmp_path / "a.txt"
    file.write_text("x", encoding="utf-8")
    res = _run("--inputs", str(file), "validate")
    assert res.exit_code == 2
    assert f"Lỗi: Giá trị không hợp lệ cho --inputs: `{file}` là một tệp, không phải thư mục." in res.output
    res = _run("check-templates", str(tmp_path))
    assert res.exit_code == 2
    assert f"`{tmp_path}` là một thư mục, không phải tệp." in res.output
    assert [w for w in CLICK_ENGLISH if w in res.output] == []
