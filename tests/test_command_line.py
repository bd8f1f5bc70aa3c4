"""The `plandocs` command with hostile or unlucky input: Ctrl-C at start-up, leftovers beside the catalogue, links,
a site language whose translations are gone. Each ends in located lines, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.interrupt import interruptible
from support.sitebuild import copy_project

from plandocs.catalogue.load import translated_languages
from plandocs.cli.main import main

COMMAND = [sys.executable, "-c", "import sys; from plandocs.cli.main import main; sys.exit(main())"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", ("mkdocs.yml", "data", "docs"))


def run(capsys: pytest.CaptureFixture, project: Path, *args: str) -> tuple[int, str]:
    code = main(["--project", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to see the libraries a process loaded")
@pytest.mark.parametrize("action", [("i18n", "update"), ("i18n", "add", "fi"), ("check",)])
def test_ctrl_c_while_the_command_starts_ends_in_one_line(project: Path, action: tuple[str, ...]) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    child = subprocess.Popen([*COMMAND, "--project", str(project), *action], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, preexec_fn=interruptible)
    maps = Path(f"/proc/{child.pid}/maps")
    end = time.monotonic() + 60
    while child.poll() is None and time.monotonic() < end:  # interrupt while the libraries load
        try:
            if "pydantic_core" in maps.read_text():
                break
        except OSError:
            pass
        time.sleep(0.002)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert child.returncode == 130, (out, err)
    assert err.strip().splitlines() == ["plandocs: interrupted"], err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_backups_swap_files_and_leftovers_beside_the_catalogue_are_not_catalogue_files(capsys, project: Path) -> None:
    data = project / "data"
    lang = translated_languages(data)[0]
    po = data / "i18n" / f"{lang}.po"
    leftover = po.with_name(f".{po.name}.ab12cd34.tmp")  # a killed update's
    leftover.write_bytes(po.read_bytes()[:100])
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    for name in (f"{po.name}~", f".{po.name}.swp", f"#{po.name}#", "tiers.yml~", ".tiers.yml.swp", "tiers.yml.bak"):
        folder = po.parent if po.name in name else data
        (folder / name).write_text("not: [a catalogue file\n", encoding="utf-8")
    code, out = run(capsys, project, "check")
    assert code == 0, out
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0 and f"removed data/i18n/{leftover.name}" in out, out
    assert not leftover.exists() and (po.parent / f"{po.name}~").exists(), "only the update's own leftover goes"


def test_a_translations_file_linked_out_of_the_catalogue_is_not_read(capsys, project: Path, tmp_path: Path) -> None:
    data = project / "data"
    po = data / "i18n" / f"{translated_languages(data)[0]}.po"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN=abc\n", encoding="utf-8")
    po.unlink()
    po.symlink_to(secret)
    code, out = run(capsys, project, "check")
    assert code == 1 and "TOP-SECRET" not in out, out
    assert out.startswith(f"data/i18n/{po.name}:1:1: a link to a file outside data/"), out


def test_a_translations_file_linked_inside_the_catalogue_stays_a_link(capsys, project: Path) -> None:
    data = project / "data"
    po = data / "i18n" / f"{translated_languages(data)[0]}.po"
    kept = data / "translations" / po.name
    kept.parent.mkdir()
    po.rename(kept)
    po.symlink_to(Path("..") / "translations" / po.name)
    (data / "ui.yml").write_text((data / "ui.yml").read_text(encoding="utf-8").replace(
        "legend: Legend\n", "legend: Key\n", 1), encoding="utf-8")
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0, out
    assert po.is_symlink() and 'msgid "Key"' in kept.read_text(encoding="utf-8")


def test_check_names_a_site_language_whose_translations_are_gone(capsys, project: Path) -> None:
    data = project / "data"
    lang = translated_languages(data)[0]
    (data / "i18n" / f"{lang}.po").unlink()
    code, out = run(capsys, project, "check")
    assert code == 1
    assert out.startswith("mkdocs.yml:") and f"the site builds '{lang}', but data/i18n/{lang}.po is missing" in out
