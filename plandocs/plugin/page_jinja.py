"""Page Jinja in a sandbox: pages call the catalogue's macros and read its values, and nothing else.

Translators' pages are untrusted input. mkdocs-macros-plugin renders every page through its own
Jinja environment, which can reach Python's internals (`cycler.__init__.__globals__.os`); here it is
replaced by an immutable sandbox in which a page may call only the macros it is given (and Jinja's
own helpers), never a method of the objects it can see, and read no attribute that starts with an
underscore. A page that tries, or that has any other template error, is named with its file and
line: the build fails, and a preview shows the problem at the top of every page.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner, Namespace
from mkdocs.utils.meta import get_data

from plandocs.errors import printable

# Methods a page may call on values: those of plain text, numbers and Jinja's own helpers.
_VALUE_TYPES = (str, int, float, tuple, list, dict, Cycler, Joiner, Namespace)


class PageSandbox(ImmutableSandboxedEnvironment):
    """An immutable Jinja sandbox that calls only the callables it was given, and reports where a page failed."""

    def __init__(self, *, allowed: Iterable[Callable], report: Callable[[Exception, str], None],
                 **options: Any) -> None:
        super().__init__(**options)
        self.allowed = list(allowed)
        self.report = report
        self.source = ""  # the page being rendered, for locating its errors
        self.template_class = _reporting_template(self.template_class)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if any(obj is item or obj == item for item in self.allowed):
            return True
        owner = getattr(obj, "__self__", None)  # a method: only of plain values (a dict subclass is no plain dict)
        return owner is not None and type(owner) in _VALUE_TYPES

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        self.source = source if isinstance(source, str) else ""
        try:
            return super().from_string(source, globals, template_class)
        except Exception as error:
            self.report(error, self.source)
            raise


def _reporting_template(base: type) -> type:
    class ReportingTemplate(base):  # type: ignore[misc, valid-type]
        def render(self, *args: Any, **kwargs: Any) -> str:
            try:
                return super().render(*args, **kwargs)
            except Exception as error:
                self.environment.report(error, getattr(self.environment, "source", ""))
                raise

    return ReportingTemplate


def sandbox(env: Any, allowed: Iterable[Callable], report: Callable[[Exception, str], None]) -> PageSandbox:
    """A sandbox with `env`'s loader, undefined behaviour, delimiters, globals and filters."""
    options = {name: getattr(env, name) for name in (
        "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
        "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
        "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "undefined", "loader")}
    helpers = [value for name, value in DEFAULT_NAMESPACE.items() if callable(value)]  # range, dict, cycler...
    box = PageSandbox(allowed=[*allowed, *helpers], report=report, **options)
    box.globals.update(env.globals)
    box.filters.update(env.filters)
    box.tests.update(env.tests)
    return box


def error_line(error: Exception) -> int | None:
    """The template line an error happened on (1-based), where Jinja knows it."""
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else None


def located(error: Exception, page: Any, markdown: str) -> str:
    """`docs/<page>:<line>: <what went wrong>`, one line, the line counted in the page's file."""
    where = f"docs/{page.file.src_uri}" if page is not None else "a page"
    line = error_line(error)
    offset = 0
    source_path = getattr(page.file, "abs_src_path", None) if page is not None else None
    if source_path and markdown and Path(source_path).is_file():
        # The page's Markdown starts after its front matter: count the lines that come before.
        source = Path(source_path).read_text(encoding="utf-8-sig")
        body, _meta = get_data(source)
        if abs(markdown.count("\n") - body.count("\n")) <= 1:  # the page itself, not its title
            offset = source.count("\n") - body.count("\n")
    at = f"{where}:{line + offset}" if line else where
    if isinstance(error, SecurityError) and "callable" in str(error):
        what = "page code calls something that is not one of the site's macros (hint: pages may call macros " \
               "such as plan_matrix() and read values such as catalogue.contract.months, nothing else)"
    elif isinstance(error, SecurityError):
        what = f"page code may only call the site's macros and read values ({error})"
    else:
        what = f"{type(error).__name__}: {error}"
    return printable(f"{at}: {what}")
