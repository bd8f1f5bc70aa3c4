"""Components go round Python-Markdown and the search indexer.

A page macro leaves a placeholder in the page's Markdown instead of its HTML, so that Markdown does
not parse (and MkDocs does not walk) the large tables it cannot change. After Markdown, the
placeholder holds what the search index should see: the component itself, or, for a feature matrix,
its caption and row headings without the cells (a column of "included" is no search entry). In the
written page, that stand-in becomes the component: a small one in the page MkDocs writes, a large one
in the file MkDocs wrote, streamed into it at the end of the language's build, so that the component
is never whole in memory beside the page and its encoding.
"""

from __future__ import annotations

import os
import re
import secrets
import zlib
from pathlib import Path

from mkdocs.exceptions import PluginError

PLACEHOLDER = re.compile(r'<div data-pd-slot="(\d+)"></div>')
CELL = re.compile(r"<td\b[^>]*>.*?</td>", re.S)
CONTROLS = re.compile(r"<form\b[^>]*>.*?</form>|<ul class=\"pd-legend\".*?</ul>", re.S)


TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


def searchable(html: str, grid: bool) -> str:
    """What the search index should see of a component: of a grid, the words of its caption, headers and
    row headings as one paragraph (no cells, no controls, no markup to parse again)."""
    if not grid:
        return html
    words = TAG.sub(" ", CONTROLS.sub("", CELL.sub("", html)))
    return f"<p>{SPACE.sub(' ', words).strip()}</p>"


LARGE = 1 << 16  # characters: a component this long waits compressed, and is written into its page's file
PIECE = 1 << 16  # bytes of a compressed component unpacked at a time


def _compressed(html: str, step: int = 1024 * 1024) -> bytes:
    """`html` in UTF-8, compressed a megabyte at a time (never encoded whole beside itself)."""
    packer = zlib.compressobj(1)
    parts = [packer.compress(html[start:start + step].encode("utf-8")) for start in range(0, len(html), step)]
    return b"".join(parts) + packer.flush()


class Slots:
    """The components of the pages being built, between the macro that made them and the written page."""

    def __init__(self) -> None:
        # slot -> (component, search stand-in); a large component compressed: MkDocs renders every page of a
        # language before it writes the first, so a language's components all wait at once
        self.waiting: dict[str, tuple[str | bytes, str]] = {}
        self.count = 0
        self.large: list[tuple[str, str]] = []  # (the file of a written page, the slot of its large component)
        self.nonce = secrets.token_hex(8)

    def put(self, html: str, search: str) -> str:
        """A placeholder for `html` (a block of its own in the Markdown)."""
        self.count += 1
        slot = str(self.count)
        self.waiting[slot] = (_compressed(html) if len(html) > LARGE else html, search)
        return f'\n\n<div data-pd-slot="{slot}"></div>\n\n'

    def component(self, slot: str) -> str:
        """The component waiting in `slot`."""
        html = self.waiting[slot][0]
        return html if isinstance(html, str) else zlib.decompress(html).decode("utf-8")

    def for_search(self, content: str) -> str:
        """The page's HTML with each placeholder holding its search stand-in."""
        def stand_in(match: re.Match) -> str:
            slot = match.group(1)
            return f'<div data-pd-slot="{slot}">{self.waiting[slot][1]}</div>' if slot in self.waiting \
                else match.group(0)
        return PLACEHOLDER.sub(stand_in, content)

    def for_reader(self, output: str, written_to: str) -> str:
        """The page MkDocs writes to `written_to`, each stand-in replaced by its component (each used once, then
        let go); a large component's by a marker that `write_large` replaces in the written file."""
        for slot in [s for s in self.waiting if f'<div data-pd-slot="{s}">' in output]:
            html, search = self.waiting[slot]
            stand_in = f'<div data-pd-slot="{slot}">{search}</div>'
            if isinstance(html, bytes):
                output = output.replace(stand_in, self._marker(slot), 1)
                self.large.append((written_to, slot))
            else:
                del self.waiting[slot]
                output = output.replace(stand_in, html, 1)
        return output

    def write_large(self) -> None:
        """Each large component into the file of its page, as MkDocs wrote it, a piece at a time."""
        for written_to, slot in self.large:
            packed = self.waiting.pop(slot)[0]
            page = Path(written_to)
            written, marker = page.read_bytes(), self._marker(slot).encode("ascii")
            at = written.find(marker)
            if at < 0:
                raise PluginError(f"{page}: another plugin removed the place of the page's component")
            temporary = page.with_name(f".{page.name}.{self.nonce}")
            with temporary.open("wb") as out:
                out.write(written[:at])
                unpacker = zlib.decompressobj()
                for start in range(0, len(packed), PIECE):
                    out.write(unpacker.decompress(packed[start:start + PIECE]))
                out.write(unpacker.flush())
                out.write(written[at + len(marker):])
            os.replace(temporary, page)
        self.large.clear()

    def _marker(self, slot: str) -> str:
        # with this build's own random part: no page's text can hold it by chance or by design
        return f"<!--plandocs-{self.nonce}-{slot}-->"
