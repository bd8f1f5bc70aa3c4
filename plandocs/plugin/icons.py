"""The matrix symbols as the theme's own icons: each state's icon is read from the installed theme and
drawn through a CSS mask in the text colour, so a cell keeps its text glyph (shown when the icon is
not) and its words for screen readers."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from plandocs.upstream import theme_icon

# symbol (the class `pd-icon-<symbol>` in macros/) -> icon of the theme's `.icons` folder
ICONS = {
    "included": "material/check-circle",
    "inherited": "material/check-circle-outline",
    "excluded": "material/minus",
}



def icon_css(theme_dirs: Iterable[str]) -> str:
    """A style sheet drawing each symbol as its icon ('' when the theme has none of them)."""
    folders = list(theme_dirs)
    rules = []
    for symbol, name in ICONS.items():
        svg = theme_icon(folders, name)
        if svg is not None:
            rules.append(f'.pd-icon-{symbol}{{--pd-icon:url("data:image/svg+xml,{quote(svg, safe="")}")}}')
    if not rules:
        return ""
    drawn = ",".join(f".pd-icon-{symbol}" for symbol in ICONS)
    return "".join(rules) + (
        f"{drawn}{{display:inline-block;width:1.25em;height:1.25em;vertical-align:-.25em;"
        "background-color:currentColor;-webkit-mask:var(--pd-icon) center/contain no-repeat;"
        "mask:var(--pd-icon) center/contain no-repeat;overflow:hidden;text-indent:2em;white-space:nowrap}")
