"""mkdocs-macros entry point: registers the catalogue's macros, nothing else.

The library lives in the `plandocs` package next to this file. When its code has changed
since it was imported, it is dropped from `sys.modules` so that `mkdocs serve` runs the
edited code on the next rebuild (the macros plugin imports this file afresh on every
build, but not what it imports).
"""

from __future__ import annotations

import sys
from pathlib import Path

LIBRARY = Path(__file__).parent / "plandocs"


def _code_stamp() -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in LIBRARY.rglob("*") if p.is_file()))


def _fresh_library() -> None:
    stamp = _code_stamp()
    loaded = sys.modules.get("plandocs")
    if loaded is not None and getattr(loaded, "code_stamp", None) != stamp:
        for name in [n for n in sys.modules if n == "plandocs" or n.startswith("plandocs.")]:
            del sys.modules[name]
    import plandocs

    plandocs.code_stamp = stamp


def define_env(env) -> None:  # noqa: ANN001 - the macros plugin's environment object
    """Load the catalogue (cached until data/ changes) and register one macro per component."""
    _fresh_library()
    from plandocs.mkdocs_glue import load_site, page_language

    site = load_site(env.conf)
    env.variables["catalogue"] = site.catalogue
    for name, macro in site.macros(lambda: page_language(env.page)).items():
        env.macro(macro, name)
