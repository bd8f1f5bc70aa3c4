"""MkDocs side of the pseudo language: its pages (the source pages, pseudo-localised) and its theme words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.structure.files import File, Files

from plandocs.project import Project
from plandocs.theme import theme_language
from plandocs.translation.lookup import pseudolocalize
from plandocs.translation.pseudo import pseudo_markdown

THEME_PARTIAL = Path(__file__).with_name("pseudo_language.html")


def add_pseudo_pages(files: Files, config: Any, project: Project, source: str, code: str) -> Files:
    """Announce a pseudo page beside each source-language page.

    mkdocs-static-i18n only takes pages from docs_dir and re-creates every File from its path, so
    the pages are announced at a path in docs_dir that is never written, and `fill_pseudo_pages`
    gives them their content once the plugin has sorted the files.
    """
    for stem in project.pages(source):
        uri = project.page_name(stem, code).as_posix()
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, src_dir=config.docs_dir, dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
    return files


def fill_pseudo_pages(files: Files, project: Project, source: str, code: str) -> Files:
    """Give the announced pseudo pages their content: the source pages, pseudo-localised, in memory."""
    for stem, path in project.pages(source).items():
        uri = project.page_name(stem, code).as_posix()
        for file in files:
            if file.src_uri == uri and not Path(file.abs_src_path or "").is_file():
                where = file.abs_src_path
                file.content_string = pseudo_markdown(path.read_text(encoding="utf-8"))
                file.abs_src_path = where  # keep the path other plugins compare with docs_dir
    return files


def serve_theme_words(env: Environment, source: str, code: str) -> None:
    """Let the theme find partials/languages/<code>.html: the source language's words, pseudo-localised."""
    env.loader = ChoiceLoader([DictLoader({f"partials/languages/{code}.html": THEME_PARTIAL.read_text(
        encoding="utf-8")}), env.loader])
    env.globals["plandocs_pseudo"] = {"code": code,
                                      "source": f"partials/languages/{theme_language(source) or source}.html"}
    env.filters["plandocs_pseudolocalize"] = pseudolocalize
