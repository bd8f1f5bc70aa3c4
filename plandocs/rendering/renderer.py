"""Rendering catalogue components through the project's Jinja templates (macros/ by default)."""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, select_autoescape
from markupsafe import Markup, escape

from plandocs.derive.combinations import group_starts
from plandocs.errors import CatalogueError, Problem, printable
from plandocs.model import Catalogue, Feature, Text
from plandocs.translation.lookup import Translator

# Characters that start Markdown syntax; escaped with a backslash in Markdown context. Python-Markdown
# takes these backslash escapes (the tables extension adds `|`); a tilde it does not, so it is written
# as a character reference: no extension reads it, and the reader sees "~", not "\~".
_MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|"
_REFERENCES = {"~": "&#126;"}
# A line of nothing but spaces, with its line break: an HTML component keeps none (one raw HTML block).
_BLANK_LINE = re.compile(r"^[^\S\n]*(?:\n|\Z)", re.M)


def _without_blank_lines(text: str) -> str:
    """`text` without its blank lines, in one pass that makes one new string: a list of a large matrix's lines,
    or a second pass, would hold it three times over."""
    return _BLANK_LINE.sub("", text)


def markdown_text(value: str) -> Markup:
    """Plain text made safe inside Markdown: HTML-escaped, Markdown punctuation backslashed.

    Markup (an untranslated-text marker) is already HTML and passes unchanged.
    """
    if isinstance(value, Markup):
        return value
    escaped = str(escape(value))
    return Markup("".join("\\" + ch if ch in _MARKDOWN_SPECIALS else _REFERENCES.get(ch, ch) for ch in escaped))


class CellRow:
    """A matrix row's cells, one per column (for plan_matrix.html.jinja). A cell's HTML depends only on its
    column, state and tier, so each distinct one is rendered once by the template's macro, then reused:
    a large matrix is a hundred thousand cells of a few dozen kinds."""

    def __init__(self, columns: tuple, starts: set[str], render: Any) -> None:
        self.columns, self.starts, self.render = columns, starts, render
        self.seen: dict[tuple[str, str, str], str] = {}

    def __call__(self, t: Translator, feature: Feature) -> Markup:
        out = []
        for plan in self.columns:
            cell = plan.cell(feature)
            key = (plan.id, cell.state, cell.via.id if cell.via else "")
            html = self.seen.get(key)
            if html is None:
                html = self.seen[key] = str(self.render(t, cell, plan, plan.id in self.starts))
            out.append(html)
        return Markup("\n".join(out))


def _environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(enabled_extensions=("jinja",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.globals["group_starts"] = group_starts
    env.globals["cell_row"] = CellRow
    return env


class Renderer:
    """Renders one component template for one language."""

    def __init__(self, catalogue: Catalogue, templates: Path) -> None:
        self.catalogue = catalogue
        self.templates = Path(templates)
        self.env = _environment(templates)
        try:
            self._marker = self.env.get_template("_untranslated.jinja").module.untranslated  # type: ignore[attr-defined]
        except TemplateError as error:
            raise self.located(error, "_untranslated.jinja") from None

    def located(self, error: TemplateError, name: str) -> CatalogueError:
        """A template's error as a problem of its file in macros/, at its line."""
        file, line = name, 1
        if isinstance(error, TemplateSyntaxError):
            file, line = Path(error.filename or name).name, error.lineno or 1
            message = error.message or str(error)
        else:
            frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                      if Path(frame.filename).parent == self.templates]
            if frames:
                file, line = Path(frames[-1].filename).name, frames[-1].lineno or 1
            message = f"{type(error).__name__}: {error}"
        return CatalogueError([Problem(f"{self.templates.name}/{file}", line, 1, "", printable(message))])

    def translator(self, lang: str) -> Translator:
        """The translation function templates get for `lang`."""
        return Translator(self.catalogue, lang, self._untranslated)

    def _untranslated(self, shown: str, text: Text) -> str:
        return self._marker(shown, self.catalogue.source_language, text.id)

    def render_problems(self, problems: list[str]) -> str:
        """The preview's list of catalogue problems (one line each), for the top of every page."""
        try:
            return self.env.get_template("_preview_problems.html.jinja").render(problems=problems)
        except TemplateError as error:  # the banner's own template is broken: say so too, as plain text
            return str(escape("; ".join([*problems, str(self.located(error, "_preview_problems.html.jinja"))])))

    def render_failure(self, problems: list[str]) -> str:
        """The announcement bar a preview adds to the pages of its last good build while a rebuild fails."""
        try:
            return self.env.get_template("_preview_failure.html.jinja").render(problems=problems)
        except TemplateError:
            return self.render_problems(problems)

    def render(self, name: str, lang: str, **context: Any) -> str:
        """Render the template <name>; HTML components come out without blank lines (one raw HTML block)."""
        try:
            template = self.env.get_template(name)
            output = template.render(cat=self.catalogue, t=self.translator(lang), lang=lang, **context)
        except TemplateError as error:
            raise self.located(error, name) from None
        if name.endswith(".html.jinja"):
            output = _without_blank_lines(output)
        return output.strip("\n")
