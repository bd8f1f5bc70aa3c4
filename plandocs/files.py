"""Writing project files whole or not at all."""

from __future__ import annotations

import glob
import os
import re
import tempfile
import time
from pathlib import Path


def write_atomic(path: Path, content: bytes) -> bool:
    """Write `content` to `path` through a temporary file and a rename; False if it was already so.

    A reader (or `mkdocs serve`) never sees half a file, and a failure leaves the old file as it was. A
    link is written through: the file it leads to gets the content, and the link stays a link.
    """
    if path.is_symlink():
        path = path.resolve()
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


_RANDOM = re.compile(r"[a-z0-9_]{6,16}")  # the random part of a name mkstemp makes


def remove_leftovers(folder: Path, names: list[str], older_than: float = 60.0) -> list[Path]:
    """Remove the temporary files that a killed `write_atomic` of one of `names` left in `folder`.

    Only files of its own pattern (`.<name>.<random letters>.tmp`, as mkstemp names them) that no write
    is still busy with (untouched for `older_than` seconds) are removed; returns them.
    """
    removed = []
    now = time.time()
    for name in names:
        for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
            middle = leftover.name[len(name) + 2:-4]
            if _RANDOM.fullmatch(middle) and leftover.is_file() and not leftover.is_symlink() \
                    and now - leftover.stat().st_mtime > older_than:
                leftover.unlink()
                removed.append(leftover)
    return removed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def newline_of(content: str) -> str:
    """The line ending a text file uses ('\\r\\n' or '\\n')."""
    return "\r\n" if "\r\n" in content else "\n"
