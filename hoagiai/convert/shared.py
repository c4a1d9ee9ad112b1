"""A converter kept warm for a long-running process (the web app's server), and one started for
a block of work: both give a `PdfConverter` (warm over UNO when available, see hoagiai.convert.warm)."""

from __future__ import annotations

import atexit
import contextlib
import threading
from typing import Iterator

_shared = None
_shared_lock = threading.Lock()


def shared_converter(workers: int = 1, pdfa: bool = False):
    """The process-wide converter, started on first call and kept warm until the process exits.

    Thread-safe: concurrent calls to its `convert`/`convert_bytes` share the workers' queue.
    Raises EnvironmentFailure (Vietnamese) when LibreOffice is not installed."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.closed:
            from .converter import PdfConverter

            conv = PdfConverter(workers=workers, pdfa=pdfa)
            conv.start()
            atexit.register(conv.close)
            _shared = conv
        return _shared


@contextlib.contextmanager
def warm_converter(workers: int = 2, pdfa: bool = False, **kwargs) -> Iterator:
    """A converter started now and closed (its LibreOffice processes killed) on exit."""
    from .converter import PdfConverter

    conv = PdfConverter(workers=workers, pdfa=pdfa, **kwargs)
    try:
        conv.start()
        yield conv
    finally:
        conv.close()

