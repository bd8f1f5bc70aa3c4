"""The plugin's options in mkdocs.yml (`plugins: - plandocs: {...}`)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from plandocs.derive.combinations import SPLIT_ROWS


class PlandocsConfig(base.Config):
    """Typed options; paths are relative to mkdocs.yml."""

    data_dir = c.Type(str, default="data")
    """The catalogue: data/*.yml and data/i18n/*.po."""

    templates_dir = c.Type(str, default="macros")
    """The component templates the page macros render (`{{ plan_matrix() }}` renders plan_matrix.html.jinja)."""

    preview_lenient = c.Type(bool, default=True)
    """Under `mkdocs serve` (without --strict): keep serving the last good catalogue and show problems in the
    pages, instead of stopping. A build, and `serve --strict`, always stop."""

    pseudo = c.Type(bool, default=False)
    """Build the pseudo language of data/languages.yml (accented, longer, bracketed) beside the real ones."""

    split_rows = c.Type(int, default=SPLIT_ROWS)
    """A feature matrix with more rows than this is shown in collapsed parts (the common set, then each
    solution and bundle), each with its own header; deep links keep working."""
