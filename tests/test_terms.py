"""rules/thuat_ngu.yaml: wrong names of laws and programmes and mixed tone placement in the
clerk's free text are warnings naming the file and the key or cell; the text is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_fixtures import case, table

from hoagiai.yearly_plan import KeHoach
from hoagiai.validate.terms import check_terms, to_new_placement

RULES = Path(__file__).resolve().parents[1] / "rules"


def plan(data: dict) -> dict:
    return {2026: KeHoach(nam=2026, file="ke_hoach_2026.yaml", data=data)}


def flat(findings):
    return [(f.code, f.severity, f.file, f.sheet, f.row, f.column, f.value) for f in findings]


@pytest.mark.parametrize("word, expected", [
    ("Hoà giải", "Hòa giải"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"),
    ("hoàn thành", "hoàn thành"), ("quý", "quý"), ("Hòa", "Hòa"),
])
def test_tone_placement_normalised_for_matching(word, expected):
    assert to_new_placement(word) == expected


def test_wrong_law_name_in_a_plan_names_the_key_and_keeps_the_text():
    data = {"muc_dich": ["Thực hiện Luật Hòa giải ở cơ sở.", "Thực hiện hiệu quả Luật Hoà giải cơ sở."]}
    found = check_terms(RULES, {}, plan(data))
    assert ("wrong-legal-name", "warning", "ke_hoach_2026.yaml", None, None, "muc_dich[1]",
            "Luật Hoà giải cơ sở") in flat(found)
    f = next(f for f in found if f.code == "wrong-legal-name")
    assert f.message == ("Tên “Luật Hoà giải cơ sở” chưa đúng; tên đúng là “Luật Hòa giải ở cơ sở” "
                         "(văn bản vẫn in như đã nhập).")
    assert f.basis is not None and f.basis.startswith("Luật Hòa giải ở cơ sở số 35/2013/QH13")
    assert data["muc_dich"][1] == "Thực hiện hiệu quả Luật Hoà giải cơ sở."   # never rewritten


def test_programme_title_without_o_co_so_is_flagged():
    found = check_terms(RULES, {}, plan({"trich_yeu": "Đề án Nâng cao năng lực đội ngũ hòa giải viên cơ sở"}))
    assert [(f.code, f.column) for f in found] == [("wrong-legal-name", "trich_yeu")]


def test_mixed_tone_placement_in_one_plan_points_at_the_rarer_form():
    data = {"a": "hòa giải viên", "b": ["tổ hòa giải", "công tác hoà giải"]}
    found = check_terms(RULES, {}, plan(data))
    assert flat(found) == [("mixed-tone-placement", "warning", "ke_hoach_2026.yaml", None, None, "b[1]", "hoà")]
    assert "1 chỗ kiểu “hoà”, 2 chỗ kiểu “hòa”" in found[0].message


def test_one_placement_only_is_fine():
    assert check_terms(RULES, {}, plan({"a": "hoà giải", "b": "thuỷ lợi"})) == []


def test_free_text_cells_of_a_sheet_name_row_and_column():
    cases = table("vu_viec", [case("VV-01", noi_dung="Tranh chấp, đã hòa giải"),
                              case("VV-02", ghi_chu="Theo Luật Hòa giải cơ sở"),
                              case("VV-03", noi_dung="Hai bên hoà thuận")])
    found = flat(check_terms(RULES, {"vu_viec": cases}, {}))
    assert ("wrong-legal-name", "warning", "vu_viec.xlsx", "Sheet1", 4, "Ghi chú", "Luật Hòa giải cơ sở") in found
    # within one column only: Nội dung tóm tắt mixes "hòa" (row 3) and "hoà" (row 5)
    assert ("mixed-tone-placement", "warning", "vu_viec.xlsx", "Sheet1", 5, "Nội dung tóm tắt", "hoà") in found
