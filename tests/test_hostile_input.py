"""Input that is not a catalogue at all: deep nesting, devices, pipes. Each is one located line, quickly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.sitebuild import copy_project


def check(project: Path) -> subprocess.CompletedProcess:
    """`plandocs check` in a child process (a crash or a hang must not take the test run with it)."""
    return subprocess.run([sys.executable, "-c", "import sys; from plandocs.cli.main import main; sys.exit(main())",
                           "--project", str(project), "check"], capture_output=True, text=True, timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path, ("data",))


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deep_nesting_is_refused_where_it_starts(project: Path, depth: int) -> None:
    (project / "data" / "tiers.yml").write_text("tiers:\n  - " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    result = check(project)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("data/tiers.yml:2:"), result.stderr[:500]
    assert "nested more than" in result.stderr.splitlines()[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_data_file_linked_to_an_endless_device_is_refused_unread(project: Path) -> None:
    target = project / "data" / "tiers.yml"
    target.unlink()
    target.symlink_to("/dev/zero")
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("data/tiers.yml:1:1: not a regular file"), result.stderr


def test_a_data_file_that_is_a_named_pipe_is_refused_without_waiting(project: Path) -> None:
    target = project / "data" / "tiers.yml"
    target.unlink()
    os.mkfifo(target)
    result = check(project)  # would wait forever for a writer if the pipe were opened
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("data/tiers.yml:1:1: not a regular file"), result.stderr


def test_an_oversized_data_file_is_refused(project: Path) -> None:
    target = project / "data" / "tiers.yml"
    with target.open("a", encoding="utf-8") as handle:
        handle.write(("# " + "x" * 1000 + "\n") * 17_000)
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("data/tiers.yml:1:1: larger than"), result.stderr
