"""Publishing: build into a fresh folder, and replace the output folder only when the build succeeded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def publish(config_file: Path, site_dir: Path, extra: list[str] | None = None) -> int:
    """Run a strict, clean MkDocs build into a temporary folder beside `site_dir`, then swap it in.

    On failure the temporary folder is removed and `site_dir` is left exactly as it was, so a
    broken catalogue or page never leaves a half-written or mixed site. Returns MkDocs' exit code.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                   "-f", str(config_file), "-d", str(staging), *(extra or [])]
        code = subprocess.call(command, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        if code != 0:
            print(f"plandocs: the build failed; {site_dir} was not changed", file=sys.stderr)
            return code
        previous = None
        if site_dir.exists():
            previous = site_dir.with_name(f".{site_dir.name}.previous-{os.getpid()}")
            site_dir.rename(previous)
        staging.rename(site_dir)  # both renames stay on one file system: each is atomic
        if previous is not None:
            shutil.rmtree(previous)
        print(f"plandocs: published {site_dir}")
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging)
