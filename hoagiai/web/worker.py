"""A build in its own process: `python -m hoagiai.web.worker SPEC_JSON`.

Writes one JSON object per line on its original stdout: progress events, then
`{"result": <build --json>, "code": n}` or `{"error": message, "code": n}`. Anything else
the build or LibreOffice would print goes to stderr, so the protocol stays clean."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def _channel():
    fd = os.dup(1)
    os.dup2(2, 1)          # stray prints (children too) go to stderr
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


def main(argv: list[str]) -> int:
    out = _channel()

    def send(obj) -> None:
        out.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        out.flush()

    spec = json.loads(argv[1])
    from ..engine import BuildOptions
    from ..documents.base import Month
    from ..errors import HoagiaiError
    from ..workspace import Workspace
    from .. import operations

    try:
        w = spec["ws"]
        ws = Workspace(inputs=Path(w["inputs"]), outputs=Path(w["outputs"]), rules=Path(w["rules"]),
                       templates=Path(w["templates"]), unit=w["unit"])
        opts = BuildOptions(month=Month.parse(spec["month"]), kinds=frozenset(spec.get("docs") or ()),
                            pdf=bool(spec.get("pdf", True)))
        reporter = lambda name, data: send({"event": name, **data})  # noqa: E731
        if ws.unit is None:
            result, code = operations.build(ws, opts, reporter)
        else:
            result, code = operations.build_unit(ws, opts, reporter)
        send({"result": result, "code": code})
        return 0
    except HoagiaiError as exc:
        send({"error": exc.message, "code": exc.exit_code})
        return exc.exit_code
    except Exception as exc:  # the boundary of the child process
        send({"error": f"Lỗi nội bộ khi dựng văn bản ({type(exc).__name__}).", "code": 3})
        import traceback

        traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv))
