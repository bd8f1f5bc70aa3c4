"""`plandocs build` replaces the output folder only when the whole build succeeded, and only a folder it made."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.edit import replace_once
from support.interrupt import interruptible
from support.languages import LANGUAGES
from support.sitebuild import copy_project, keep_two_languages

from plandocs.cli.main import main
from plandocs.cli.publish import MARKER, STAGING_MARKER, _interrupts_held

PUBLISHED_AT = "https://help.example.org/plans/"

pytestmark = pytest.mark.build  # every test here builds or serves the site


@pytest.fixture
def site_url(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PLANDOCS_SITE_URL", PUBLISHED_AT)
    return PUBLISHED_AT


@dataclass
class Published:
    """The whole project published once (every language), with what the command printed."""

    site: Path
    printed: str


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    root = tmp_path_factory.mktemp("published")
    project = copy_project(root / "project")
    site = root / "public"
    env = dict(os.environ, PLANDOCS_SITE_URL=PUBLISHED_AT, PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-c", "import sys; from plandocs.cli.main import main; sys.exit(main())",
                             "--project", str(project), "build", "--site-dir", str(site)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return Published(site, result.stdout + result.stderr)


def behaviour_project(target: Path) -> Path:
    """A copy of the project for a test of what publishing does with folders (not of what it publishes): built
    in its default and source languages only, as each test here builds it more than once."""
    project = copy_project(target)
    keep_two_languages(project)
    return project


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts}


def test_a_build_failing_midway_leaves_the_published_site_untouched(tmp_path: Path, capfd, site_url) -> None:
    project = behaviour_project(tmp_path / "project")
    site = tmp_path / "public"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    published = digest(site)
    assert "index.html" in published and "en/index.html" in published and MARKER in published

    # The default language's pages build first; the source language's matrix page then fails, midway.
    replace_once(project / "docs" / "matrix.en.md", "{{ plan_matrix() }}", "{{ plan_matrix() }}{{ no_such() }}")
    default_page = project / "docs" / "matrix.md"
    heading = next(line for line in default_page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    replace_once(default_page, heading, f"{heading} (2)")
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) != 0
    assert "was not changed" in capfd.readouterr().err
    assert digest(site) == published
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "staging folders left behind"

    # Fixed: the next build replaces the whole site at once.
    replace_once(project / "docs" / "matrix.en.md", "{{ no_such() }}", "")
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    assert f"{heading[2:]} (2)" in (site / "matrix" / "index.html").read_text(encoding="utf-8")


def test_publishing_names_the_published_address_never_the_preview(tmp_path: Path, capfd, published: Published,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "public"
    monkeypatch.delenv("PLANDOCS_SITE_URL", raising=False)
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 2
    refusal = capfd.readouterr().err.strip().splitlines()
    assert len(refusal) == 1 and "PLANDOCS_SITE_URL" in refusal[0], refusal
    assert not site.exists()

    # With the address set: every page, the sitemap and the search index name it, never the preview's.
    pages = [p for p in published.site.rglob("*") if p.suffix in {".html", ".xml", ".json"}]
    assert pages
    assert not [p for p in pages if "127.0.0.1" in p.read_text(encoding="utf-8")]
    assert f'rel="canonical" href="{PUBLISHED_AT}en/matrix/"' in (
        published.site / "en" / "matrix" / "index.html").read_text(encoding="utf-8")
    assert f"<loc>{PUBLISHED_AT}en/matrix/</loc>" in (published.site / "sitemap.xml").read_text(encoding="utf-8")


def test_publishing_says_what_it_builds_and_where_it_went_without_plugin_chatter(
        tmp_path: Path, capfd, site_url, published: Published) -> None:
    printed = published.printed
    assert "[macros]" not in printed and "INFO" not in printed, printed
    lines = printed.strip().splitlines()
    assert len(lines) == 2, printed
    assert all(lang in lines[0] for lang in LANGUAGES)
    assert str(published.site) in lines[1]

    # A broken catalogue still prints its located problem.
    project = copy_project(tmp_path / "project")
    replace_once(project / "data" / "tiers.yml", "tiers:", "tiers:\n  bogus: 1\ntiers_:")
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "public")]) != 0
    err = capfd.readouterr().err
    assert "data/tiers.yml:" in err and "Traceback" not in err, err


@pytest.mark.parametrize("where", [".", "data", "docs", "..", "mkdocs.yml", "docs/assets-out", "elsewhere"])
def test_publishing_never_replaces_what_it_did_not_make(tmp_path: Path, capfd, site_url, where: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("mine", encoding="utf-8")
    before = digest(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "--site-dir", where]) == 2
    refusal = capfd.readouterr().err.strip().splitlines()
    assert len(refusal) == 1 and "--site-dir" in refusal[0], refusal
    assert digest(tmp_path) == before


def test_ctrl_c_ends_a_build_with_one_line_and_the_site_intact(tmp_path: Path, site_url) -> None:
    project = behaviour_project(tmp_path / "project")
    site = tmp_path / "public"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    published = digest(site)
    command = [sys.executable, "-c", "import sys; from plandocs.cli.main import main; sys.exit(main())",
               "--project", str(project), "build", "--site-dir", str(site)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
                             preexec_fn=interruptible)
    assert child.stdout is not None
    child.stdout.readline()  # "building ...": the build has started
    time.sleep(0.3)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip().splitlines() == [f"plandocs: interrupted; {site} was not changed"]
    assert digest(site) == published
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("marker", ["", '{"kind": "plandocs published site", "files": [".bashrc"]}'])
def test_a_marker_dropped_into_a_folder_never_makes_it_publishing_s(tmp_path: Path, capfd, site_url,
                                                                     marker: str) -> None:
    """A home folder with a marker (empty, or a manifest naming the files to delete) keeps every file."""
    project = copy_project(tmp_path / "project")
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    (home / ".ssh" / "id_ed25519").write_text("secret\n", encoding="utf-8")
    (home / MARKER).write_text(marker, encoding="utf-8")
    before = digest(home)
    for site in (home, tmp_path / "link"):
        if site.name == "link":
            site.symlink_to(home)
        assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 2
        refusal = capfd.readouterr().err.strip().splitlines()
        assert len(refusal) == 1 and "--site-dir" in refusal[0], refusal
        assert digest(home) == before


def test_a_published_folder_with_anything_added_is_refused_whole(tmp_path: Path, capfd, site_url) -> None:
    project = behaviour_project(tmp_path / "project")
    site = tmp_path / "public"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    assert (site.stat().st_mode & 0o755) == 0o755, "a web server's user must be able to read the site"
    capfd.readouterr()
    outside = tmp_path / "outside.txt"
    outside.write_text("mine\n", encoding="utf-8")
    for added in ("notes.txt", "en/notes.txt", "link"):
        path = site / added
        if added == "link":
            path.symlink_to(outside)
        else:
            path.write_text("mine\n", encoding="utf-8")
        before = digest(tmp_path)
        assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 2
        refusal = capfd.readouterr().err.strip().splitlines()
        assert len(refusal) == 1 and added in refusal[0], refusal
        assert digest(tmp_path) == before
        path.unlink()
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    assert outside.read_text(encoding="utf-8") == "mine\n"


def test_a_killed_build_s_staging_folder_is_removed_by_the_next(tmp_path: Path, site_url) -> None:
    project = behaviour_project(tmp_path / "project")
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    leftover = tmp_path / ".public.building-x1y2"
    (leftover / "en").mkdir(parents=True)
    (leftover / "en" / "index.html").write_text("<p>half</p>", encoding="utf-8")
    (leftover / STAGING_MARKER).write_text(finished.stdout, encoding="utf-8")
    stranger = tmp_path / ".public.building-mine"  # named alike, but not made by publishing: kept
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "public")]) == 0
    assert not leftover.exists()
    assert (stranger / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_ctrl_c_during_the_swap_waits_for_the_swap_to_end() -> None:
    # Ctrl-C as a terminal delivers it, even where the test run ignores SIGINT (started in the background)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    arrived_inside = False
    try:
        with pytest.raises(KeyboardInterrupt):
            with _interrupts_held():
                # to this thread: a signal to the process may land on another thread of the test run
                signal.pthread_kill(threading.get_ident(), signal.SIGINT)
                time.sleep(0.05)
                arrived_inside = True
    finally:
        signal.signal(signal.SIGINT, previous)
    assert arrived_inside
