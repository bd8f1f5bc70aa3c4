"""The whole suite as three pytest runs side by side, sharing their builds:

    python tests/tiers.py [pytest options]

- the browser tests on the real site (`-m "browser and not plan_model"`),
- the browser tests on the plan models' sites (`-m "browser and plan_model"`),
- every other test (`-m "not browser"`).

Chromium keeps more than one core busy and the other tests one; with the browser tests split in two, the
runs end closer together. A site that several runs need (the real one, each plan model) is built once, by
the first to ask, in a new folder this script makes for them (PLANDOCS_SHARED_BUILDS) and removes at the
end, also when it is terminated. Measured against two runs, back to back: 5 % less time and 5 % fewer
core-seconds (BENCHMARKS.md, fourth round of issue 23).

The other tests print as they run; each browser run's report follows when it ends. The exit status is
pytest's: 0 when every run passed, else the first failing run's (a run with no test selected, exit status
5, counts as passed unless all are empty).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_TESTS = 5  # pytest's exit status when no test was selected
SHARED = "PLANDOCS_SHARED_BUILDS"  # as tests/support/sitebuild.py reads it
# (marker expression, its own cache folder for --last-failed); the last run prints as it goes
RUNS = [("browser and not plan_model", ".pytest_cache/browser-tier"),
        ("browser and plan_model", ".pytest_cache/plan-model-browser-tier"),
        ("not browser", None)]


def tier_command(marker: str, args: list[str], cache: str | None) -> list[str]:
    command = [sys.executable, "-m", "pytest", "-m", marker]
    if cache and "no:cacheprovider" not in " ".join(args).replace("-pno:", "-p no:"):
        command += ["-o", f"cache_dir={cache}"]  # each run keeps its own --last-failed
    if sys.stdout.isatty():
        command.append("--color=yes")
    return command + args


def main(args: list[str]) -> int:
    if any(arg.startswith("-m") for arg in args):
        print("tiers.py: -m is how the runs are chosen; to choose tests by marker, run pytest itself",
              file=sys.stderr)
        return 4
    shared = tempfile.mkdtemp(prefix="plandocs-builds-")  # always a new one: a build of an earlier run is stale
    try:
        return run_all(args, dict(os.environ, **{SHARED: shared}))
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def run_all(args: list[str], env: dict[str, str]) -> int:
    buffered: list[tuple[str, subprocess.Popen, list[bytes], threading.Thread]] = []
    started: list[subprocess.Popen] = []
    stopped: list[int] = []

    def stop(signum: int, _frame) -> None:
        """Terminated: the runs are terminated too; the waits below end with them, then the shared folder goes
        (main's `finally`)."""
        stopped.append(signum)
        for run in started:
            run.terminate()

    signal.signal(signal.SIGTERM, stop)
    for marker, cache in RUNS[:-1]:
        run = subprocess.Popen(tier_command(marker, args, cache), cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        started.append(run)
        report: list[bytes] = []
        reader = threading.Thread(target=lambda run=run, report=report: report.extend(run.stdout), daemon=True)
        reader.start()
        buffered.append((marker, run, report, reader))
    marker, cache = RUNS[-1]
    live = subprocess.Popen(tier_command(marker, args, cache), cwd=ROOT, env=env)
    started.append(live)
    # The terminal's Ctrl-C reaches every run, which ends and reports; this one waits for them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    codes = [live.wait()]
    for marker, run, report, reader in buffered:
        codes.append(run.wait())
        reader.join()
        sys.stdout.flush()
        sys.stdout.buffer.write(f"\n--- -m \"{marker}\", run beside the tests above ---\n".encode())
        sys.stdout.buffer.writelines(report)
        sys.stdout.flush()
    if stopped:
        return 128 + stopped[0]
    failed = [code for code in codes if code not in (0, NO_TESTS)]
    if failed:
        return failed[0]
    return NO_TESTS if all(code == NO_TESTS for code in codes) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
