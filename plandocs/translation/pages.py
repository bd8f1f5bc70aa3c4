"""Translated pages against their source pages: fingerprints, states, confirming, and the page code a
translation may hold (exactly that of its source page)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError

from plandocs.files import newline_of, write_atomic
from plandocs.model import Status
from plandocs.project import Project

_LEXER = Environment()  # reads page code ({{ }}, {% %}) without running it
_TIGHT = re.compile(r" ?([.(\[|]) ?| ?([)\],])")  # `a . b ( 1 )` -> `a.b(1)`, as a writer would write it
PAGE_KEY = "translated_from"  # front matter of a translated page: fingerprint of the source page it renders


def fingerprint(text: str) -> str:
    """Short hash of a source page's text (line endings and Unicode form do not count)."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageState:
    """A translated page against its source page."""

    file: Path
    source: Path
    state: Status
    line: int = 1  # the front matter line that records the fingerprint


_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)^---\r?$", re.S | re.M)
_RECORD = re.compile(rf"^{PAGE_KEY}:[ \t]*[\"']?([0-9a-f]+)[\"']?[ \t]*\r?$", re.M)


def recorded_fingerprint(content: str) -> tuple[str | None, int]:
    """(fingerprint, line) of a page's `translated_from`, or (None, 1)."""
    front = _FRONT_MATTER.match(content)
    record = _RECORD.search(front.group(1)) if front else None
    if not front or not record:
        return None, 1
    return record.group(1), content[: front.start(1) + record.start()].count("\n") + 1


def page_code(text: str) -> list[tuple[int, str]]:
    """Each `{{ ... }}` and `{% ... %}` of a page: (line, its tokens as one normalised string)."""
    constructs: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    try:
        tokens = list(_LEXER.lex(text))
    except TemplateSyntaxError as error:
        return [(error.lineno or 1, f"a template that does not parse ({error.message})")]
    for line, kind, value in tokens:
        if kind in ("variable_begin", "block_begin"):
            current, start = [value.strip("-+ ")], line
        elif kind in ("variable_end", "block_end") and current is not None:
            current.append(value.strip("-+ "))
            constructs.append((start, _TIGHT.sub(r"\1\2", " ".join(current))))
            current = None
        elif current is not None and kind != "whitespace":
            current.append(value)
    return constructs


def new_page_code(source: str, translation: str) -> tuple[int, str] | None:
    """The first `{{ }}` or `{% %}` of a translated page that its source page does not have, or None."""
    remaining = Counter(code for _line, code in page_code(source))
    for line, code in page_code(translation):
        if remaining[code] == 0:
            return line, code if len(code) <= 80 else code[:79] + "…"
        remaining[code] -= 1
    return None


def page_states(project: Project, source: str, lang: str) -> list[PageState]:
    """Every source page, with the state of its translation into `lang`."""
    states = []
    for stem, source_file in project.pages(source).items():
        target = project.docs / project.page_name(stem, lang)
        if not target.is_file():
            states.append(PageState(target, source_file, Status.MISSING))
            continue
        recorded, line = recorded_fingerprint(target.read_text(encoding="utf-8"))
        current = fingerprint(source_file.read_text(encoding="utf-8"))
        state = Status.TRANSLATED if recorded == current else Status.UNCONFIRMED if recorded is None else Status.STALE
        states.append(PageState(target, source_file, state, line))
    return states


def confirm_pages(project: Project, source: str, lang: str, pages: list[str]) -> list[Path]:
    """Record that each page (a docs path, or all stale ones when empty) renders its current source page."""
    known = {state.file.resolve(): state for state in page_states(project, source, lang)}
    if pages:
        chosen = []
        for name in pages:
            path = ((project.root / name) if (project.root / name).exists() else Path.cwd() / name).resolve()
            if path not in known:
                raise ValueError(f"{name}: not a {lang} page of a {source} page (pages are docs/<page>.md files)")
            chosen.append(known[path])
    else:
        chosen = [state for state in known.values() if state.state in (Status.STALE, Status.UNCONFIRMED)]
    missing = next((state for state in chosen if state.state == Status.MISSING), None)
    if missing is not None:  # refused before any page is written
        raise ValueError(f"{missing.file.relative_to(project.root)}: no such page yet "
                         f"(hint: `plandocs i18n add {lang}` creates it)")
    confirmed = []
    for state in chosen:
        content = state.file.read_bytes().decode("utf-8")
        stamp = f"{PAGE_KEY}: {fingerprint(state.source.read_text(encoding='utf-8'))}"
        if write_atomic(state.file, _with_record(content, stamp).encode("utf-8")):
            confirmed.append(state.file)
    return confirmed


def _with_record(content: str, stamp: str) -> str:
    """`content` with its front matter's fingerprint line set to `stamp` (front matter added if none)."""
    newline = newline_of(content)
    front = _FRONT_MATTER.match(content)
    if front is None:
        return f"---{newline}{stamp}{newline}---{newline}{content}"
    record = _RECORD.search(front.group(1))
    if record is None:
        at = front.end(1)
        return content[:at] + stamp + newline + content[at:]
    start, end = front.start(1) + record.start(), front.start(1) + record.end()
    line_end = "\r" if content[end - 1:end] == "\r" else ""
    return content[:start] + stamp + line_end + content[end:]
