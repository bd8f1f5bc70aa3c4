"""Solutions, tiers and languages are data: the code and templates name none of them."""

from __future__ import annotations

import re

from support.oracle import Oracle
from support.sources import ROOT


def test_macros_name_no_solution_tier_language_or_count() -> None:
    oracle = Oracle()
    words = set(oracle.languages)
    for solution in oracle.solutions:
        words.add(solution["id"])
        words.update(solution["name"].values())
    for tier in oracle.tiers.values():
        words.add(tier["id"])
        words.update(tier["name"].values())
    words.update(oracle.plans()[i].plan_id for i in range(len(oracle.plans())))
    files = [p for folder in ("plandocs", "macros") for p in (ROOT / folder).rglob("*")
             if p.suffix in {".py", ".jinja", ".html"}]
    files += list((ROOT / "overrides").rglob("*.html"))
    assert files
    found = []
    for path in files:
        content = path.read_text(encoding="utf-8")
        for word in sorted(words):
            # quoted ('en', "sales") or a capitalised name standing alone in text
            if re.search(rf"""['"]{re.escape(word)}['"]""", content) or \
               (word[:1].isupper() and re.search(rf"\b{re.escape(word)}\b", content)):
                found.append(f"{path.relative_to(ROOT)}: {word}")
        for count in {str(len(oracle.solutions)), str(len(oracle.plans())), "20"}:
            if re.search(rf"""(==|!=|<=|>=|<|>|range\()\s*{count}\b""", content):
                found.append(f"{path.relative_to(ROOT)}: compares with {count}")
    assert not found, found
