"""Solutions, tiers, bundles and languages are data: the code, templates and scripts name none of them."""

from __future__ import annotations

import re
from pathlib import Path

from support.oracle import Oracle
from support.plan_models import NAMES, compose
from support.sources import ROOT


def catalogue_words(oracle: Oracle) -> set[str]:
    """Every id and name of a solution, tier, plan or bundle, and every language code, of one catalogue."""
    words = set(oracle.languages)
    for solution in oracle.solutions:
        words.add(solution["id"])
        words.update(solution["name"].values())
    for tier in oracle.tiers.values():
        words.add(tier["id"])
        words.update(tier["name"].values())
    words.update(plan.plan_id for plan in oracle.all_plans())
    for bundle in oracle.bundles:
        words.update({bundle["id"], bundle["plan_id"], *bundle["name"].values()})
    return words


def catalogue_counts(oracle: Oracle) -> set[str]:
    """The counts a shortcut in code might compare with: solutions, plans, bundles, combinations."""
    return {str(n) for n in (len(oracle.solutions), len(oracle.plans()), len(oracle.all_plans()),
                             len(oracle.combinations_by_rule())) if n > 1} | (
        {str(len(oracle.bundles))} if len(oracle.bundles) > 1 else set())


def test_code_names_no_solution_tier_bundle_language_or_count(tmp_path: Path) -> None:
    oracles = [Oracle()] + [Oracle(compose(name, tmp_path / name) / "data") for name in NAMES]
    words = set().union(*(catalogue_words(o) for o in oracles))
    counts = set().union(*(catalogue_counts(o) for o in oracles))
    files = [p for folder in ("plandocs", "macros") for p in (ROOT / folder).rglob("*")
             if p.suffix in {".py", ".jinja", ".html"}]
    files += list((ROOT / "overrides").rglob("*.html")) + list((ROOT / "docs" / "javascripts").rglob("*.js"))
    assert files
    found = []
    for path in files:
        content = path.read_text(encoding="utf-8")
        for word in sorted(words):
            # quoted ('en', "sales") or a capitalised name standing alone in text
            if re.search(rf"""['"]{re.escape(word)}['"]""", content) or \
               (word[:1].isupper() and re.search(rf"\b{re.escape(word)}\b", content)):
                found.append(f"{path.relative_to(ROOT)}: {word}")
        for count in counts:
            if re.search(rf"""(==|!=|<=|>=|<|>|range\()\s*{count}\b""", content):
                found.append(f"{path.relative_to(ROOT)}: compares with {count}")
    assert not found, found
