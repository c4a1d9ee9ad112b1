"""Build hook: the wheel carries the default rules and templates (CONTRACT §6).

The editable source stays in the repository's top-level `rules/` and `templates/`; at build
time they are copied into the package as `hoagiai/_data/rules/` and `hoagiai/_data/templates/`,
where hoagiai.resources finds them once installed. Everything else is in pyproject.toml; the
sdist carries both folders through MANIFEST.in.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: source folders copied (recursively, every ordinary file) into hoagiai/_data/<folder>/
DATA = ("rules", "templates")


def data_files() -> list[tuple[Path, Path]]:
    """(source file, path inside the package) for every packaged rule and template."""
    pairs = []
    for folder in DATA:
        src = HERE / folder
        if not src.is_dir():
            raise SystemExit(f"hoagiai build: missing {src}; the wheel must carry it")
        for path in sorted(src.rglob("*")):
            skip = path.name.startswith((".", "~$")) or path.suffix == ".pyc" or "__pycache__" in path.parts
            if path.is_file() and not skip:
                pairs.append((path, Path("_data", folder, path.relative_to(src))))
    return pairs


class BuildPyWithData(build_py):
    """build_py, plus the rules and templates copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the repository's own folders
        for src, rel in data_files():
            target = Path(self.build_lib, "hoagiai", rel)
            self.mkpath(str(target.parent))
            self.copy_file(str(src), str(target))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        extra = [str(Path(self.build_lib, "hoagiai", rel)) for _, rel in data_files()]
        return super().get_outputs(include_bytecode) + extra


setup(cmdclass={"build_py": BuildPyWithData})
