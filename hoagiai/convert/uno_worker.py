"""One warm LibreOffice, driven over UNO: the worker process of hoagiai.convert.warm.

Runs under the Python that has LibreOffice's `uno` module (Debian: /usr/bin/python3 with
python3-uno; Windows/macOS: the Python shipped inside LibreOffice), NOT the project's venv, so it
imports nothing from hoagiai: standard library and `uno` only.

    <uno python> uno_worker.py '<json config>'
    config: {"soffice": path, "profile": dir, "pipe": name, "start_timeout": seconds}

It starts soffice (a private profile, accepting UNO on a named pipe) as its own child — in the
caller's process group, so killing the group kills both — writes soffice's pid to
`<profile>/soffice.pid`, then speaks JSON lines:

    out: {"ready": true, "pid": <soffice pid>}   or   {"ready": false, "error": "..."}
    in:  {"id": 7, "src": "/abs/in.docx", "dst": "/abs/out.pdf", "pdfa": false}
         optional: "filter": "writer8" (src is an ODT), "marks": true (bookmarks become named
         destinations in the PDF: how hoagiai.convert.bundle cuts a bundle's PDF)
    out: {"id": 7, "ok": true}   or   {"id": 7, "ok": false, "fatal": bool, "error": "..."}

`fatal` means LibreOffice itself is gone (the worker exits after saying so); otherwise only that
document failed. The DOCX is loaded from memory (an input stream over its bytes, no type
detection) in preview mode (`Preview`: the same pages, ~45 ms less LibreOffice CPU per document,
mostly in closing it — BENCHMARKS.md, issue 16 second look); the PDF is written to `dst`, which
the caller checks and moves into place. End of
input (the caller closed the pipe or died) kills soffice at once: nothing is left running.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from typing import Any

import uno  # noqa: F401 - LibreOffice's bridge; only importable under LibreOffice's Python
from com.sun.star.beans import PropertyValue

RESTART_REQUESTED = 81   # soffice.bin's exit code after it created a new profile


def _props(**values) -> tuple:
    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())


def _say(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def _binary(soffice: str) -> str:
    """soffice.bin beside the launcher when there is one (no shell script, no splash process)."""
    candidate = os.path.join(os.path.dirname(os.path.realpath(soffice)), "soffice.bin")
    return candidate if os.path.isfile(candidate) else soffice


class Office:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.proc: Any = None       # subprocess.Popen once started
        self.desktop: Any = None    # UNO objects, untyped
        self.smgr: Any = None
        self.ctx: Any = None

    def start(self) -> None:
        cfg = self.cfg
        url = "uno:pipe,name={};urp;StarOffice.ComponentContext".format(cfg["pipe"])
        cmd = [_binary(cfg["soffice"]), "--headless", "--invisible", "--nologo", "--norestore",
               "--nodefault", "--nolockcheck", "--nofirststartwizard",
               "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(cfg["profile"])),
               "--accept=pipe,name={};urp;StarOffice.ComponentContext".format(cfg["pipe"])]
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + float(cfg.get("start_timeout", 60))
        log = open(os.path.join(cfg["profile"], "soffice.log"), "ab")
        restarts = 0
        self._spawn(cmd, log)
        while True:
            try:
                self.ctx = resolver.resolve(url)
                break
            except Exception:  # NoConnectException until soffice listens
                code = self.proc.poll()
                if code == RESTART_REQUESTED and restarts < 3:
                    restarts += 1
                    self._spawn(cmd, log)
                    continue
                if code is not None:
                    raise RuntimeError("soffice exited with code {}".format(code))
                if time.monotonic() > deadline:
                    raise RuntimeError("soffice did not accept UNO connections in time")
                time.sleep(0.02)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def _spawn(self, cmd: list, log) -> None:
        env = dict(os.environ)
        if self.cfg.get("ld_preload"):        # hoagiai.convert.lo_malloc: jemalloc, when present
            env["LD_PRELOAD"] = self.cfg["ld_preload"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
        with open(os.path.join(self.cfg["profile"], "soffice.pid"), "w", encoding="ascii") as fh:
            fh.write(str(self.proc.pid))

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()

    def convert(self, req: dict):
        with open(req["src"], "rb") as fh:
            data = fh.read()
        stream = self.smgr.createInstanceWithArgumentsAndContext(
            "com.sun.star.io.SequenceInputStream", (uno.ByteSequence(data),), self.ctx)
        doc = self.desktop.loadComponentFromURL(
            "private:stream", "_blank", 0,
            _props(InputStream=stream, FilterName=req.get("filter") or "MS Word 2007 XML", Hidden=True,
                   ReadOnly=True, UpdateDocMode=0, MacroExecutionMode=0, Preview=True))
        if doc is None:
            raise ValueError("LibreOffice could not load the document")
        try:
            store = {"FilterName": "writer_pdf_Export", "Overwrite": True}
            filter_data = {}
            if req.get("pdfa"):
                filter_data["SelectPdfVersion"] = 2
            if req.get("marks"):     # bookmarks → named destinations: where a bundle's documents start
                filter_data["ExportBookmarksToPDFDestination"] = True
            if filter_data:
                store["FilterData"] = uno.Any("[]com.sun.star.beans.PropertyValue", _props(**filter_data))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(req["dst"])), _props(**store))
        except Exception:
            self.close(doc)
            raise
        return doc

    @staticmethod
    def close(doc) -> None:
        """Close a document (after the answer went out: closing is not on the caller's clock)."""
        try:
            doc.close(True)
        except Exception:  # noqa: BLE001 - a document that will not close is disposed
            try:
                doc.dispose()
            except Exception:  # noqa: BLE001 - LibreOffice gone: the next request says so
                pass


def _read_requests(office: Office, requests: list, ready: threading.Condition) -> None:
    for line in sys.stdin:
        with ready:
            requests.append(json.loads(line))
            ready.notify()
    office.kill()          # the caller is gone: leave nothing running
    os._exit(0)


def main() -> int:
    cfg = json.loads(sys.argv[1])
    office = Office(cfg)
    try:
        office.start()
    except Exception as exc:  # noqa: BLE001 - reported to the caller, who falls back
        office.kill()
        _say({"ready": False, "error": "{}: {}".format(type(exc).__name__, exc)})
        return 1
    _say({"ready": True, "pid": office.proc.pid})
    requests: list = []
    ready = threading.Condition()
    threading.Thread(target=_read_requests, args=(office, requests, ready), daemon=True).start()
    while True:
        with ready:
            while not requests:
                ready.wait()
            req = requests.pop(0)
        try:
            doc = office.convert(req)
            _say({"id": req["id"], "ok": True})
            office.close(doc)
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller
            fatal = office.proc.poll() is not None or "Disposed" in type(exc).__name__ \
                or "RuntimeException" == type(exc).__name__ and "Binary URP bridge" in str(exc)
            _say({"id": req["id"], "ok": False, "fatal": fatal,
                  "error": "{}: {}".format(type(exc).__name__, exc)[:2000]})
            if fatal:
                office.kill()
                return 2


if __name__ == "__main__":
    sys.exit(main())
