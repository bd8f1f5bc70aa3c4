"""Checks of built tables against the raw-data oracle, shared by the site and the edit tests."""

from __future__ import annotations

import re

from support.oracle import Oracle, RawPlan
from support.sitebuild import text


def expected_matrix_rows(oracle: Oracle, solutions: list[dict] | None = None) -> list[str]:
    rows: list[str] = []
    if solutions is None:
        solutions = oracle.solutions
        for group in oracle.raw["common"]:
            children = group.get("features") or []
            rows.extend(c["id"] for c in children) if children else rows.append(group["id"])
        bundles = oracle.current_bundles()
    else:
        bundles = []
    for solution in solutions:
        sold = set().union(*(oracle.states(p) for p in oracle.plans_of(solution["id"])))  # retired tiers aside
        for offer in solution["tiers"]:
            rows.extend(fid for fid in oracle.feature_ids(offer) if fid not in rows and fid in sold)
    for bundle in bundles:
        own = [e["id"] if isinstance(e, dict) else e for e in bundle.get("features", [])]
        rows.extend(fid for fid in own if fid not in rows)
    return rows


def check_matrix(table, oracle: Oracle, lang: str, plans, rows: list[str], common_row: bool,
                 bundles: list[dict] = ()) -> None:
    """`plans` (RawPlan) then `bundles` (plans.yml entries) are the columns, `rows` the feature ids."""
    # plan headings (a single-tier solution's spans both header rows, so document order is not column order)
    headings = {th["data-plan"]: text(th) for th in table.select("thead th[data-plan]")}
    assert headings == {p.plan_id: oracle.plan_heading(p, lang) for p in plans} | {
        b["plan_id"]: b["name"][lang] for b in bundles}
    columns = [p.plan_id for p in plans] + [b["plan_id"] for b in bundles]
    body_rows = table.select("tbody tr[data-feature]")
    assert body_rows and [td["data-plan"] for td in body_rows[0].find_all("td")] == columns
    assert [tr["data-feature"] for tr in body_rows] == rows
    common = set(oracle.common_ids())
    states = {p.plan_id: oracle.states(p) for p in plans}
    states |= {b["plan_id"]: dict.fromkeys(oracle.features_of(b["plan_id"]), ("included", None)) for b in bundles}
    plans = [*plans, *(RawPlan("", "", b["plan_id"]) for b in bundles)]
    for tr in body_rows:
        fid = tr["data-feature"]
        check_feature_header(tr.find("th"), oracle, fid, lang)
        cells = tr.find_all("td")
        assert len(cells) == len(plans)
        for plan, cell in zip(plans, cells):
            state, via = ("included", None) if fid in common else states[plan.plan_id].get(fid, ("excluded", None))
            assert cell["data-state"] == state, f"{fid} × {plan.plan_id}"
            spoken = text(cell.select_one(".pd-sr"))
            if state == "included":
                assert spoken == oracle.ui("included", lang)
            elif state == "inherited":
                assert spoken == oracle.ui("included-via", lang, tier=oracle.tier_name(via, lang))
            else:
                assert spoken == oracle.ui("not-included", lang)
            assert cell.select_one("[aria-hidden=true]").get_text(strip=True), "every cell shows an icon"
    if common_row:
        assert len(table.select("tbody tr:not([data-feature]):not(.pd-section)")) == 1


def check_combination_table(table, oracle: Oracle, lang: str) -> None:
    """Rows are exactly the combinations the rule gives; cells and counts as the raw data says."""
    headers = [text(th) for th in table.select("thead th")]
    assert headers[1:-1] == [s["name"][lang] for s in oracle.solutions]
    seen = set()
    for tr in table.select("tbody tr"):
        plans = tuple(oracle.plan_by_id(pid) for pid in tr["id"].removeprefix("combination-").split("-"))
        seen.add(tuple(p.plan_id for p in plans))
        assert text(tr.find("th")) == " ".join(oracle.combination_name(plans, lang).split())
        cells = tr.find_all("td")
        held = {p.solution: p.tier for p in plans}
        for solution, cell in zip(oracle.solutions, cells):
            tier = held.get(solution["id"])
            assert cell["data-tier"] == (tier or "")
            if tier and oracle.single_tier(solution["id"]):  # no tier word: only whether it is held
                assert text(cell) == "✓ " + oracle.ui("included", lang)
            else:
                assert text(cell) == (oracle.tier_name(tier, lang) if tier else "– " + oracle.ui("not-included", lang))
        assert int(text(cells[-1])) == oracle.feature_count(plans)
    assert seen == oracle.combinations_by_rule()


def check_feature_header(th, oracle: Oracle, fid: str, lang: str) -> None:
    """A row's header: the feature's label, opening on its description and link when the catalogue has them."""
    label = oracle.labels[fid][lang]
    entry = oracle.explained.get(fid)
    if entry is None:
        assert text(th) == label and th.find("details") is None
        return
    assert text(th.select_one("details.pd-explain > summary")) == label
    assert text(th.select_one(".pd-note")) == oracle.explanation(entry, label, lang)
    link = th.select_one(".pd-note a")
    assert (link["href"] if link else None) == (entry["link"][lang] if "link" in entry else None)


def built_moves(page) -> dict[tuple[str, ...], tuple[str, str, set[str], set[str]]]:
    """The moves table of a built page: licenses held -> (plan, deciding license, gained ids, lost ids)."""
    table = page.find("table", id=re.compile(r"-moves$"))
    result = {}
    for tr in table.find("tbody").find_all("tr"):
        gained = {li["data-feature"] for li in tr.find("td", attrs={"data-gained": True}).find_all("li")}
        lost = {li["data-feature"] for li in tr.find("td", attrs={"data-lost": True}).find_all("li")}
        result[tuple(tr["data-licenses"].split("-"))] = (tr["data-plan"], tr["data-decided-by"], gained, lost)
    return result
