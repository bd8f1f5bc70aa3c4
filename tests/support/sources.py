"""Parse the source pages in tests/sources/: the expectations of the fidelity tests.

The sources are test input, never copied into tests. The only deviations the tests
allow are the fixes the sources README documents (see DOCUMENTED_FIXES).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tests" / "sources"  # SuperOffice's pages, kept in the repository


def source_languages(page: str = "user-plans") -> list[str]:
    """The languages SuperOffice publishes a page in (a source file each: `user-plans.<lang>.md`)."""
    return sorted(p.name.split(".")[1] for p in SOURCES.glob(f"{page}.*.md"))


def source_file(name: str) -> Path:
    """A file of the sources folder; fails (never skips) when the sources are missing."""
    path = SOURCES / name
    assert path.is_file(), f"missing source file {path}"
    return path


@dataclass
class Item:
    """A list item: its text (links reduced to their text), link target and sub-items."""

    text: str
    link: str | None = None
    children: list[Item] = field(default_factory=list)


@dataclass
class Block:
    """A list with the line that introduces it (a bold label or a paragraph), if any."""

    label: str | None
    label_kind: str | None  # "bold" for **Label:**, "paragraph" for a plain paragraph
    items: list[Item] = field(default_factory=list)
    groups: int = 1  # blank-line separated groups the list was written in


@dataclass
class Section:
    """A `##` section: its heading, paragraphs and lists in order."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@dataclass
class SourcePage:
    """One source page."""

    lang: str
    front_matter: dict
    title: str
    intro: list[str]
    sections: list[Section]

    def section(self, heading: str) -> Section:
        """The section with this heading text."""
        for section in self.sections:
            if section.heading == heading:
                return section
        raise KeyError(f"no section '{heading}' in the {self.lang} source")


_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]+)\]")
_ITEM = re.compile(r"^( *)\* (.+)$")
_BOLD_LABEL = re.compile(r"^\*\*(.+)\*\*$")


def parse_page(lang: str) -> SourcePage:
    """Parse user-plans.<lang>.md into front matter, intro and sections of lists."""
    text = source_file(f"user-plans.{lang}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    # Link reference definitions at the bottom: [n]: url
    refs = dict(re.findall(r"^\[([^\]]+)\]: (\S+)$", body, flags=re.M))
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)

    title = ""
    intro: list[str] = []
    sections: list[Section] = []
    block: Block | None = None
    pending_label: tuple[str, str] | None = None
    blank_since_item = False
    for line in body.splitlines():
        if re.match(r"^\[[^\]]+\]: ", line):
            continue
        if line.startswith("# "):
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            sections.append(Section(line[3:].strip()))
            block, pending_label = None, None
            continue
        if not line.strip():
            blank_since_item = block is not None
            continue
        item = _ITEM.match(line)
        if item:
            depth = len(item.group(1)) // 2
            text_value, link = _inline(item.group(2), refs)
            if block is None:
                label, kind = pending_label or (None, None)
                block = Block(label, kind)
                sections[-1].blocks.append(block)
                pending_label = None
            elif blank_since_item and depth == 0:
                block.groups += 1
            blank_since_item = False
            target = block.items if depth == 0 else block.items[-1].children
            target.append(Item(text_value, link))
            continue
        # a paragraph or a bold label ends any list
        block, blank_since_item = None, False
        paragraph, link = _inline(line.strip(), refs)
        bold = _BOLD_LABEL.match(line.strip())
        if bold:
            pending_label = (bold.group(1), "bold")
        elif sections:
            sections[-1].paragraphs.append(paragraph)
            if link:
                sections[-1].links.append(link)
            pending_label = (paragraph, "paragraph")
        else:
            intro.append(paragraph)
    return SourcePage(lang, yaml.safe_load(front), title, intro, sections)


def _inline(text: str, refs: dict[str, str]) -> tuple[str, str | None]:
    link = None
    match = _LINK.search(text)
    if match:
        link = refs.get(match.group(2))
    return _LINK.sub(r"\1", text), link


# -- documented fixes ---------------------------------------------------------------------

README = "README.md"


def documented_typos() -> dict[str, str]:
    """Typos the sources README names, as `"wrong" is a typo for "right"`."""
    text = source_file(README).read_text(encoding="utf-8")
    return dict(re.findall(r'"([^"]+)" is a typo for "([^"]+)"', text))


def rejected_tier_spelling() -> tuple[str, str]:
    """The two spellings of the lower tier the README says the sources mix: (rejected, chosen)."""
    text = source_file(README).read_text(encoding="utf-8")
    match = re.search(r'The tier is called "(\w+)" in the prose.*?headings say "\*\*(\w+):\*\*"', text, flags=re.S)
    assert match, "the sources README no longer documents the Essential/Essentials defect"
    chosen, rejected = match.group(1), match.group(2)
    return rejected, chosen


def apply_documented_fixes(text: str) -> str:
    """The source text as the corrected site must show it (only documented fixes)."""
    rejected, chosen = rejected_tier_spelling()
    text = re.sub(rf"\b{rejected}\b", chosen, text)
    for wrong, right in documented_typos().items():
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
    for wrong, right in documented_misspellings().items():
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
    for wrong, right in documented_corrections().items():
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
    return text.replace("\u00ad", "")  # an invisible soft hyphen is no text


def documented_misspellings() -> dict[str, str]:
    """Misspelt words the README names as `writes "... Persone" (for "Personen")`: the phrase's last word."""
    text = " ".join(source_file(README).read_text(encoding="utf-8").split())
    return {phrase.split()[-1]: right for phrase, right in re.findall(r'writes "([^"]+)" \(for "([^"]+)"\)', text)}


def documented_corrections() -> dict[str, str]:
    """The project's deliberate corrections of the sources' words, as `"wrong" is corrected to "right"`."""
    text = " ".join(source_file(README).read_text(encoding="utf-8").split())
    return dict(re.findall(r'"([^"]+)" is corrected to "([^"]+)"', text))


def documented_moves() -> dict[str, str]:
    """Source paragraphs the site shows on another page: {a word the paragraph names: that page's path}."""
    text = " ".join(source_file(README).read_text(encoding="utf-8").split())
    return dict(re.findall(r'paragraph that names "([^"]+)" moves [^(]*\("([^"]+)"\)', text))


def same_text(shown: str, source: str) -> bool:
    """`shown` is the source text, a character lost in the source's encoding (U+FFFD) standing for any one."""
    if "\ufffd" not in source:
        return shown == source
    pattern = "".join("." if ch == "\ufffd" else re.escape(ch) for ch in source)
    return re.fullmatch(pattern, shown) is not None


def is_current(page: SourcePage, english: SourcePage) -> bool:
    """Whether a source page is of the English page's version (older ones describe an older product: their
    lists are the language's labels, their prose is not the site's)."""
    return str(page.front_matter.get("version")) == str(english.front_matter.get("version"))


def readme_plan_ids() -> list[str]:
    """The plan identifiers the README lists for SuperOffice's page metadata."""
    text = source_file(README).read_text(encoding="utf-8")
    start = text.index("Plan identifiers")
    bullet = text[start:text.index("\n- ", start)]
    return re.findall(r"`([a-z]+)`", bullet)


def readme_license_example() -> dict:
    """The Sales Essential license example of the README: license, hidden licenses, marker."""
    text = source_file(README).read_text(encoding="utf-8")
    start = text.index("Example from that documentation")
    sentence = " ".join(text[start:text.index("A plan of all three", start)].split())
    names = re.findall(r"`([a-z0-9-]+)`", sentence)
    marker = re.search(r"the marker `([a-z0-9-]+)`", sentence).group(1)
    license_name = re.search(r"plan license `([a-z0-9-]+)`", sentence).group(1)
    hidden = [n for n in names if n not in (marker, license_name)]
    rest = " ".join(text[text.index("A plan of all three", start):].split())
    combined = re.search(r"plan license `([a-z0-9-]+)`", rest).group(1)
    description = re.search(r'description "([A-Za-z]+)"', rest).group(1)
    return {"license": license_name, "hidden": hidden, "marker": marker,
            "combined_license": combined, "combined_description": description}


def readme_combination_counts() -> tuple[int, int, int]:
    """(pairs, triples, total) as the README states them."""
    text = source_file(README).read_text(encoding="utf-8")
    match = re.search(r"(\d+) pairs and (\d+) triples, (\d+) combinations", " ".join(text.split()))
    assert match, "the README no longer states the combination counts"
    return tuple(int(n) for n in match.groups())  # type: ignore[return-value]


def readme_billing_months() -> tuple[list[int], int]:
    """The billing periods in months, and the contract term, as the README states them."""
    text = source_file(README).read_text(encoding="utf-8")
    line = re.search(r"Billing periods: ([^.]+)\. The contract term is (\d+) months", " ".join(text.split()))
    assert line, "the README no longer states the billing periods"
    words = {"monthly": 1, "yearly": 12}
    months = []
    for part in line.group(1).split(","):
        part = part.strip()
        number = re.search(r"(\d+)", part)
        months.append(int(number.group(1)) if number else words[part])
    return months, int(line.group(2))


def readme_extra_flags() -> dict[int, str]:
    """ExtraFlags value -> what it marks, as the README states them."""
    text = " ".join(source_file(README).read_text(encoding="utf-8").split())
    match = re.search(r"`ExtraFlags` is (\d) for ([a-z -]+?), (\d) for ([a-z -]+?) and (\d) for ([a-z -]+?)\.", text)
    assert match, "the README no longer states the ExtraFlags values"
    values = match.groups()
    return {int(values[i]): values[i + 1] for i in range(0, 6, 2)}


def readme_extra_info_prefix() -> str:
    """What a user plan's ExtraInfo starts with, as the README states it."""
    text = " ".join(source_file(README).read_text(encoding="utf-8").split())
    return re.search(r"`ExtraInfo` holds `([^`]+)`", text).group(1)
