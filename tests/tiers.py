"""The whole suite as two pytest runs side by side: the browser tier (`-m browser`) and every other test.

    python tests/tiers.py [pytest options]

Chromium keeps most of one core busy and the builds most of the other: side by side, the two tiers take about
three quarters of the time they take one after the other (BENCHMARKS.md has the figures). The other tests
print as they run; the browser tier's report follows when it ends. The exit status is pytest's: 0 when both
passed, else the first tier's that did not (a tier with no test selected, exit status 5, counts as passed
unless both are empty).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_TESTS = 5  # pytest's exit status when no test was selected


def tier_command(marker: str, args: list[str], cache: str | None) -> list[str]:
    command = [sys.executable, "-m", "pytest", "-m", marker]
    if cache and "no:cacheprovider" not in " ".join(args).replace("-pno:", "-p no:"):
        command += ["-o", f"cache_dir={cache}"]  # each tier keeps its own --last-failed
    if sys.stdout.isatty():
        command.append("--color=yes")
    return command + args


def main(args: list[str]) -> int:
    if any(arg.startswith("-m") for arg in args):
        print("tiers.py: -m is how the tiers are chosen; to choose tests by marker, run pytest itself",
              file=sys.stderr)
        return 4
    browser = subprocess.Popen(tier_command("browser", args, ".pytest_cache/browser-tier"), cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    report: list[bytes] = []
    reader = threading.Thread(target=lambda: report.extend(browser.stdout), daemon=True)
    reader.start()
    others = subprocess.Popen(tier_command("not browser", args, None), cwd=ROOT)
    # The terminal's Ctrl-C reaches both runs, which end and report; this one waits for them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    codes = [others.wait(), browser.wait()]
    reader.join()
    sys.stdout.flush()
    sys.stdout.buffer.write(b"\n--- the browser tier (-m browser), run beside the tests above ---\n")
    sys.stdout.buffer.writelines(report)
    sys.stdout.flush()
    failed = [code for code in codes if code not in (0, NO_TESTS)]
    if failed:
        return failed[0]
    return NO_TESTS if codes == [NO_TESTS, NO_TESTS] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
