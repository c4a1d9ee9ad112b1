"""The built wheel and sdist carry the default rules and templates (docs/contract.md §6).

Builds both once, with `python -m build` (the `test` extra installs it; its isolated build
environment fetches setuptools like any pip install), from a copy of the sources in a temporary
folder. Never skipped: without `build` the test fails and says so. The installed wheel's end to
end run (init, validate, build from a temporary folder) is scripts/ci_wheel.sh, run by .ci/run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "hoagiai", "rules", "templates")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    try:
        import build  # noqa: F401
    except ImportError:
        pytest.fail("`build` is missing: pip install -e '.[test]' (the wheel test is never skipped)")
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "~$*")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(src)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def _sources(folder: str, suffix: str) -> dict[str, bytes]:
    root = ROOT / folder
    found = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob(f"*{suffix}")}
    assert found, f"no {suffix} under {folder}/"
    return found


def test_the_wheel_carries_every_rule_and_template(dist):
    (wheel,) = dist.glob("hoagiai-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for folder, suffix in (("rules", ".yaml"), ("templates", ".docx")):
            for rel, data in _sources(folder, suffix).items():
                member = f"hoagiai/_data/{folder}/{rel}"
                assert member in names, member
                assert z.read(member) == data, member
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "hoagiai = hoagiai.cli:main" in z.read(entry_points).decode()
    assert {"hoagiai/__main__.py", "hoagiai/resources.py", "hoagiai/cli/__init__.py",
            "hoagiai/cli/views/__init__.py"} <= names


def test_the_sdist_carries_the_editable_sources(dist):
    (sdist,) = dist.glob("hoagiai-*.tar.gz")
    with tarfile.open(sdist) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    for folder, suffix in (("rules", ".yaml"), ("templates", ".docx")):
        for rel in _sources(folder, suffix):
            assert f"{folder}/{rel}" in names
    assert {"setup.py", "MANIFEST.in", "pyproject.toml", "hoagiai/resources.py"} <= names


def test_the_package_is_marked_typed_in_wheel_and_sdist(dist):
    """PEP 561: `hoagiai/py.typed` ships, so mypy reads hoagiai's own annotations once installed."""
    (wheel,) = dist.glob("hoagiai-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as z:
        assert "hoagiai/py.typed" in z.namelist()
    (sdist,) = dist.glob("hoagiai-*.tar.gz")
    with tarfile.open(sdist) as t:
        assert any(n.endswith("/hoagiai/py.typed") for n in t.getnames())
