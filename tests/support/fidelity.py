"""Compare a catalogue with the source pages, position by position, naming catalogue ids."""

from __future__ import annotations

from support.oracle import Oracle
from support.sources import SourcePage
from support.sources import apply_documented_fixes as fix


def catalogue_vs_source(oracle: Oracle, page: SourcePage) -> list[str]:
    """Every difference between the catalogue's texts in page.lang and the source page."""
    lang = page.lang
    problems: list[str] = []

    def same(text_id: str, ours: str, source_text: str) -> None:
        expected = fix(source_text)
        if ours != expected:
            problems.append(f"{text_id} [{lang}] is {ours!r}, the source says {expected!r}")

    solutions = oracle.solutions
    common, *rest = page.sections
    solution_sections = rest[: len(solutions)]
    multi, addons, *after = rest[len(solutions):]
    periods = oracle.raw["billing_periods"]
    # The billing periods' list, where the page has one (an older page has other sections there instead).
    billing = next((s for s in after if s.blocks and len(s.blocks[0].items) == len(periods)), None)

    groups = oracle.raw["common"]
    items = common.blocks[0].items
    if len(items) != len(groups):
        problems.append(f"common has {len(groups)} groups, the source {len(items)}")
    for group, item in zip(groups, items):
        same(f"feature.{group['id']}.label", group["label"][lang], item.text)
        children = group.get("features", [])
        if len(children) != len(item.children):
            problems.append(f"feature.{group['id']} has {len(children)} sub-features, the source {len(item.children)}")
        for child, sub in zip(children, item.children):
            same(f"feature.{child['id']}.label", child["label"][lang], sub.text)

    if len(solution_sections) != len(solutions):
        problems.append(f"{len(solutions)} solutions, the source has {len(solution_sections)}")
    for solution, section in zip(solutions, solution_sections):
        sid = solution["id"]
        same(f"solution.{sid}.name", solution["name"][lang], section.heading)
        audience, _, common_line = section.paragraphs[0].partition(". ")
        same(f"solution.{sid}.audience", solution["audience"][lang], audience)
        same("ui.includes-common", oracle.ui("includes-common", lang), common_line)
        if section.links[:1] != [solution["link"]]:
            problems.append(f"solution.{sid}.link is {solution['link']!r}, the source links {section.links[:1]}")
        if len(section.blocks) != len(solution["tiers"]):
            problems.append(f"solution.{sid} has {len(solution['tiers'])} tiers, the source {len(section.blocks)}")
        for offer, block in zip(solution["tiers"], section.blocks):
            same(f"tier.{offer['tier']}.name", oracle.tier_name(offer["tier"], lang), block.label.rstrip(":"))
            ids = oracle.feature_ids(offer)
            if len(ids) != len(block.items):
                problems.append(f"solution.{sid}.tiers[{offer['tier']}] has {len(ids)} features, "
                                f"the source {len(block.items)}")
            for fid, item in zip(ids, block.items):
                same(f"feature.{fid}.label", oracle.labels[fid][lang], item.text)

    base = multi.blocks[0].items
    plans = oracle.plans()
    if len(plans) != len(base):
        problems.append(f"{len(plans)} base plans, the source lists {len(base)}")
    for plan, item in zip(plans, base):
        same(f"plan.{plan.plan_id}", oracle.plan_name(plan, lang), item.text)

    for addon, item in zip(oracle.raw["addons"], addons.blocks[0].items):
        same(f"addon.{addon['id']}.name", addon["name"][lang], item.text)
        ours, theirs = addon["link"][lang], item.link or ""
        # The source links into SuperOffice's docs tree with relative .md paths; ours are absolute.
        expected_tail = theirs if theirs.startswith("https://") else theirs.lstrip("./").replace(".md", ".html")
        if not ours.endswith(expected_tail):
            problems.append(f"addon.{addon['id']}.link [{lang}] is {ours!r}, the source links {theirs!r}")
    if len(oracle.raw["addons"]) != len(addons.blocks[0].items):
        problems.append(f"{len(oracle.raw['addons'])} add-ons, the source lists {len(addons.blocks[0].items)}")

    for period, item in zip(periods, billing.blocks[0].items if billing else []):
        same(f"billing.{period['id']}.label", period["label"][lang], item.text)
    return problems
