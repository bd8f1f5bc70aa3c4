"""Publishing: build into a fresh folder, and replace the output folder only when the build succeeded.

The published folder holds a manifest (MARKER) of every file publishing wrote into it. The next
publish replaces that folder only while it holds nothing else: a file that publishing did not
write, a link, or a folder without a manifest is refused in one line, and nothing is deleted. The
previous site is then removed file by file from its manifest, never as a whole tree.
"""

from __future__ import annotations

import ipaddress
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from plandocs.addresses import site_url_problem
from plandocs.errors import printable
from plandocs.mkdocs_yml import read_config

# Written into every published folder: the list of files publishing wrote there.
MARKER = ".plandocs-site"
MANIFEST_KIND = "plandocs published site"
# Written into a staging folder when it is made: a build killed half-way leaves it for the next run to remove.
STAGING_MARKER = ".plandocs-staging"
SITE_URL_VARIABLE = "PLANDOCS_SITE_URL"
# Folders of a project that publishing must never replace or write into.
PROJECT_FOLDERS = ("data", "docs", "macros", "overrides", "schema", "tests", "benchmarks", ".git")


class PublishError(Exception):
    """A reason not to publish, said in one line before anything is written."""


def check_site_dir(root: Path, site_dir: Path) -> None:
    """Refuse an output folder that publishing would destroy or that is not publishing's to replace."""
    root = root.resolve()
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise PublishError(f"--site-dir {site_dir} exists and is not a folder; it was left as it is")
    site_dir = site_dir.resolve()
    if site_dir == root or site_dir in root.parents:
        raise PublishError(f"--site-dir {site_dir} is the project or a folder above it; "
                           "publishing replaces the output folder (hint: use a folder of its own, like site)")
    for name in PROJECT_FOLDERS:
        part = root / name
        if site_dir == part or part in site_dir.parents:
            raise PublishError(f"--site-dir {site_dir} is inside the project's {name}/ folder "
                               "(hint: use a folder of its own, like site)")
    if site_dir.is_dir():
        published_files(site_dir)


def published_files(site_dir: Path) -> list[Path]:
    """The files of `site_dir`, which publishing wrote, every one of them: else PublishError.

    An empty folder has none. Anything the manifest does not name (a file, a link, a folder with
    no published file in it) means someone else keeps things there, and the folder is refused.
    """
    entries = sorted(site_dir.rglob("*"))
    if not entries:
        return []
    hint = "hint: choose an empty or new folder; publishing replaces only a folder it made"
    manifest = _read_manifest(site_dir / MARKER)
    if manifest is None:
        raise PublishError(f"--site-dir {site_dir} is a folder that `plandocs build` did not make (no readable "
                           f"{MARKER} manifest in it), so nothing in it is replaced ({hint})")
    listed = {site_dir / name for name in manifest}
    folders = {parent for path in listed for parent in path.parents if site_dir in parent.parents}
    for path in entries:
        if path == site_dir / MARKER:
            continue
        if path.is_symlink() or not (path in listed and path.is_file() or path in folders and path.is_dir()):
            raise PublishError(f"--site-dir {site_dir} holds {path.relative_to(site_dir)}, which `plandocs build` "
                               f"did not write, so nothing in it is replaced ({hint})")
    return sorted(path for path in listed if path.is_file())


def _read_manifest(marker: Path) -> list[str] | None:
    """The relative paths a manifest names, or None when it is not one of ours."""
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) and data.get("kind") == MANIFEST_KIND else None
    if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
        return None
    if any(name.startswith("/") or ".." in name.split("/") or not name for name in files):
        return None
    return files


def _write_manifest(folder: Path) -> None:
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and not p.is_symlink() and p.name not in (MARKER, STAGING_MARKER))
    (folder / MARKER).write_text(json.dumps({"kind": MANIFEST_KIND, "written_by": "plandocs build",
                                             "files": names}, indent=1) + "\n", encoding="utf-8")


def remove_published(folder: Path) -> bool:
    """Delete the files a published folder's manifest names, then its emptied folders; True if nothing is left."""
    for path in published_files(folder):
        path.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    (folder / STAGING_MARKER).unlink(missing_ok=True)
    for path in sorted((p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink()), reverse=True):
        try:
            path.rmdir()
        except OSError:
            return False
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


def site_url(config_file: Path) -> str:
    """`site_url` of mkdocs.yml as MkDocs reads it (environment variables resolved)."""
    try:
        config = read_config(config_file)
    except ValueError as error:
        raise PublishError(str(error)) from None
    return str(config.get("site_url") or "")


def check_site_url(url: str) -> None:
    """Refuse an address that is not one, or the local preview's: published links and the sitemap would name it."""
    problem = site_url_problem(url)
    if problem is not None:
        raise PublishError(f"site_url '{url or '(not set)'}': {problem} (hint: {SITE_URL_VARIABLE}="
                           "https://help.example.com/ plandocs build)")
    host = urlsplit(url).hostname or ""
    try:
        local = ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost")
    if local:
        raise PublishError(f"site_url is '{url}', a preview address; set {SITE_URL_VARIABLE} to the "
                           f"published address (hint: {SITE_URL_VARIABLE}=https://help.example.com/ plandocs build)")


def _staging_leftovers(site_dir: Path) -> list[Path]:
    """Staging folders beside `site_dir` that a killed build left (their process is gone)."""
    leftovers = []
    for folder in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        marker = folder / STAGING_MARKER
        if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
            continue
        try:
            pid = int(marker.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        if not _alive(pid):
            leftovers.append(folder)
    return leftovers


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _remove_staging(folder: Path) -> None:
    """Remove a staging folder this command made: MkDocs' output and its staging marker."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()
    folder.rmdir()


def publish(config_file: Path, site_dir: Path, languages: list[str]) -> int:
    """Run a strict, clean MkDocs build into a temporary folder beside `site_dir`, then swap it in.

    On failure or Ctrl-C before the swap the temporary folder is removed and `site_dir` is left
    exactly as it was, so a broken catalogue or page never leaves a half-written or mixed site.
    Prints what is built, MkDocs' warnings and errors, and the result. Returns the exit code.
    """
    site_dir = Path(os.path.abspath(site_dir))
    try:
        check_site_dir(config_file.parent, site_dir)
        check_site_url(site_url(config_file))
    except PublishError as error:
        print(printable(f"plandocs: {error}"), file=sys.stderr)
        return 2
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in _staging_leftovers(site_dir):
        _remove_staging(leftover)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    (staging / STAGING_MARKER).write_text(f"{os.getpid()}\n", encoding="utf-8")
    started = time.monotonic()
    stage = "building"
    print(printable(f"plandocs: building {', '.join(languages)} (strict)"), flush=True)
    try:
        # --quiet keeps MkDocs' warnings and errors and drops the plugins' progress chatter.
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                   "-f", str(config_file), "-d", str(staging)]
        code = _run(command, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        if code != 0:
            print(printable(f"plandocs: the build failed; {site_dir} was not changed"), file=sys.stderr)
            return code
        (staging / STAGING_MARKER).unlink()
        _write_manifest(staging)
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; a web server must read it
        previous = None
        # Checked again right before the swap: the folder may have changed while the site was built.
        check_site_dir(config_file.parent, site_dir)
        with _interrupts_held():  # a Ctrl-C now takes effect after the swap, never between its two renames
            if site_dir.exists():
                previous = site_dir.with_name(f".{site_dir.name}.previous-{os.getpid()}")
                site_dir.rename(previous)
            staging.rename(site_dir)  # both renames stay on one file system: each is atomic
            stage = "published"
        if previous is not None and not remove_published(previous):
            print(printable(f"plandocs: the previous site's files were removed, but {previous} holds something "
                            "else and was kept"), file=sys.stderr)
        pages = sum(1 for _ in site_dir.rglob("*.html"))
        print(printable(f"plandocs: published {pages} pages to {site_dir} in {time.monotonic() - started:.1f} s"))
        return 0
    except PublishError as error:
        print(printable(f"plandocs: {error}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if stage == "published":
            print(printable(f"plandocs: interrupted after publishing; the new site is in {site_dir}"),
                  file=sys.stderr)
        else:
            print(printable(f"plandocs: interrupted; {site_dir} was not changed"), file=sys.stderr)
        return 130
    finally:
        if staging.exists():
            _remove_staging(staging)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT back while the block runs; one that came meanwhile is raised when it ends."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _run(command: list[str], env: dict[str, str]) -> int:
    """Run the build in its own process group, so that Ctrl-C reaches only us and we end it quietly."""
    child = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        return child.wait()
    except BaseException:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait()
        raise
