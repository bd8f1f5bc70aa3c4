"""`make test`'s runner (tests/tiers.py) and the builds its runs share."""

from __future__ import annotations

import itertools
import re
import threading
import time
from pathlib import Path

import pytest
import tiers
from _pytest.mark.expression import Expression
from support.sitebuild import SHARED, Build, shared_build


def test_every_test_is_in_exactly_one_run() -> None:
    """Whatever markers a test carries, one run's expression selects it, and only one."""
    expressions = [Expression.compile(marker) for marker, _ in tiers.RUNS]
    names = sorted({word for marker, _ in tiers.RUNS for word in re.findall(r"\w+", marker)}
                   - {"and", "or", "not"})
    for size in range(len(names) + 1):
        for carried in itertools.combinations(names, size):
            chosen = [marker for (marker, _), expression in zip(tiers.RUNS, expressions, strict=True)
                      if expression.evaluate(lambda name, /, carried=carried, **_: name in carried)]
            assert len(chosen) == 1, f"a test marked {carried or 'nothing'} runs in {chosen or 'no run'}"


def test_the_runner_refuses_to_choose_by_marker(capsys: pytest.CaptureFixture[str]) -> None:
    assert tiers.main(["-m", "browser"]) == 4
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


class Maker:
    """A stand-in for a build: writes a page into the folder it is given and counts its calls."""

    def __init__(self, returncode: int = 0, pause: float = 0.0) -> None:
        self.calls, self.returncode, self.pause = 0, returncode, pause

    def __call__(self, folder: Path) -> Build:
        self.calls += 1
        time.sleep(self.pause)
        (folder / "site").mkdir(parents=True)
        (folder / "site" / "index.html").write_text(f"build {self.calls}", encoding="utf-8")
        return Build(self.returncode, f"output of build {self.calls}", folder / "site")


def test_a_shared_build_is_made_once_for_all_that_ask_at_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(SHARED, str(tmp_path))
    make, results = Maker(pause=0.3), []
    askers = [threading.Thread(target=lambda: results.append(shared_build("site", make, lambda: tmp_path / "no")))
              for _ in range(3)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert make.calls == 1
    assert [build for build, _ in results] == [Build(0, "output of build 1", tmp_path / "site" / "site")] * 3
    assert (tmp_path / "site" / "site" / "index.html").read_text(encoding="utf-8") == "build 1"


def test_a_failed_shared_build_is_read_as_it_failed_not_made_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(SHARED, str(tmp_path))
    make = Maker(returncode=1)
    first, _ = shared_build("site", make, lambda: tmp_path / "no")
    second, _ = shared_build("site", make, lambda: tmp_path / "no")
    assert make.calls == 1 and first == second and second.returncode == 1


def test_a_shared_build_stopped_midway_is_made_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(SHARED, str(tmp_path))
    (tmp_path / "site" / "site").mkdir(parents=True)
    (tmp_path / "site" / "site" / "half.html").write_text("half", encoding="utf-8")
    make = Maker()
    build, folder = shared_build("site", make, lambda: tmp_path / "no")
    assert make.calls == 1 and build.returncode == 0
    assert sorted(p.name for p in (folder / "site").iterdir()) == ["index.html"]


def test_alone_each_run_builds_in_its_own_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(SHARED, raising=False)
    make, folders = Maker(), iter([tmp_path / "one", tmp_path / "two"])
    first, one = shared_build("site", make, lambda: next(folders))
    second, two = shared_build("site", make, lambda: next(folders))
    assert make.calls == 2 and (one, two) == (tmp_path / "one", tmp_path / "two")
    assert (first.site, second.site) == (one / "site", two / "site")


def test_the_runner_gives_its_runs_a_new_shared_folder_and_removes_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(SHARED, str(tmp_path))  # a folder from before is not reused: its builds would be stale
    seen = {}

    def run_all(args: list[str], env: dict[str, str]) -> int:
        seen["folder"] = Path(env[SHARED])
        (seen["folder"] / "site").mkdir()
        return 0

    monkeypatch.setattr(tiers, "run_all", run_all)
    assert tiers.main(["-q"]) == 0
    assert seen["folder"] != tmp_path and not seen["folder"].exists() and tmp_path.exists()


RUNNER_WITH_SLEEPERS = """
import sys, tiers
def sleeper(marker, args, cache):
    return [sys.executable, "-c", "import os, pathlib, time; "
            "pathlib.Path(os.environ[{shared!r}], str(os.getpid())).write_text(''); time.sleep(60)"]
tiers.tier_command = sleeper
sys.exit(tiers.main([]))
"""


def test_a_terminated_runner_ends_its_runs_and_removes_its_folder(tmp_path: Path) -> None:
    """As CI stops a job: SIGTERM to the runner ends the three runs and leaves no shared folder behind."""
    import contextlib
    import os
    import signal
    import subprocess
    import sys

    script = RUNNER_WITH_SLEEPERS.format(shared=SHARED)
    env = dict(os.environ, TMPDIR=str(tmp_path), PYTHONPATH=str(Path(tiers.__file__).parent))
    runner = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(tmp_path.glob("plandocs-builds-*/[0-9]*"))) < 3:
            time.sleep(0.05)
        pids = [int(p.name) for p in tmp_path.glob("plandocs-builds-*/[0-9]*")]
        assert len(pids) == 3, "the three runs did not start"
        runner.send_signal(signal.SIGTERM)
        assert runner.wait(timeout=30) == 128 + signal.SIGTERM
        assert not list(tmp_path.glob("plandocs-builds-*")), "the shared folder was left behind"
        assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()], "runs still running"
    finally:
        runner.kill()
        for path in tmp_path.glob("plandocs-builds-*/[0-9]*"):
            with contextlib.suppress(OSError):
                os.kill(int(path.name), signal.SIGKILL)
