"""What the register refuses (docs/contract.md §5; Nghị định 30/2020/NĐ-CP Điều 15: a unit's documents
are numbered from 01 on 1 January, consecutively in the order of issue within the year, per
register). Pure functions: each returns the Vietnamese refusal, or None."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .vn.dates import ngay_so

if TYPE_CHECKING:
    from .records import Record

BASIS = ("Nghị định 30/2020/NĐ-CP, Điều 15: số văn bản được cấp liên tiếp theo thứ tự thời gian "
         "ban hành trong năm")


def date_refusal(doc_id: str, date: dt.date, year: int, month: int, today: dt.date) -> str | None:
    """The issue date must fall between the first day of the document's own month and today,
    inside the document's year."""
    first = dt.date(year, month, 1)
    if date.year != year:
        return (f"Ngày ban hành {ngay_so(date)} không thuộc năm {year} của văn bản {doc_id}; số văn "
                f"bản được cấp theo từng năm.")
    if date < first:
        return (f"Ngày ban hành {ngay_so(date)} trước ngày {ngay_so(first)}, ngày đầu tháng của văn "
                f"bản {doc_id}; văn bản không thể ban hành trước khi có dữ liệu của nó.")
    if date > today:
        return (f"Ngày ban hành {ngay_so(date)} sau ngày hôm nay ({ngay_so(today)}); chỉ ghi vào "
                f"sổ văn bản đã ký.")
    return None


def refusal(new: "Record", same_series: list["Record"], already: "Record | None") -> str | None:
    """`same_series`: the entries of the new one's series and year."""
    if already is not None:
        return (f"Văn bản {new.doc_id} đã ban hành ({already.label}); không ban hành lần thứ hai. "
                f"Muốn sửa, hãy ban hành văn bản đính chính hoặc thay thế.")
    for r in same_series:
        if r.number == new.number:
            return (f"Số {new.number:02d} năm {new.year} đã cấp cho văn bản {r.doc_id} ({r.label}); "
                    f"hãy dùng số khác.")
    later = [r for r in same_series if r.number < new.number and r.date > new.date]
    if later:
        r = max(later, key=lambda x: x.date)
        return (f"Số {new.number:02d} ngày {ngay_so(new.date)} sai thứ tự: số nhỏ hơn {r.doc_id} "
                f"({r.label}) đã ban hành sau ngày này. {BASIS}.")
    earlier = [r for r in same_series if r.number > new.number and r.date < new.date]
    if earlier:
        r = min(earlier, key=lambda x: x.date)
        return (f"Số {new.number:02d} ngày {ngay_so(new.date)} sai thứ tự: số lớn hơn {r.doc_id} "
                f"({r.label}) đã ban hành trước ngày này. {BASIS}.")
    return None
