"""The boundary to MkDocs: catalogue problems become PluginError, translation gaps become warnings."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .errors import CatalogueError, printable
from .i18n import Translator
from .l10n import status
from .project import Project
from .theme import theme_language
from .site import Site

log = get_plugin_logger("plandocs")


_loaded: dict[Path, tuple[tuple, Site]] = {}
# data folder -> (stamp, problems) of the newest catalogue that failed to load, while previewing
_failed: dict[Path, tuple[tuple, list[str]]] = {}


def _data_stamp(data: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in data.rglob("*") if p.is_file()))


def cached_site(config: Any) -> Site:
    """The catalogue next to mkdocs.yml, read again only when a file under data/ has changed.

    A broken catalogue stops a strict build. A preview (`mkdocs serve`) keeps serving the last
    good catalogue instead, logs each problem, and shows them on every page until the next good save.
    """
    data = Path(config.config_file_path).parent / "data"
    stamp = _data_stamp(data)
    if data in _loaded and _loaded[data][0] == stamp:
        _failed.pop(data, None)
        return _loaded[data][1]
    if data in _failed and _failed[data][0] == stamp:
        return _loaded[data][1]
    try:
        site = Site.load(data)
    except Exception as error:  # noqa: BLE001 - see below
        if isinstance(error, CatalogueError):
            lines = [str(problem) for problem in error.problems]
        else:  # a defect of ours: one line, and the preview keeps its last good catalogue
            lines = [printable(f"{data.name}/: internal error while loading the catalogue "
                               f"({type(error).__name__}: {error}); please report it")]
        if not previewing(config) or data not in _loaded:
            raise PluginError(f"the catalogue has {len(lines)} problem(s):\n" + "\n".join(lines)) from None
        for line in lines:
            log.error(line)
        log.error("the preview shows the last good catalogue until these are fixed")
        _failed[data] = (stamp, lines)
        return _loaded[data][1]
    _loaded[data] = (stamp, site)
    _failed.pop(data, None)
    return site


_COMMAND_VARIABLE = "PLANDOCS_MKDOCS_COMMAND"  # survives the reloads of hooks and library in `serve`


def remember_command(command: str) -> None:
    """Record the MkDocs command this process runs (`build`, `serve`, ...)."""
    os.environ[_COMMAND_VARIABLE] = command


def previewing(config: Any) -> bool:
    """True under `mkdocs serve` without --strict: errors are shown in the pages instead of stopping."""
    return os.environ.get(_COMMAND_VARIABLE) == "serve" and not config.strict


def preview_leniency(config: Any) -> Any:
    """While previewing, a failing macro prints its error into the page (and the terminal) and the
    server keeps running; everywhere else it stops the build (mkdocs.yml: on_error_fail: true)."""
    macros = config.plugins.get("macros")
    if macros is not None and previewing(config):
        macros.config["on_error_fail"] = False
    return config


def preview_problems(config: Any) -> list[str]:
    """Problems of the catalogue the preview could not load (empty when it is fine)."""
    data = Path(config.config_file_path).parent / "data"
    return _failed[data][1] if data in _failed else []


def show_preview_problems(output: str, config: Any) -> str:
    """Put the catalogue's problems at the top of a previewed page, so the writer sees them there too."""
    problems = preview_problems(config)
    if not problems:
        return output
    banner = cached_site(config).renderer.env.get_template("_preview_problems.html.jinja").render(problems=problems)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, output, count=1)


def load_site(config: Any) -> Site:
    """Load the catalogue, check the site's languages, report translation gaps."""
    site = cached_site(config)
    catalogue = site.catalogue
    known = set(catalogue.languages) | {catalogue.pseudo_language}
    for lang in site_languages(config):
        if lang not in known:
            raise PluginError(f"mkdocs.yml: plugins.i18n.languages: '{lang}' is not a catalogue language "
                              f"(hint: run `plandocs i18n add {lang}`)")
    check_theme_languages(config)
    if config.strict:
        # Before anything is written: every gap of every language stops a strict build.
        gaps = [line for lang in site_languages(config) for line in translation_gaps(config, site, lang)]
        if gaps:
            raise PluginError(f"{len(gaps)} translation(s) missing or stale:\n" + "\n".join(gaps))
    else:
        for line in translation_gaps(config, site, building_language(config)):
            log.warning(line)
    return site


def check_theme_languages(config: Any) -> None:
    """Each built language needs a theme word list: its own, or one its entry names (`theme: {language: nb}`)."""
    plugin = config.plugins.get("i18n")
    pseudo = cached_site(config).catalogue.pseudo_language
    for entry in plugin.config.languages if plugin is not None else []:
        override = (entry.theme or {}).get("language")
        if not entry.build or entry.locale == pseudo or theme_language(override or entry.locale) == (
                override or entry.locale):
            continue
        known = theme_language(entry.locale)
        hint = f"add `theme: {{language: {known}}}` to its entry" if known else "choose a language the theme knows"
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages: '{override or entry.locale}': the theme has no "
                          f"word list of this name (hint: {hint})")


def translation_gaps(config: Any, site: Site, lang: str) -> list[str]:
    """One line per missing or stale text or page of `lang`, naming file, line, language and id."""
    catalogue = site.catalogue
    if lang not in catalogue.translated_languages:
        return []
    project = Project(Path(config.config_file_path).parent)
    return [str(gap) for gap in status(project, catalogue, lang).gaps]


def localise_config(config: Any) -> Any:
    """Words that the theme and Markdown extensions write into pages, in the language being built.

    The heading permalink's title is ui.yml's `permalink`; a palette toggle's `name` in mkdocs.yml
    is the id of a ui.yml text.
    """
    t = Translator(cached_site(config).catalogue, building_language(config))
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink"):
        toc["permalink_title"] = str(t("permalink"))
    palettes = config.theme.get("palette") or []
    for palette in palettes if isinstance(palettes, list) else [palettes]:
        toggle = palette.get("toggle") or {}
        key = toggle.get("ui") or toggle.get("name")
        if key:
            toggle["ui"] = key  # keep the id: the theme config is reused by every language's build
            toggle["name"] = str(t(key))
    return config


def site_languages(config: Any) -> list[str]:
    """The languages mkdocs-static-i18n builds, or the theme language without it."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return [config.theme["language"]]
    return [lang.locale for lang in plugin.config.languages if lang.build]


def building_language(config: Any) -> str:
    """The language of the build in progress (mkdocs-static-i18n builds one language at a time)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return config.theme["language"]
    return plugin.current_language or plugin.default_language


def page_language(page: Any) -> str:
    """The language of a page, as mkdocs-static-i18n assigned it."""
    locale = getattr(getattr(page, "file", None), "locale", None)
    if not locale:
        where = getattr(getattr(page, "file", None), "src_uri", "a page")
        raise PluginError(f"{where}: no language assigned (is the i18n plugin configured?)")
    return locale
