"""One set of combination cases (fixtures/combination-cases.json), answered alike by the Python derivation,
the test oracle and the page script (docs/javascripts/plandocs/plans.js, through Node's test runner)."""

from __future__ import annotations

import json
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from support.ci import IN_CI
from support.oracle import sells
from support.sources import ROOT

from plandocs.model import CombinationRules

CASES = json.loads((ROOT / "tests" / "fixtures" / "combination-cases.json").read_text(encoding="utf-8"))["cases"]


def _rules(raw: dict) -> CombinationRules:
    return CombinationRules(sold=raw.get("sold", True), max_solutions=raw.get("max_solutions"),
                            excluded_pairs=frozenset(frozenset(pair) for pair in raw.get("exclude", [])),
                            retired=frozenset(tuple(ids) for ids in raw.get("retired", [])))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_derivation_sells_what_the_case_says(case: dict) -> None:
    plans = tuple(SimpleNamespace(id=plan_id, solution=SimpleNamespace(id=solution))
                  for plan_id, solution in case["plans"])
    assert _rules(case["rules"]).allows(plans) is case["sold"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_oracle_sells_what_the_case_says(case: dict) -> None:
    assert sells(case["rules"], [tuple(plan) for plan in case["plans"]]) is case["sold"]


def test_the_cases_hold_both_answers_and_every_limit() -> None:
    assert {case["sold"] for case in CASES} == {True, False}
    assert {key for case in CASES for key in case["rules"]} == {"sold", "max_solutions", "exclude", "retired"}


def test_the_page_script_passes_its_node_tests() -> None:
    """The page script's pure parts, on the same cases (tests/js/, Node's own test runner)."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        if IN_CI:
            pytest.fail("Node.js is not installed (CI installs it: see .ci/run)")
        pytest.skip("Node.js is not installed: the page script's pure parts are not tested")
    result = subprocess.run([node, "--test", "--test-reporter=tap", str(ROOT / "tests" / "js")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    cases = sum(1 for line in result.stdout.splitlines() if line.startswith("ok ") and "combination case:" in line)
    assert cases == len(CASES), result.stdout[-2000:]
