"""Building a copy of the project with MkDocs, and reading the built HTML."""

from __future__ import annotations

import fcntl
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from plandocs.project import BUILD_PARTS
from plandocs.project import copy_project as copy_of
from support.sources import ROOT


def copy_project(target: Path, parts: tuple[str, ...] = BUILD_PARTS) -> Path:
    """Copy what a build needs (or only `parts` of it) into `target`, so a test can edit it freely."""
    return copy_of(ROOT, target, parts)


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """The built page at a site path such as 'en/matrix/'."""
        file = self.site / url_path / "index.html"
        assert file.is_file(), f"no built page {url_path} ({file})\n{self.output[-2000:]}"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


# A folder that pytest runs started side by side share (tests/tiers.py sets it): a build that several of them
# need is made by the first to ask and read by the others.
SHARED = "PLANDOCS_SHARED_BUILDS"


def shared_build(name: str, make: Callable[[Path], Build], fresh: Callable[[], Path]) -> tuple[Build, Path]:
    """The build named `name`, made by `make(folder)` in a folder of its own, and that folder.

    Alone, the folder is `fresh()` (a temporary one of this run). With PLANDOCS_SHARED_BUILDS set, it is that
    folder's `name/`: the first run to ask builds there, holding the folder's lock for `name`, and records the
    result; a run that asks after (or while it builds) waits and reads the record, failures included. Whoever
    uses a shared build only reads it."""
    shared = os.environ.get(SHARED)
    if not shared:
        folder = fresh()
        return make(folder), folder
    folder = Path(shared) / name
    record = folder / "build.json"
    with open(Path(shared) / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a run that was stopped mid-build left of it
            folder.mkdir()
            made = make(folder)
            state = {"returncode": made.returncode, "output": made.output,
                     "site": made.site.relative_to(folder).as_posix()}
            record.write_text(json.dumps(state), encoding="utf-8")
        state = json.loads(record.read_text(encoding="utf-8"))
    return Build(state["returncode"], state["output"], folder / state["site"]), folder


def build(project: Path, site: Path, *extra: str, strict: bool = True, env: dict | None = None) -> Build:
    """Run `mkdocs build` (--strict unless told) on `project` into `site`, capturing everything it prints."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **(env or {}))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
         "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True, text=True, env=env, timeout=600,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_here(project: Path, site: Path, *, strict: bool = True, env: dict | None = None) -> Build:
    """A build of `project` into `site` in this process (--strict unless told): for a test that needs only the
    built site (and, in `output`, what the build logged), without the start-up of a new interpreter. `env` is
    set while the configuration is read (its `!ENV` values) and the site built."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.INFO)
    logger = logging.getLogger("mkdocs")
    level, before = logger.level, dict(os.environ)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    os.environ.update(env or {})
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        code = 0
    except (MkDocsException, SystemExit) as error:
        stream.write(f"{type(error).__name__}: {error}\n")
        code = 1
    finally:
        os.environ.clear()
        os.environ.update(before)
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Build(code, stream.getvalue(), site)


def text(element) -> str:
    """Visible text of an element, whitespace collapsed, without heading permalink marks.

    Texts of different elements are kept apart by a space; a plan's name (span.pd-name) runs on into the
    text beside it in the same element, as a browser shows it ("Sales-Essential + Service-Premium", whatever
    the joiner's own spaces)."""
    parts = [s for s in element.find_all(string=True)
             if not any(p.name == "a" and "headerlink" in (p.get("class") or []) for p in s.parents)]
    shown, before = "", None
    for part in parts:
        if before is not None:
            glued = _holder(before) is _holder(part) and (_in_name(before) or _in_name(part))
            shown += "" if glued else " "
        shown += part
        before = part
    return " ".join(shown.split())


def _in_name(string) -> bool:
    return string.parent.name == "span" and "pd-name" in (string.parent.get("class") or [])


def _holder(string):
    """The element a text stands in, a plan name's span standing for the element around it."""
    return string.parent.parent if _in_name(string) else string.parent


def keep_two_languages(project: Path) -> list[str]:
    """Switch off, in `project`'s mkdocs.yml, every site language but the default and the source language, and
    return the languages it still builds: for tests of a command's behaviour (publishing, the preview server),
    which build the site again and again and look at no language's content beyond these two."""
    import re

    from plandocs.catalogue.load import language_settings
    from plandocs.project import Project

    site = Project(project)
    keep = {site.default_language(), language_settings(project / "data").source}
    config = site.config_file.read_text(encoding="utf-8")
    for lang in set(site.shipped_languages()) - keep:
        config, switched = re.subn(rf"(- locale: {re.escape(lang)}\n(?:\s+\w+: .*\n)*?\s+build: )true", r"\1false",
                                   config)
        assert switched == 1, f"cannot switch {lang} off in {site.config_file}"
    site.config_file.write_text(config, encoding="utf-8")
    return Project(project).shipped_languages()
