"""Parse SuperOffice's CRM Suite pages (tests/sources/crm-suite.<lang>.md) into the facts the site must carry:
the plans with their descriptions, the scaling metrics, the plan-limit rows, the usage-indicator rows and the
transition rows. Found by the page's structure (anchors, table shapes), never by words of one language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from support.sources import SOURCES, source_file


@dataclass
class Part:
    """A `##` or `###` heading with the tables (rows of cells) and bullet lists under it, in order."""

    heading: str
    anchor: str | None
    level: int
    tables: list[list[list[str]]] = field(default_factory=list)
    lists: list[list[str]] = field(default_factory=list)


@dataclass
class SuitePage:
    lang: str
    title: str
    plans: list[tuple[str, str]]  # (name, description)
    metrics: list[str]
    limits_header: list[str]  # the plan names, in the table's order
    limits: list[list[str]]  # [label, value per plan...]
    usage: list[list[str]]  # [usage, indicator, meaning]
    transition: list[tuple[str, str]]  # (license, plan)


def suite_languages() -> list[str]:
    """The languages SuperOffice publishes the CRM Suite page in (a source file each)."""
    return sorted(p.name.split(".")[1] for p in SOURCES.glob("crm-suite.*.md"))


def plain(cell: str) -> str:
    """A cell or item as text: no bold, no icons, whitespace collapsed."""
    cell = re.sub(r"<[^>]+>", "", cell).replace("**", "")
    return " ".join(cell.split())


def parse_parts(lang: str) -> tuple[str, list[Part]]:
    text = source_file(f"crm-suite.{lang}.md").read_text(encoding="utf-8")
    _, _front, body = text.split("---\n", 2)
    title, parts = "", []
    table: list[list[str]] | None = None
    items: list[str] | None = None
    for line in body.splitlines():
        heading = re.match(r"^(#{1,3}) (?:<a id=\"([^\"]+)\"></a>)?(.+)$", line)
        if heading:
            table = items = None
            if len(heading.group(1)) == 1:
                title = heading.group(3).strip()
            else:
                parts.append(Part(heading.group(3).strip(), heading.group(2), len(heading.group(1))))
            continue
        if line.startswith("|"):
            cells = [plain(c) for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r"-+", c) for c in cells):
                continue
            if table is None:
                table = []
                parts[-1].tables.append(table)
            table.append(cells)
            continue
        table = None
        bullet = re.match(r"^\* (.+)$", line)
        if bullet and parts:
            if items is None:
                items = []
                parts[-1].lists.append(items)
            items.append(plain(re.sub(r"\[([^\]]+)\]\[[^\]]+\]", r"\1", bullet.group(1))))
        elif line.strip():
            items = None
    return title, parts


def parse_suite_page(lang: str) -> SuitePage:
    title, parts = parse_parts(lang)
    by_anchor = {part.anchor: part for part in parts if part.anchor}
    plans_table = by_anchor["plans"].tables[0][1:]
    limits_part = by_anchor["plan-limits"]
    limits_table, usage_table = limits_part.tables[0], limits_part.tables[1]
    metrics_part = parts[parts.index(limits_part) - 1]  # the `###` section before the plan limits
    # The transition: the last two-column table whose header's second cell names the new generation.
    transition = next(t for part in reversed(parts) for t in part.tables if len(t[0]) == 2 and t is not
                      by_anchor["plans"].tables[0])
    return SuitePage(
        lang=lang, title=title,
        plans=[(row[0], row[1]) for row in plans_table],
        metrics=metrics_part.lists[0],
        limits_header=limits_table[0][1:], limits=limits_table[1:],
        usage=usage_table[1:],
        transition=[(row[0], row[1]) for row in transition[1:]],
    )
