"""MkDocs side of the pseudo language: generated pages, theme words and site name."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from .i18n import pseudolocalize
from .loader import LanguageSettings, language_settings
from .project import Project
from .pseudo import pseudo_markdown, pseudo_theme_language


def _settings(config: Any) -> LanguageSettings:
    return language_settings(Path(config.config_file_path).parent / "data")


def _pseudo_if_built(config: Any) -> str | None:
    plugin = config.plugins.get("i18n")
    code = _settings(config).pseudo
    if plugin is None or code is None:
        return None
    return code if code in plugin.build_languages else None


def add_pseudo_pages(files: Files, config: Any) -> Files:
    """Announce a pseudo page beside each source-language page (only when the pseudo language builds).

    mkdocs-static-i18n only takes pages from docs_dir and re-creates every File from its path, so
    the pages are announced at a path in docs_dir that is never written, and `fill_pseudo_pages`
    gives them their content once the plugin has sorted the files.
    """
    code = _pseudo_if_built(config)
    if code is None:
        return files
    project = Project(Path(config.config_file_path).parent)
    for stem in project.pages(_settings(config).source):
        uri = project.page_name(stem, code).as_posix()
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, src_dir=config.docs_dir, dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
    return files


def fill_pseudo_pages(files: Files, config: Any) -> Files:
    """Give the announced pseudo pages their content: the source pages, pseudo-localised, in memory."""
    code = _pseudo_if_built(config)
    if code is None:
        return files
    project = Project(Path(config.config_file_path).parent)
    sources = project.pages(_settings(config).source)
    for stem, path in sources.items():
        uri = project.page_name(stem, code).as_posix()
        for file in files:
            if file.src_uri == uri and not Path(file.abs_src_path or "").is_file():
                where = file.abs_src_path
                file.content_string = pseudo_markdown(path.read_text(encoding="utf-8"))
                file.abs_src_path = where  # keep the path other plugins compare with docs_dir
    return files


def configure_pseudo_theme(config: Any) -> Any:
    """While the pseudo language builds: pseudo theme words and site name."""
    plugin = config.plugins.get("i18n")
    code = _pseudo_if_built(config)
    if code is None or plugin.current_language != code:
        return config
    theme_dirs = list(config.theme.dirs)
    english = next(Path(d) / "partials" / "languages" / "en.html" for d in theme_dirs
                   if (Path(d) / "partials" / "languages" / "en.html").is_file())
    generated = Path(tempfile.mkdtemp(prefix="plandocs-pseudo-"))
    target = generated / "partials" / "languages" / f"{code}.html"
    target.parent.mkdir(parents=True)
    target.write_text(pseudo_theme_language(english.read_text(encoding="utf-8"), code), encoding="utf-8")
    config.theme.dirs.insert(0, str(generated))
    config.site_name = pseudolocalize(config.site_name)
    return config

