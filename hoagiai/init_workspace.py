"""`init DIR`: a new, empty workspace for a unit (docs/contract.md §1).

Makes `DIR/inputs/` with blank workbooks carrying the contract's headers (taken from the
column specs in `rules/du_lieu/`, so they always match what `validate` expects), drop-down
lists for every enumerated column and for Thôn, a commented `don_vi.yaml` to fill and a
commented `ke_hoach_YYYY.yaml` for the current year (its places to fill are errors until filled);
plus an empty `DIR/outputs/`. Never overwrites: if `DIR/inputs/` already holds files, it
refuses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from . import xlsx_writer
from .atomic import write_text
from .errors import ConfigError
from .unit_profile import load_profile

PROFILE_TEMPLATE = """\
# Hồ sơ đơn vị — hãy sửa các giá trị dưới đây cho đúng với xã, phường của mình,
# rồi chạy:  python pipeline.py validate
# (Dòng bắt đầu bằng # là ghi chú, chương trình bỏ qua.)

ten_don_vi: Ủy ban nhân dân xã Tên Xã     # tên đầy đủ của cơ quan ban hành văn bản
dia_danh: Tên Xã                          # địa danh ghi ở dòng "…, ngày … tháng … năm …"

thon:                                     # mọi thôn, tổ dân phố, theo thứ tự báo cáo
  - ten: Thôn 1
  - ten: Thôn 2
  - ten: Thôn 3
#   dtts: true                            # thêm dòng này dưới thôn có nhiều đồng bào dân tộc thiểu số
#                                         # (tổ hòa giải phải có hòa giải viên người dân tộc thiểu số)

nguoi_ky:                                 # người ký văn bản; người đầu tiên ký mặc định
  - ho_ten: Họ và tên người ký
    chuc_vu: Chủ tịch                     # Chủ tịch hoặc Phó Chủ tịch

# Các khóa tùy chọn (bỏ dấu # để dùng; bỏ trống thì dùng giá trị mặc định):
# co_quan_chu_quan: ỦY BAN NHÂN DÂN THÀNH PHỐ …    # dòng cơ quan chủ quản phía trên (mặc định: không ghi)
# ky_hieu_co_quan: UBND                            # ký hiệu cơ quan trong số văn bản (Số: 05/QĐ-UBND)
# so_dang_ky: chung                                # chung (một sổ cho mọi loại) | theo-loai (mỗi loại một sổ)
# noi_nhan_cap_tren: Sở Tư pháp                    # cơ quan tư pháp cấp trên ở phần Nơi nhận
# don_vi_soan_thao: VP                             # đơn vị soạn thảo ở dòng "Lưu: VT, VP." (mặc định VP)
"""

#: sheet name for a dataset whose spec gives only a sheet number
SHEET_NAMES = {"hoa_giai_vien": "Danh sách hòa giải viên", "vu_viec": "Vụ việc"}
LISTS_SHEET = "Danh mục"
LAST_ROW = 2000          # drop-downs and formats cover rows 2..LAST_ROW
# keep leading zeros, and "02/3…" from turning into a date
TEXT_KEYS = {"so_cccd", "dien_thoai", "so_qd_cong_nhan", "ma_vu_viec", "van_ban_de_nghi",
             "van_ban_de_nghi_thoi"}


def init_workspace(target: Path, rules_dir: Path, year: int | None = None) -> list[Path]:
    """Create the workspace; return the paths made (files, then the outputs folder).

    Raises ConfigError if `target/inputs` already holds files, RuleFileError if the column
    specs are malformed."""
    from .load.spec import load_specs
    from .yearly_plan_template import plan_template

    year = year or dt.date.today().year

    target = Path(target)
    inputs, outputs = target / "inputs", target / "outputs"
    if inputs.exists() and (not inputs.is_dir() or any(inputs.iterdir())):
        raise ConfigError(f"Thư mục {inputs} đã có dữ liệu; không ghi đè. "
                          "Hãy chọn một thư mục mới cho `init`.")
    specs = load_specs(rules_dir)
    try:
        inputs.mkdir(parents=True, exist_ok=True)
        outputs.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"Không tạo được thư mục {target}: {exc.strerror or exc}.") from exc

    made: list[Path] = []
    profile_path = inputs / "don_vi.yaml"
    write_text(profile_path, PROFILE_TEMPLATE)
    made.append(profile_path)
    plan_path = inputs / f"ke_hoach_{year}.yaml"
    write_text(plan_path, plan_template(year))
    made.append(plan_path)
    thon = load_profile(profile_path, placeholders_ok=True).thon_names

    by_file = defaultdict(list)
    for spec in specs.values():
        by_file[spec.file_base].append(spec)
    for base, file_specs in sorted(by_file.items()):
        path = inputs / f"{base}.xlsx"
        _write_workbook(path, file_specs, thon)
        made.append(path)
    made.append(outputs)
    return made


def _write_workbook(path: Path, specs: list, thon: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    named = [s for s in specs if isinstance(s.sheet, str)]
    numbered = sorted((s for s in specs if not isinstance(s.sheet, str)), key=lambda s: s.sheet)
    lists = _ListSheet()
    for spec in numbered + named:
        title = spec.sheet if isinstance(spec.sheet, str) else SHEET_NAMES.get(spec.name, spec.name)
        ws = wb.create_sheet(title[:31])
        for c, col in enumerate(spec.columns, start=1):
            cell = ws.cell(row=1, column=c, value=col.header)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="FFDDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            _format_column(ws, c, col)
            values = col.enum_values or (tuple(thon) if col.key == "thon" else ())
            if values:
                _drop_down(ws, c, values, lists, strict=col.key != "thon")
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 32
    if lists.columns:
        lists.write(wb)
    xlsx_writer.save(wb, path)


def _format_column(ws, c: int, col) -> None:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(c)
    width = {"date": 14, "date_or_year": 14, "name_list": 34, "yesno": 12, "year": 12, "int": 8}.get(col.type, 18)
    if col.key == "noi_dung" or col.key in ("uu_diem", "ton_tai", "kien_nghi"):
        width = 45
    if col.enum_values:
        width = max(len(v) for v in col.enum_values) + 4
    dim = ws.column_dimensions[letter]
    dim.width = max(width, len(col.header) + 3)
    if col.type in ("date",):
        dim.number_format = "DD/MM/YYYY"
    elif col.key in TEXT_KEYS or col.keep_leading_zero:
        dim.number_format = "@"


class _ListSheet:
    """Lists too long (or with commas) for an inline drop-down go to a sheet `Danh mục`."""

    def __init__(self):
        self.columns: list[tuple[str, tuple[str, ...]]] = []

    def ref(self, header: str, values: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter

        for i, (h, v) in enumerate(self.columns):
            if v == values:
                break
        else:
            self.columns.append((header, values))
            i = len(self.columns) - 1
        letter = get_column_letter(i + 1)
        # room below the list, so the clerk can add a thôn without touching the drop-down
        return f"'{LISTS_SHEET}'!${letter}$2:${letter}${max(len(values) + 1, 100)}"

    def write(self, wb) -> None:
        from openpyxl.styles import Font

        ws = wb.create_sheet(LISTS_SHEET)
        for i, (header, values) in enumerate(self.columns, start=1):
            ws.cell(row=1, column=i, value=header).font = Font(bold=True)
            for r, v in enumerate(values, start=2):
                ws.cell(row=r, column=i, value=v)
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = 28
        note = len(self.columns) + 2
        ws.cell(row=1, column=note, value="Danh sách thôn phải khớp với don_vi.yaml; "
                                         "sửa ở cả hai nơi khi thêm, bớt thôn.")


def _drop_down(ws, c: int, values: tuple[str, ...], lists: _ListSheet, strict: bool) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    inline = ",".join(values)
    header = ws.cell(row=1, column=c).value
    if any("," in v or '"' in v for v in values) or len(inline) > 250 or not strict:
        formula = lists.ref(header, values)
    else:
        formula = f'"{inline}"'
    dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                        showErrorMessage=True, errorStyle="stop" if strict else "warning",
                        errorTitle="Giá trị không có trong danh sách",
                        error=f"Hãy chọn {header} trong danh sách.",
                        promptTitle=header, prompt="Chọn trong danh sách.", showInputMessage=True)
    letter = get_column_letter(c)
    dv.add(f"{letter}2:{letter}{LAST_ROW}")
    ws.add_data_validation(dv)
