"""Publishing: build into a fresh folder, and replace the output folder only when the build succeeded."""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from plandocs.errors import printable

# Written into every published folder: only a folder holding it (or an empty one) may be replaced.
MARKER = ".plandocs-site"
MARKER_TEXT = "Published by `plandocs build`; the next build replaces this whole folder.\n"
SITE_URL_VARIABLE = "PLANDOCS_SITE_URL"
# Folders of a project that publishing must never replace or write into.
PROJECT_FOLDERS = ("data", "docs", "macros", "overrides", "schema", "tests", "benchmarks", ".git")


class PublishError(Exception):
    """A reason not to publish, said in one line before anything is written."""


def check_site_dir(root: Path, site_dir: Path) -> None:
    """Refuse an output folder that publishing would destroy or that is not publishing's to replace."""
    root, site_dir = root.resolve(), site_dir.resolve()
    if site_dir == root or site_dir in root.parents:
        raise PublishError(f"--site-dir {site_dir} is the project or a folder above it; "
                           "publishing replaces the output folder (hint: use a folder of its own, like site)")
    for name in PROJECT_FOLDERS:
        part = root / name
        if site_dir == part or part in site_dir.parents:
            raise PublishError(f"--site-dir {site_dir} is inside the project's {name}/ folder "
                               "(hint: use a folder of its own, like site)")
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise PublishError(f"--site-dir {site_dir} exists and is not a folder; it was left as it is")
    if site_dir.is_dir() and not (site_dir / MARKER).is_file() and any(site_dir.iterdir()):
        raise PublishError(f"--site-dir {site_dir} is a folder that `plandocs build` did not make (no {MARKER} "
                           "in it), so it is not replaced (hint: choose an empty or new folder, or remove it)")


def site_url(config_file: Path) -> str:
    """`site_url` of mkdocs.yml as MkDocs reads it (environment variables resolved)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open(encoding="utf-8") as handle:
            config = yaml_load(handle) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        raise PublishError(f"{config_file.name}: cannot read it: {error}") from None
    return str(config.get("site_url") or "")


def check_site_url(url: str) -> None:
    """Refuse the local preview's address: published canonical links, hreflang and sitemap would name it."""
    host = urlsplit(url).hostname or ""
    try:
        local = ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        local = host in {"", "localhost"} or host.endswith(".localhost")
    if local:
        raise PublishError(f"site_url is '{url or '(not set)'}', a preview address; set {SITE_URL_VARIABLE} to the "
                           f"published address (hint: {SITE_URL_VARIABLE}=https://help.example.com/ plandocs build)")


def publish(config_file: Path, site_dir: Path, languages: list[str], extra: list[str] | None = None) -> int:
    """Run a strict, clean MkDocs build into a temporary folder beside `site_dir`, then swap it in.

    On failure or Ctrl-C the temporary folder is removed and `site_dir` is left exactly as it
    was, so a broken catalogue or page never leaves a half-written or mixed site. Prints what is
    built, MkDocs' warnings and errors, and the result. Returns the exit code.
    """
    site_dir = site_dir.resolve()
    try:
        check_site_dir(config_file.parent, site_dir)
        check_site_url(site_url(config_file))
    except PublishError as error:
        print(printable(f"plandocs: {error}"), file=sys.stderr)
        return 2
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    started = time.monotonic()
    print(printable(f"plandocs: building {', '.join(languages)} (strict)"), flush=True)
    try:
        # --quiet keeps MkDocs' warnings and errors and drops the plugins' progress chatter.
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet",
                   "-f", str(config_file), "-d", str(staging), *(extra or [])]
        code = _run(command, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        if code != 0:
            print(printable(f"plandocs: the build failed; {site_dir} was not changed"), file=sys.stderr)
            return code
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        previous = None
        if site_dir.exists():
            previous = site_dir.with_name(f".{site_dir.name}.previous-{os.getpid()}")
            site_dir.rename(previous)
        staging.rename(site_dir)  # both renames stay on one file system: each is atomic
        if previous is not None:
            shutil.rmtree(previous)
        pages = sum(1 for _ in site_dir.rglob("*.html"))
        print(printable(f"plandocs: published {pages} pages to {site_dir} in {time.monotonic() - started:.1f} s"))
        return 0
    except KeyboardInterrupt:
        print(printable(f"plandocs: interrupted; {site_dir} was not changed"), file=sys.stderr)
        return 130
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _run(command: list[str], env: dict[str, str]) -> int:
    """Run the build in its own process group, so that Ctrl-C reaches only us and we end it quietly."""
    child = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        return child.wait()
    except BaseException:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait()
        raise
