"""Every touch of another package's internals, in one place: the only module that reads or changes what
mkdocs-static-i18n, mkdocs-macros-plugin, MkDocs' preview server and Material for MkDocs keep to themselves.

Each function names what it relies on. `WRITTEN_AGAINST` holds the versions these were written and
tested against; the plugin says in one line at start-up when an installed one differs, and
`tests/test_upstream.py` holds one contract test per package that fails when the behaviour used here
changes. Two touches are not Python and are listed here so that they are found with the rest:
overrides/main.html rewrites Material's `__config` (its `base`, and its `search` worker, which
overrides/assets/javascripts/workers/stemming.js wraps, patching lunr's `Builder.prototype.build`
and `Query.prototype.clause`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# distribution -> the release series (major.minor) this module was written against
WRITTEN_AGAINST = {
    "mkdocs": "1.6",
    "mkdocs-static-i18n": "1.3",
    "mkdocs-macros-plugin": "1.5",
    "mkdocs-material": "9.8",
}


def version_problems() -> list[str]:
    """One line per package whose installed release series is not the one this module was written against."""
    from importlib import metadata  # here: the command line needs it only when a build starts

    lines = []
    for name, series in WRITTEN_AGAINST.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # a plugin that is not installed is not configured either (MkDocs says so itself)
        if ".".join(installed.split(".")[:2]) != series:
            lines.append(f"{name} {installed} is installed; plandocs/upstream.py was written against {series}.x "
                         f"(hint: run `python -m pytest tests/test_upstream.py`, then update WRITTEN_AGAINST)")
    return lines


# -- mkdocs-static-i18n ---------------------------------------------------------------------------
# Builds the site once per language over the same configuration; its plugin object says which language
# is being built (`current_language`, `default_language`) and whether the per-language builds are done
# (`building`); each page's File carries its `locale`; each page's language switcher is set as an
# attribute of `config.extra` (`alternate`), over its key; the search index of every language is merged
# into the default language's, with locations under each language's link.


@dataclass(frozen=True)
class SiteLanguage:
    """One entry of mkdocs-static-i18n's `languages`, as read from its configured plugin."""

    locale: str
    link: str
    default: bool
    build: bool
    theme_language: str | None  # the entry's `theme: {language: ...}`, if any

    @property
    def root(self) -> str:
        """The language's folder in the site, relative to its root ('' for the default language)."""
        return "" if self.default else self.link.strip("/")


def _i18n(config: Any) -> Any:
    return config.plugins.get("i18n")


def has_i18n(config: Any) -> bool:
    return _i18n(config) is not None


def i18n_languages(config: Any) -> list[SiteLanguage]:
    """Every language mkdocs-static-i18n is configured with (none without it)."""
    plugin = _i18n(config)
    return [SiteLanguage(entry.locale, entry.link, bool(entry.default), bool(entry.build),
                         (entry.theme or {}).get("language"))
            for entry in (plugin.config.languages if plugin is not None else [])]


def built_languages(config: Any) -> list[str]:
    """The languages mkdocs-static-i18n builds, or the theme's language without it."""
    if not has_i18n(config):
        return [config.theme["language"]]
    return [lang.locale for lang in i18n_languages(config) if lang.build]


def building_language(config: Any) -> str:
    """The language of the build in progress (mkdocs-static-i18n builds one language at a time)."""
    plugin = _i18n(config)
    if plugin is None:
        return config.theme["language"]
    return plugin.current_language or plugin.default_language


def every_language_built(config: Any) -> bool:
    """True in the outer build, once mkdocs-static-i18n has built every language (or without it)."""
    return not inner_language_build(config)


def inner_language_build(config: Any) -> bool:
    """True while mkdocs-static-i18n builds one of the other languages, inside the outer build (which builds
    the first language, then the others from its end)."""
    return bool(getattr(_i18n(config), "building", False))


def page_language(page: Any) -> str:
    """The language of a page, as mkdocs-static-i18n assigned it to its file."""
    locale = getattr(getattr(page, "file", None), "locale", None)
    if not locale:
        where = getattr(getattr(page, "file", None), "src_uri", "a page")
        raise PluginError(f"{where}: no language assigned (is the i18n plugin configured?)")
    return locale


def set_built(config: Any, locale: str, build: bool) -> None:
    """Build a configured language's site section, or not."""
    plugin = _i18n(config)
    for entry in plugin.config.languages if plugin is not None else []:
        if entry.locale == locale:
            entry["build"] = build


def map_language_names(config: Any, change: Callable[[Any], Any]) -> None:
    """Each configured language's name through `change`, before mkdocs-static-i18n copies the names into the
    language switcher."""
    plugin = _i18n(config)
    for entry in plugin.config.languages if plugin is not None else []:
        if entry.get("name"):
            entry["name"] = change(entry["name"])


def switchers(config: Any) -> Iterator[dict]:
    """The language switcher's entries of the page being built (mkdocs-static-i18n sets them as an attribute
    of `extra`, over its key, which Material reads)."""
    extra = getattr(config, "extra", None)
    if extra is None:
        return
    for switcher in (getattr(extra, "alternate", None), extra.get("alternate")):
        for alternate in switcher or []:
            if isinstance(alternate, dict):
                yield alternate


def language_context(context: dict, config: Any, locale: str) -> None:
    """What mkdocs-static-i18n puts into a page's template context, for a page it does not see (404.html)."""
    context["i18n_config"] = _i18n(config).config
    context["i18n_page_locale"] = locale


def merged_search_index(config: Any) -> Path:
    """The search index that holds every language's documents, once every language is built."""
    return Path(config.site_dir) / "search" / "search_index.json"


# -- mkdocs-macros-plugin ---------------------------------------------------------------------------
# Renders each page's Markdown through its Jinja environment, kept in `_env` (read through `env`), with
# the variables in `variables` as the page's; `page` is the page being rendered; `config["on_error_fail"]`
# decides whether a macro's error fails the build; a title written with a macro is rendered and pinned on
# the page as its `title` attribute. Its `on_config` offers pages variables about the machine that builds
# them (BUILD_MACHINE_VARIABLES), the `git` one from `mkdocs_macros.context.get_git_info`, which runs
# twelve `git` commands on every build (every language's too).

# What a page could publish about the build machine (commit authors' addresses, the clone's path, the
# system's version): pages are untrusted, so they are not given these.
BUILD_MACHINE_VARIABLES = ("git", "environment")


def _no_git_info() -> dict:
    return {"status": False, "date": None}  # the plugin's own answer when no git command succeeds


def skip_git_lookup() -> None:
    """Spare every build the `git` commands whose answers pages are not given; called before mkdocs-macros-plugin's
    on_config. (It replaces the look-up for the whole process: every build in it is a plandocs build.)"""
    from mkdocs_macros import context

    context.get_git_info = _no_git_info


def _macros(config: Any) -> Any:
    plugin = config.plugins.get("macros")
    if plugin is None:
        raise PluginError("plandocs needs mkdocs-macros-plugin: list `macros` under plugins in mkdocs.yml")
    return plugin


@dataclass(frozen=True)
class Macros:
    """mkdocs-macros-plugin, as the plandocs plugin uses it."""

    plugin: Any

    @classmethod
    def of(cls, config: Any) -> Macros:
        return cls(_macros(config))

    def page(self) -> Any:
        """The page being rendered."""
        return self.plugin.page

    def register(self, macros: dict[str, Callable], variables: dict[str, Any]) -> None:
        """Pages get `macros` and `variables`, and none of the BUILD_MACHINE_VARIABLES."""
        for name in BUILD_MACHINE_VARIABLES:
            self.plugin.variables.pop(name, None)
        self.plugin.register_macros(macros)
        self.plugin.register_variables(variables)

    def replace_environment(self, make: Callable[[Any], Any]) -> None:
        """Render pages through `make(the plugin's environment)` from now on."""
        self.plugin._env = make(self.plugin.env)


def keep_previewing_on_macro_errors(config: Any) -> None:
    """A failing macro shows in its page, and the build goes on."""
    plugin = config.plugins.get("macros")
    if plugin is not None:
        plugin.config["on_error_fail"] = False


def unpin_title(page: Any) -> None:
    """Drop the title mkdocs-macros-plugin pinned on the page, so that MkDocs titles it from its rendered
    first heading."""
    vars(page).pop("title", None)


# -- MkDocs' preview server (mkdocs.livereload.LiveReloadServer) ------------------------------------------
# Rebuilds by calling its `builder` attribute, and passes every HTML page it serves through its method
# `_inject_js_into_html(content, epoch)`.


def wrap_server(server: Any, build: Callable[[Callable], Callable], inject: Callable[[Callable], Callable]) -> Any:
    """Replace the server's rebuild with `build(its rebuild)` and its page injection with `inject(its own)`."""
    server.builder = build(server.builder)
    server._inject_js_into_html = inject(server._inject_js_into_html)
    return server


# -- Material for MkDocs ------------------------------------------------------------------------------
# Its templates folder holds a word list per language (partials/languages/<code>.html, whose
# `search.config.lang` names the language search stems in) and lunr's stemmers
# (assets/javascripts/lunr/min/lunr.<code>.min.js); a theme folder's `.icons` holds its icons as SVG files.


@cache
def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def word_list(name: str) -> Path:
    """Material's word list (theme words) of that name, which may not exist."""
    return material_templates() / "partials" / "languages" / f"{name}.html"


def word_list_search_language(name: str) -> str | None:
    """The language search stems in, as word list `name` says (None where it says nothing)."""
    found = re.search(r'"search\.config\.lang":\s*"([^"]+)"', word_list(name).read_text(encoding="utf-8"))
    return found.group(1) if found else None


def has_stemmer(code: str) -> bool:
    """Whether the theme ships lunr's stemmer for language `code`."""
    return (material_templates() / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{code}.min.js").is_file()


def theme_icon(theme_dirs: list[str], name: str) -> str | None:
    """The SVG of icon `name` in the first theme folder that has it, or None."""
    for folder in theme_dirs:
        path = Path(folder) / ".icons" / f"{name}.svg"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None
