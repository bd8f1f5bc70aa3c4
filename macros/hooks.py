"""MkDocs hooks (mkdocs.yml `hooks:`): preview leniency, per-language words and files, the pseudo language."""

from __future__ import annotations

from mkdocs.plugins import CombinedEvent, event_priority


def on_startup(command, dirty):  # noqa: ANN001, ANN201 - MkDocs types
    """Remember whether this process previews (`mkdocs serve`) or publishes."""
    from plandocs.mkdocs_glue import remember_command

    remember_command(command)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has set up the language being built
def on_config(config):  # noqa: ANN001, ANN201 - MkDocs types
    """Preview leniency; words of Markdown extensions per language; the pseudo language's theme."""
    from plandocs.mkdocs_glue import localise_config, preview_leniency
    from plandocs.mkdocs_pseudo import configure_pseudo_theme

    return configure_pseudo_theme(localise_config(preview_leniency(config)))


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files by language
def _announce_pseudo_pages(files, config):  # noqa: ANN001, ANN202 - MkDocs types
    from plandocs.mkdocs_pseudo import add_pseudo_pages

    return add_pseudo_pages(files, config)


@event_priority(-150)  # after it has sorted them
def _fill_pseudo_pages(files, config):  # noqa: ANN001, ANN202 - MkDocs types
    from plandocs.mkdocs_pseudo import fill_pseudo_pages

    return fill_pseudo_pages(files, config)


# Pseudo-language pages are generated from the source-language pages (only when it builds).
on_files = CombinedEvent(_announce_pseudo_pages, _fill_pseudo_pages)


@event_priority(-100)  # after mkdocs-macros-plugin has rendered the page
def on_page_markdown(markdown, page, config, files):  # noqa: ANN001, ANN201 - MkDocs types
    """Let MkDocs title the page from its rendered first heading, as plain text.

    mkdocs-macros-plugin renders a title written with a macro and pins the result, which is
    Markdown source (with backslash escapes); dropping the pin lets MkDocs take the title from the
    heading it renders, the same text the reader sees there.
    """
    vars(page).pop("title", None)
    return markdown


def on_post_page(output, page, config):  # noqa: ANN001, ANN201 - MkDocs types
    """In a preview, show the catalogue's problems at the top of the page."""
    from plandocs.mkdocs_glue import show_preview_problems

    return show_preview_problems(output, config)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has merged every language's entries
def on_post_build(config) -> None:  # noqa: ANN001 - MkDocs config
    """Per language: its own search index (searches stay in the reader's language) and catalogue.json."""
    from plandocs.postbuild import write_language_files

    write_language_files(config)
