"""Where things are: a workspace is an `inputs/` and `outputs/` folder pair, plus the rules and
templates it uses (docs/contract.md §1; where those come from: hoagiai.resources). An `inputs/`
folder holding one folder per unit (each with its own `don_vi.yaml`) is a multi-unit workspace,
built unit by unit into matching folders."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError
from .resources import resolve


@dataclass(frozen=True)
class Workspace:
    inputs: Path
    outputs: Path
    rules: Path
    templates: Path
    unit: str | None = None   # unit folder name in a multi-unit workspace

    @staticmethod
    def make(inputs: str | Path | None = None, outputs: str | Path | None = None,
             rules: str | Path | None = None, templates: str | Path | None = None) -> "Workspace":
        inputs_dir = Path(inputs or "inputs")
        return Workspace(inputs=inputs_dir, outputs=Path(outputs or "outputs"),
                         rules=resolve("rules", rules, inputs_dir),
                         templates=resolve("templates", templates, inputs_dir))

    def check(self) -> None:
        if not self.inputs.is_dir():
            raise ConfigError(f"Không tìm thấy thư mục dữ liệu đầu vào `{self.inputs}`. "
                              f"Dùng --inputs để chỉ thư mục, hoặc `init` để tạo mới.")
        if not self.rules.is_dir():
            raise ConfigError(f"Không tìm thấy thư mục quy tắc `{self.rules}` (--rules).")
        if not self.templates.is_dir():
            raise ConfigError(f"Không tìm thấy thư mục mẫu văn bản `{self.templates}` (--templates).")
        from .rulefiles.catalogue import check_all   # every rule file, before anything is read or written

        check_all(self.rules, self.outputs / ".hoagiai")

    def units(self) -> list["Workspace"]:
        """[self] for a single unit; one workspace per unit folder otherwise."""
        if (self.inputs / "don_vi.yaml").exists():
            return [self]
        subs = sorted(p for p in self.inputs.iterdir() if p.is_dir() and (p / "don_vi.yaml").exists())
        if not subs:
            raise ConfigError(f"Thư mục `{self.inputs}` không có `don_vi.yaml` (hồ sơ đơn vị) và "
                              f"không có thư mục đơn vị nào chứa tệp này.")
        return [replace(self, inputs=p, outputs=self.outputs / p.name, unit=p.name) for p in subs]
