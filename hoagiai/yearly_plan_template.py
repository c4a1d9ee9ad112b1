"""The commented `ke_hoach_YYYY.yaml` that `init` writes, and the check that finds the places
still to fill in any plan (`plan-placeholder`, an error: a plan is never built with them).

A place to fill is a value holding "[Cần điền" — visible in the file, impossible to mistake
for real text, and valid for the plan's schema, so the rest of the plan is still checked.
"""

from __future__ import annotations

from typing import Any

from .findings import ERROR, Finding

MARK = "[Cần điền"
CODE = "plan-placeholder"

PLAN_TEMPLATE = """\
# Nội dung Kế hoạch thực hiện Đề án “Nâng cao năng lực đội ngũ hòa giải viên ở cơ sở giai đoạn
# 2024-2030” năm {year}. Thay mỗi chỗ “[Cần điền: …]” bằng nội dung thật (xóa cả dấu ngoặc), rồi chạy:
#   python pipeline.py validate
# Chương trình không dựng Kế hoạch khi còn chỗ “[Cần điền”. Dòng bắt đầu bằng # là ghi chú.
# Mỗi mục danh sách bắt đầu bằng “- ”; thụt lề bằng dấu cách (không dùng phím Tab).
# Giá trị có dấu hai chấm “:” thì đặt trong dấu ngoặc kép, ví dụ: "Lưu: VT, VP".
nam: {year}
thang_ban_hanh: 1                  # tháng dự kiến ban hành (dòng ngày của bản dự thảo), 1–12
trich_yeu: Thực hiện Đề án “Nâng cao năng lực đội ngũ hòa giải viên ở cơ sở giai đoạn 2024-2030” năm {year}
mo_dau: >-
  [Cần điền: đoạn mở đầu — căn cứ kế hoạch của cấp trên (số, ngày, cơ quan ban hành)]
muc_dich:                          # mục đích (mỗi ý một dòng “- …”)
  - "[Cần điền: mục đích]"
yeu_cau:                           # yêu cầu
  - "[Cần điền: yêu cầu]"
nhiem_vu:                          # nhiệm vụ: tên, nội dung, đơn vị chủ trì và phối hợp
  - ten: "[Cần điền: tên nhiệm vụ]"
    noi_dung:
      - "[Cần điền: nội dung công việc]"
    chu_tri: Văn phòng HĐND-UBND xã
    phoi_hop: Các cơ quan, đơn vị có liên quan
#   tien_do:                       # ghi dần trong năm để lập Báo cáo kết quả thực hiện Đề án
#     - Đã …
noi_nhan:
  - Sở Tư pháp
  - Lãnh đạo UBND xã
  - Các cơ quan, đơn vị có liên quan
  - "Lưu: VT, VP"
nguoi_ky: "[Cần điền: họ và tên người ký, như trong don_vi.yaml]"
"""


def plan_template(year: int) -> str:
    return PLAN_TEMPLATE.format(year=year)


def placeholders(data: Any, path: str = "") -> list[tuple[str, str]]:
    """(key path, value) of every value still holding a place to fill."""
    if isinstance(data, str):
        return [(path, data)] if MARK.casefold() in data.casefold() else []
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in placeholders(v, f"{path}.{k}" if path else str(k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in placeholders(v, f"{path}[{i}]")]
    return []


def placeholder_findings(plans: dict[int, Any]) -> tuple[dict[int, Any], list[Finding]]:
    """The plans without places to fill, and a `plan-placeholder` error for each place left."""
    kept: dict[int, Any] = {}
    findings: list[Finding] = []
    for year, plan in plans.items():
        left = placeholders(plan.data)
        if not left:
            kept[year] = plan
            continue
        for key, value in left:
            what = value.strip().strip('"').removeprefix("[").removesuffix("]")
            findings.append(Finding(
                CODE, ERROR, f"{plan.file}: khóa `{key}` còn chỗ cần điền ({what}). Kế hoạch năm {year} "
                f"chưa được dựng cho đến khi điền xong.", file=plan.file, column=key, value=value,
                dataset="ke_hoach"))
    return kept, findings
