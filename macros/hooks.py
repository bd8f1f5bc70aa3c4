"""MkDocs hooks (mkdocs.yml `hooks:`): per-language search indexes, nothing else."""

from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(-200)  # after mkdocs-static-i18n (-100) has merged every language's entries
def on_post_build(config) -> None:  # noqa: ANN001 - MkDocs config
    """Split the merged search index so that each language searches only its own pages."""
    from plandocs.search_index import split_search_indexes

    split_search_indexes(config)
