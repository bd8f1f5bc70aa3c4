"""The one error type of the project: problems located in a catalogue file."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalogue, located by file, line, column and key path."""

    file: str
    line: int
    col: int
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return printable(f"{text} (hint: {self.hint})" if self.hint else text)


def printable(text: str) -> str:
    """`text` on one line with every control or format character written as an escape (\\n, \\x1b, \\u202e).

    Anything the catalogue says reaches a terminal through this: an escape sequence in a label
    must not rewrite the writer's screen.
    """
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf")
                   else ch for ch in text)


class CatalogueError(Exception):
    """Raised with every problem found; printing it gives one line per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
