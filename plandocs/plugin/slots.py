"""Components go round Python-Markdown and the search indexer.

A page macro leaves a placeholder in the page's Markdown instead of its HTML, so that Markdown does
not parse (and MkDocs does not walk) the large tables it cannot change. After Markdown, the
placeholder holds what the search index should see: the component itself, or, for a feature matrix,
its caption and row headings without the cells (a column of "included" is no search entry). In the
written page, that stand-in becomes the component.
"""

from __future__ import annotations

import re
import zlib

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


LARGE = 1 << 16  # characters: a component this long waits compressed


class Slots:
    """The components of the pages being built, between the macro that made them and the written page."""

    def __init__(self) -> None:
        # slot -> (component, search stand-in); a large component compressed: MkDocs renders every page of a
        # language before it writes the first, so a language's components all wait at once
        self.waiting: dict[str, tuple[str | bytes, str]] = {}
        self.count = 0

    def put(self, html: str, search: str) -> str:
        """A placeholder for `html` (a block of its own in the Markdown)."""
        self.count += 1
        slot = str(self.count)
        self.waiting[slot] = (zlib.compress(html.encode("utf-8"), 1) if len(html) > LARGE else html, search)
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

    def for_reader(self, output: str) -> str:
        """The written page with each stand-in replaced by its component (each used once, then let go)."""
        for slot in [s for s in self.waiting if f'<div data-pd-slot="{s}">' in output]:
            html = self.component(slot)
            search = self.waiting.pop(slot)[1]
            output = output.replace(f'<div data-pd-slot="{slot}">{search}</div>', html, 1)
        return output
