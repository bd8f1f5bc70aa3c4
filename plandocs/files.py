"""Writing project files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: bytes) -> bool:
    """Write `content` to `path` through a temporary file and a rename; False if it was already so.

    A reader (or `mkdocs serve`) never sees half a file, and a failure leaves the old file as it was.
    """
    try:
        if path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def newline_of(content: str) -> str:
    """The line ending a text file uses ('\\r\\n' or '\\n')."""
    return "\r\n" if "\r\n" in content else "\n"
