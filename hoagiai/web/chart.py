"""The overview's picture as geometry for an inline SVG (rendered by the template)."""

from __future__ import annotations

from typing import Any

W, H, PAD_L, PAD_B, PAD_T = 640, 240, 36, 28, 16


def bars(fig: dict[str, Any] | None) -> dict[str, Any] | None:
    if not fig or not fig.get("months"):
        return None
    months = fig["months"]
    top = max([1, *(m["received"] for m in months), *(m["ended"] for m in months)])
    inner_w, inner_h = W - PAD_L - 40, H - PAD_B - PAD_T
    slot = inner_w / len(months)
    bw = max(4.0, slot / 3)
    items, points = [], []
    for i, m in enumerate(months):
        x = PAD_L + i * slot + slot / 2
        hr = inner_h * m["received"] / top
        he = inner_h * m["ended"] / top
        items.append({"label": m["month"][5:], "month": m["month"], "received": m["received"],
                      "ended": m["ended"], "rate": m["rate"], "x": round(x, 1),
                      "xr": round(x - bw, 1), "yr": round(PAD_T + inner_h - hr, 1), "hr": round(hr, 1),
                      "xe": round(x, 1), "ye": round(PAD_T + inner_h - he, 1), "he": round(he, 1),
                      "bw": round(bw, 1)})
        if m["rate"] is not None:
            points.append(f"{x:.1f},{PAD_T + inner_h * (1 - m['rate']):.1f}")
    target = fig.get("target_rate")
    return {"w": W, "h": H, "items": items, "line": " ".join(points), "top": top,
            "base": PAD_T + inner_h, "left": PAD_L, "right": W - 40,
            "target_y": round(PAD_T + inner_h * (1 - target), 1) if target is not None else None,
            "target": target, "teams_ok": fig.get("teams_ok"), "teams_total": fig.get("teams_total")}
