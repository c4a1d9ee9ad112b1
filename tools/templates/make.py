"""Regenerate every Word template into templates/.

    python -m tools.templates.make            # write templates/*.docx
    python -m tools.templates.make --check    # exit 1 if a committed template differs from the generator
    python -m tools.templates.make --out DIR  # write elsewhere

The output is deterministic, so a regenerated template only shows up in git when its layout changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import frame, ke_hoach
from . import qd_cong_nhan, qd_doan_kiem_tra, qd_kien_toan, qd_thoi, tb_kiem_tra
from . import bc_de_an, bc_hoa_giai, qd_thu_lao
from . import cv_dinh_chinh, qd_chi_bo_sung, qd_sua_doi

# One module per template; each exposes FILE and build() -> Document.
TEMPLATES = [ke_hoach]
TEMPLATES += [qd_cong_nhan, qd_thoi, qd_kien_toan, qd_doan_kiem_tra, tb_kiem_tra]
TEMPLATES += [qd_thu_lao, bc_hoa_giai, bc_de_an]
TEMPLATES += [cv_dinh_chinh, qd_sua_doi, qd_chi_bo_sung]   # corrections (hoagiai.corrections)

ROOT = Path(__file__).resolve().parents[2]


def render_all() -> dict[str, bytes]:
    """File name -> .docx bytes for every template."""
    return {module.FILE: frame.to_bytes(module.build()) for module in TEMPLATES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.templates.make", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates", help="output folder (default: templates/)")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    args = parser.parse_args(argv)

    stale = []
    for name, data in render_all().items():
        target = args.out / name
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(name)
            continue
        frame.atomic.write_bytes(target, data)
        print(f"wrote {target}")
    if stale:
        print("out of date (run python -m tools.templates.make): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
