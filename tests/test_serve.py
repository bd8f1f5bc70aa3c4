"""`mkdocs serve` rebuilds and tells the browser to reload when data/ or macros/ change."""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from support.edit import replace_once, translation_of
from support.interrupt import interruptible
from support.languages import DEFAULT_LANGUAGE
from support.sitebuild import copy_project, keep_two_languages

pytestmark = pytest.mark.build  # every test here builds or serves the site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `mkdocs serve` of a project copy on 127.0.0.1 (the plugin is the installed package)."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
        self.log = (project / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{self.port}",
             "-f", str(project / "mkdocs.yml")],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=project, preexec_fn=interruptible,
        )
        self.log_path = project / "serve.log"

    def get(self, path: str, timeout: float = 30) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=timeout) as response:
            return response.read().decode("utf-8")

    def wait_ready(self, path: str, deadline: float = 120) -> str:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            assert self.process.poll() is None, self.log_path.read_text()
            try:
                return self.get(path, timeout=5)
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"mkdocs serve did not answer in {deadline}s:\n{self.log_path.read_text()}")

    def wait_for_reload(self, page: str) -> str:
        """Ask the live-reload endpoint, as the page's script does, until a newer build is served."""
        epoch = int(re.search(r"livereload\((\d+), (\d+)\)", page).group(1))
        end = time.monotonic() + 120
        while time.monotonic() < end:
            answer = self.get(f"livereload/{epoch}/1", timeout=70)
            if int(answer) > epoch:
                return answer
        raise AssertionError(f"no reload signalled:\n{self.log_path.read_text()}")

    def reloaded(self, page: str, path: str = "en/matrix/") -> str:
        """After a save: the page as served once the browser would have reloaded (server still up)."""
        self.wait_for_reload(page)
        assert self.process.poll() is None, f"the server stopped:\n{self.log_path.read_text()}"
        return self.get(path)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs then removes its temporary site
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def served(tmp_path: Path):
    """A preview of the project in its default and source languages (each save rebuilds every language built:
    the others would only make each wait longer)."""
    project = copy_project(tmp_path / "project")
    keep_two_languages(project)
    server = Server(project)
    try:
        yield project, server
    finally:
        server.stop()


def test_serve_reloads_on_catalogue_translation_and_template_changes(served) -> None:
    project, server = served
    page = server.wait_ready("en/matrix/")
    assert "Features in each base plan" in page

    # 1. the catalogue
    replace_once(project / "data" / "ui.yml", "matrix-caption: Features in each base plan\n",
                 "matrix-caption: Plans side by side\n")
    page = server.reloaded(page)
    assert "Plans side by side" in page and "Features in each base plan" not in page

    # 1b. a translation: the PO file is part of the catalogue
    po = project / "data" / "i18n" / f"{DEFAULT_LANGUAGE}.po"
    translated = translation_of(po, "ui.matrix-caption")
    before = server.get("matrix/")
    assert translated not in before  # stale now: the preview shows the English, marked
    replace_once(po, f'msgid "Features in each base plan"\nmsgstr "{translated}"',
                 f'msgid "Plans side by side"\nmsgstr "{DEFAULT_LANGUAGE.upper()} plans side by side"')
    page = server.reloaded(page)
    assert f"{DEFAULT_LANGUAGE.upper()} plans side by side" in server.get("matrix/")

    # 2. a component template (macros/)
    replace_once(project / "macros" / "plan_matrix.html.jinja",
                 '<div class="pd-matrix" id="{{ id }}"', '<div class="pd-matrix pd-edited" id="{{ id }}"')
    page = server.reloaded(page)
    assert "pd-edited" in page



def test_serve_survives_a_broken_catalogue(served) -> None:
    project, server = served
    page = server.wait_ready("en/matrix/")
    tiers = project / "data" / "tiers.yml"
    good = tiers.read_text(encoding="utf-8")
    replace_once(tiers, "  - id: premium\n", "  - id: premium\n    id: premium\n")
    page = server.reloaded(page)
    assert 'class="pd-preview-problems"' in page and "data/tiers.yml:" in page and "duplicate key" in page
    assert "Features in each base plan" in page  # the last good catalogue is still shown
    log = server.log_path.read_text()
    assert "data/tiers.yml:" in log and "duplicate key 'id'" in log and "Traceback" not in log

    tiers.write_text(good, encoding="utf-8")
    page = server.reloaded(page)
    assert "pd-preview-problems" not in page and "Features in each base plan" in page


def test_serve_survives_a_broken_macro_call(served) -> None:
    project, server = served
    page = server.wait_ready("en/matrix/")
    source = project / "docs" / "matrix.en.md"
    good = source.read_text(encoding="utf-8")
    replace_once(source, "{{ plan_matrix() }}", "{{ plan_matrix( }}")
    page = server.reloaded(page)
    assert "Macro Syntax Error" in page
    source.write_text(good, encoding="utf-8")
    assert "Macro Syntax Error" not in server.reloaded(page)


def _breakages(project: Path) -> list[tuple[str, Path, str]]:
    """(what the bar must name, a file, what it holds when broken): each breaks a preview's rebuild somewhere else."""
    matrix_source = project / "docs" / "matrix.en.md"
    template = project / "macros" / "plan_matrix.html.jinja"
    config = project / "mkdocs.yml"
    return [
        ("docs/matrix.en.md:2: needs: 'foo'", matrix_source,
         matrix_source.read_text(encoding="utf-8").replace("---\n", "---\nneeds: foo\n", 1)),
        ("macros/plan_matrix.html.jinja:", template, template.read_text(encoding="utf-8") + "{% if %}\n"),
        ("could not rebuild the site", config, config.read_text(encoding="utf-8") + "nav: [\n"),
    ]


def test_the_preview_answers_whatever_broke(served) -> None:
    """Requests never hang on a failed rebuild: each cause shows in the announcement bar, and a fix clears it."""
    project, server = served
    page = server.wait_ready("en/matrix/")
    translations = sorted((project / "data" / "i18n").glob("*.po"))
    kept = {path: path.read_bytes() for path in translations}
    for path in translations:
        path.unlink()
    page = server.reloaded(page)
    assert 'class="pd-preview-problems"' in page and "is not a catalogue language" in page
    for path, content in kept.items():
        path.write_bytes(content)
    page = server.reloaded(page)
    assert "pd-preview-problems" not in page

    for cause, path, broken in _breakages(project):
        good = path.read_text(encoding="utf-8")
        path.write_text(broken, encoding="utf-8")
        page = server.reloaded(page)
        assert 'class="pd-preview-problems"' in page and cause in html.unescape(page), cause
        path.write_text(good, encoding="utf-8")
        page = server.reloaded(page)
        assert "pd-preview-problems" not in page, cause
    assert "IndexError" not in server.log_path.read_text()
