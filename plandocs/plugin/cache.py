"""The loaded catalogue, kept on the plugin across `mkdocs serve` rebuilds and read again only when data/ changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plandocs.errors import CatalogueError, Problem, printable
from plandocs.rendering.components import Site


def _stamp(folder: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()))


@dataclass
class CatalogueCache:
    """The newest good catalogue, and the problems of a newer one that failed to load (while previewing)."""

    data: Path
    templates: Path
    site: Site | None = None
    problems: list[str] = field(default_factory=list)
    _stamp: tuple | None = None
    _templates_stamp: tuple | None = None

    def load(self, *, keep_last_good: bool) -> Site:
        """The catalogue; raises CatalogueError unless `keep_last_good` and a good one was loaded before."""
        stamp = _stamp(self.data)
        templates = _stamp(self.templates)
        if templates != self._templates_stamp and self.site is not None:
            self.site.forget_rendered()  # Jinja reloads a changed template; rendered components are stale
        self._templates_stamp = templates
        if stamp == self._stamp and self.site is not None:
            return self.site
        try:
            site = Site.load(self.data, self.templates)
        except Exception as error:
            failure = error if isinstance(error, CatalogueError) else CatalogueError([Problem(
                f"{self.data.name}/", 1, 1, "", printable(f"internal error while loading the catalogue "
                                                           f"({type(error).__name__}: {error}); please report it"))])
            if not keep_last_good or self.site is None:
                raise failure from None
            self.problems, self._stamp = [str(p) for p in failure.problems], stamp
            return self.site
        self.site, self.problems, self._stamp = site, [], stamp
        return site
