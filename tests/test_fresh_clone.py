"""A clone needs nothing beside it: the tests read only the repository, and a missing browser is said plainly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.sources import ROOT, SOURCES

TESTS = Path(__file__).parent


def test_the_sources_are_kept_in_the_repository() -> None:
    assert SOURCES.resolve().is_relative_to(ROOT.resolve())
    pages = sorted(p.name for p in SOURCES.glob("*.md") if p.name != "README.md")
    assert len(pages) >= 2, pages
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    # The README names a uid as it is (`help-sv-user-plans`) or for every language (`help-<lang>-crm-suite`).
    named = [re.compile(re.escape(uid).replace(re.escape("<lang>"), "[a-z]{2}") + "$")
             for uid in re.findall(r"`(help-[^`]+)`", readme)]
    for page in pages:
        uid = re.search(r"^uid: (\S+)$", (SOURCES / page).read_text(encoding="utf-8"), re.M)
        assert uid and any(p.match(uid.group(1)) for p in named), f"no uid of {page} in the sources README"


def test_no_test_reads_a_path_outside_the_repository() -> None:
    outside = re.compile(r"""ROOT\.parent|shared/sources|["']shared["']""")
    offenders = [f"{path.name}:{number}: {line.strip()}"
                 for path in sorted(TESTS.rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if outside.search(line) and path.name != Path(__file__).name]
    assert offenders == []


def _browser_tests(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PLANDOCS_CHROMIUM=str(TESTS / "no-such-chromium"), PYTHONDONTWRITEBYTECODE="1")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(TESTS / "test_browser.py")], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.mark.build
def test_without_a_browser_the_browser_tests_are_skipped_in_one_line() -> None:
    result = _browser_tests(ci=None)
    # 5: run alone, the module is all there is and nothing ran; in the whole suite the rest runs.
    assert result.returncode in (0, 5), result.stdout[-3000:]
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1 and "PLANDOCS_CHROMIUM" in skipped[0] and "apt-get install chromium" in skipped[0], \
        result.stdout[-3000:]
    assert " passed" not in result.stdout.splitlines()[-1]


@pytest.mark.build
def test_under_ci_a_missing_browser_fails() -> None:
    result = _browser_tests(ci="true")
    assert result.returncode != 0
    assert "no-such-chromium" in result.stdout, result.stdout[-3000:]


def test_a_reader_closing_the_pipe_ends_the_command_quietly() -> None:
    """`plandocs i18n status | head`: the reader is gone before the command writes."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; from plandocs.cli.main import main; sys.exit(main())",
                              "--project", str(ROOT), "i18n", "status"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read()
    child.wait(timeout=120)
    assert err == ""
