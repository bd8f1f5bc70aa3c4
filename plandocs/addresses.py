"""What a published site's address may be: one rule for the plugin (every build) and for publishing."""

from __future__ import annotations

from urllib.parse import urlsplit

# Characters no address holds as written: they would end an attribute or start markup where it lands.
_NEVER_IN_AN_ADDRESS = "\"'<>`\\{}|^"


def site_url_problem(url: str) -> str | None:
    """Why `url` cannot be a site's address (an absolute http or https URL with a host), or None."""
    if not url:
        return "it is not set"
    if any(ch.isspace() or ch in _NEVER_IN_AN_ADDRESS or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "it holds a space, a quote, a control character or markup, which an address never does"
    try:
        parts = urlsplit(url)
        _ = parts.port  # an invalid port raises here
    except ValueError as error:
        return f"it is not a valid address ({error})"
    if parts.scheme not in ("https", "http"):
        return "it must start with https:// (or http://)"
    if not parts.hostname:
        return "it names no host"
    if parts.username is not None or parts.password is not None:
        return "it holds a user name or password, which would be published on every page"
    if parts.query or parts.fragment:
        return "it holds a query or a fragment; a site's address ends with its path"
    return None
