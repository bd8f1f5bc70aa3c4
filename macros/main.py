"""mkdocs-macros entry point: registers the catalogue's macros, nothing else.

The library lives in the `plandocs` package next to this file. It is dropped from
`sys.modules` first so that `mkdocs serve` runs edited code on the next rebuild
(the macros plugin imports this file afresh on every build, but not what it imports).
"""

from __future__ import annotations

import sys


def _forget_plandocs() -> None:
    for name in [n for n in sys.modules if n == "plandocs" or n.startswith("plandocs.")]:
        del sys.modules[name]


def define_env(env) -> None:  # noqa: ANN001 - the macros plugin's environment object
    """Load the catalogue once for this build and register one macro per component."""
    _forget_plandocs()
    from plandocs.mkdocs_glue import load_site, page_language

    site = load_site(env.conf)
    env.variables["catalogue"] = site.catalogue
    for name, macro in site.macros(lambda: page_language(env.page)).items():
        env.macro(macro, name)
