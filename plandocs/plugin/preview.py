"""A preview (`mkdocs serve`) that always answers: a rebuild that fails still lets pages be served.

MkDocs' live-reload server holds every request back while its last rebuild failed ("the server
will appear stuck"). The plugin's own problems never fail a preview's rebuild (they show in the
announcement bar); for anything else that breaks a rebuild, the server's builder is wrapped here:
the failure is logged in one line, the pages of the last good build are served, and each of them
carries a bar saying why it is not newer (the server's two hooks are in plandocs/upstream.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plandocs.errors import printable
from plandocs.upstream import wrap_server


class Failure:
    """The latest rebuild's failure (None once a rebuild succeeds)."""

    line: str | None = None


def keep_answering(server: Any, banner: Callable[[list[str]], str], log: Any) -> Any:
    """Wrap the server's rebuild and page injection so that a failed rebuild leaves pages answering."""
    failure = Failure()

    def guarding(build: Callable) -> Callable:
        def guarded_build(*args: Any, **kwargs: Any) -> None:
            try:
                build(*args, **kwargs)
            except (Exception, SystemExit) as error:
                failure.line = printable(f"the preview could not rebuild the site ({type(error).__name__}: {error}); "
                                         "it shows the last good build until this is fixed")
                log.error(failure.line)
            else:
                failure.line = None
        return guarded_build

    def with_banner(inject: Callable) -> Callable:
        def injected(content: bytes, epoch: int) -> bytes:
            if failure.line is not None:
                start = content.find(b"<body")
                end = content.find(b">", start) + 1 if start != -1 else 0
                content = content[:end] + banner([failure.line]).encode("utf-8") + content[end:]
            return inject(content, epoch)
        return injected

    return wrap_server(server, guarding, with_banner)
