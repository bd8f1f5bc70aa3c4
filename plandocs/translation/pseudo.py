"""Pseudo-localisation of whole pages and of the theme's words, for the build-time pseudo language."""

from __future__ import annotations

import re

from plandocs.translation.lookup import accent, bracket, pseudolocalize

# Spans of a Markdown line that are not prose: macros, code, link targets, attribute lists, HTML tags.
_PROTECTED = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|`[^`]*`|\]\([^)]*\)|<[^>]+>)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:\-]+$")
_MACRO_LINE = re.compile(r"^\s*(\{\{.*\}\}|\{%.*%\})\s*$")  # a line that is only a macro call
_ATTRIBUTES = re.compile(r"\s*\{ ?[#:.][^}]*\}\s*$")  # a heading's { #anchor }, kept outside the brackets
_PROSE_PREFIX = re.compile(r"^(\s*(?:#{1,6} |[-*+] |\d+\. |> )?)(.*)$")
_FRONT_MATTER_TEXT = ("title", "description")


def pseudo_markdown(page: str) -> str:
    """The page with its prose pseudo-localised; front matter keys, macros and code kept."""
    front, body = "", page
    if page.startswith("---\n"):
        end = page.index("\n---\n", 4) + 5
        front, body = page[:end], page[end:]
        front = re.sub(rf"^({'|'.join(_FRONT_MATTER_TEXT)}): (.+)$",
                       lambda m: f'{m.group(1)}: "{_quoted(pseudolocalize(m.group(2)))}"', front, flags=re.M)
    lines, fenced = [], False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            lines.append(line)
        elif fenced:
            lines.append(line)
        elif _TABLE_ROW.match(line):
            lines.append(line if _TABLE_RULE.match(line) else
                         "|".join(_pseudo_line(cell) if cell.strip() else cell for cell in line.split("|")))
        else:
            lines.append(_pseudo_line(line))
    return front + "\n".join(lines) + "\n"


def _pseudo_line(line: str) -> str:
    """One line of prose: its words accented, the whole bracketed and padded (macros untouched)."""
    prefix, rest = _PROSE_PREFIX.match(line).groups()
    if not rest.strip() or _MACRO_LINE.match(rest) or rest.lstrip().startswith("<"):
        return line
    attributes = _ATTRIBUTES.search(rest)
    content, tail = (rest[:attributes.start()], attributes.group(0)) if attributes else (rest, "")
    shown = "".join(part if _PROTECTED.fullmatch(part) else accent(part) for part in _PROTECTED.split(content))
    prose = "".join(part for part in _PROTECTED.split(content) if not _PROTECTED.fullmatch(part))
    return prefix + bracket(shown, prose) + tail


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
