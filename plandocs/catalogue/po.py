"""Gettext PO files: a strict reader that locates every problem, and a writer that wraps as msgcat does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from plandocs.errors import CatalogueError, Problem

FUZZY = "fuzzy"
WIDTH = 79  # msgcat's default page width

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$')


@dataclass
class Entry:
    """One message: `msgctxt` is the text id, `msgid` the source text, `msgstr` the translation."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    notes: list[str] = field(default_factory=list)  # "#." comments: notes for translators
    references: list[str] = field(default_factory=list)  # "#:" where the source text is written
    flags: list[str] = field(default_factory=list)  # "#," e.g. fuzzy
    comments: list[str] = field(default_factory=list)  # "# " the translator's own comments
    previous_msgid: str | None = None  # "#| msgid": the source text a fuzzy translation was made from
    obsolete: bool = False  # "#~": kept for a text that left the catalogue
    line: int = 0  # where the entry starts in its file
    msgstr_line: int = 0  # where its msgstr starts

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    def with_flags(self, fuzzy: bool) -> Entry:
        flags = [f for f in self.flags if f != FUZZY]
        return replace(self, flags=[FUZZY, *flags] if fuzzy else flags)


@dataclass
class PoFile:
    """A PO file: its header (the entry with an empty msgid) and its messages, in file order."""

    header: Entry
    entries: list[Entry]
    newline: str = "\n"
    header_lines: dict[str, int] = field(default_factory=dict)  # a header field's line, by lower-case name

    def header_line(self, name: str) -> int:
        """The line of a header field in the file (the header's first line when it has no such field)."""
        return self.header_lines.get(name.lower(), self.header.line)

    def header_field(self, name: str) -> str | None:
        """A field of the header, such as 'Language' (None when absent)."""
        for line in self.header.msgstr.split("\n"):
            key, _, value = line.partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return None


def read_po(raw: bytes, display_name: str) -> PoFile:
    """Parse a UTF-8 PO file; any problem becomes a CatalogueError naming the file and line."""
    def fail(line: int, message: str, hint: str | None = None) -> CatalogueError:
        return CatalogueError([Problem(display_name, line, 1, "", message, hint)])

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(raw[: error.start].count(b"\n") + 1, "file is not valid UTF-8",
                   "save it as UTF-8 (Poedit: Catalogue > Properties > Charset)") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    entries: list[Entry] = []
    current: dict = {}
    last_key: str | None = None  # the keyword whose string a continuation line extends

    def finish(number: int) -> None:
        nonlocal current, last_key
        if not current:
            return
        if "msgid" not in current:
            raise fail(current["line"], "an entry without msgid")
        if "msgstr" not in current:
            raise fail(current["line"], "an entry without msgstr (is the file cut off?)")
        entries.append(Entry(msgid=current["msgid"], msgstr=current["msgstr"], msgctxt=current.get("msgctxt"),
                             notes=current.get("notes", []), references=current.get("references", []),
                             flags=current.get("flags", []), comments=current.get("comments", []),
                             previous_msgid=current.get("previous_msgid"), obsolete=current.get("obsolete", False),
                             line=current["line"], msgstr_line=current.get("msgstr_line", current["line"])))
        current, last_key = {}, None

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = stripped[2:].strip()
            if stripped.startswith("#|"):
                stripped = "#|" + stripped[2:]
        if not stripped:
            if not obsolete:
                finish(number)
            continue
        if stripped.startswith("#") and not stripped.startswith("#|"):
            if "msgstr" in current:
                finish(number)
            current.setdefault("line", number)
            kind, body = stripped[:2], stripped[2:].strip()
            if kind == "#.":
                current.setdefault("notes", []).append(body)
            elif kind == "#:":
                current.setdefault("references", []).extend(body.split())
            elif kind == "#,":
                current.setdefault("flags", []).extend(f.strip() for f in body.split(",") if f.strip())
            else:
                current.setdefault("comments", []).append(stripped[1:].strip())
            continue
        previous = stripped.startswith("#|")
        if previous:
            stripped = stripped[2:].strip()
        if stripped.startswith('"'):
            if last_key is None:
                raise fail(number, "a string outside any msgid or msgstr")
            current[last_key] += _unquote(stripped, number, fail)
            continue
        match = _KEYWORD.match(stripped)
        if not match:
            raise fail(number, f"not PO syntax: {stripped[:40]!r}")
        keyword, rest = match.groups()
        if keyword == "msgid_plural" or keyword.startswith("msgstr["):
            raise fail(number, "plural forms are not used by this catalogue", "remove msgid_plural and msgstr[n]")
        if previous:
            if keyword == "msgid":
                last_key = "previous_msgid"
                current.setdefault("line", number)
                current["previous_msgid"] = _unquote(rest, number, fail)
            else:
                last_key = "_previous_" + keyword  # #| msgctxt: read and dropped
                current[last_key] = _unquote(rest, number, fail)
            continue
        if keyword in ("msgctxt", "msgid") and "msgstr" in current:
            finish(number)
        if keyword in current:
            raise fail(number, f"{keyword} written twice in one entry")
        current.setdefault("line", number)
        current["obsolete"] = current.get("obsolete", False) or obsolete
        current[keyword] = _unquote(rest, number, fail)
        if keyword == "msgstr":
            current["msgstr_line"] = number
        last_key = keyword
    finish(len(lines))

    headers = [e for e in entries if e.msgid == "" and e.msgctxt is None and not e.obsolete]
    if not headers:
        raise fail(1, "no header entry (msgid \"\")", "start from a file that `plandocs i18n add` wrote")
    header = headers[0]
    if len(headers) > 1:
        raise fail(headers[1].line, f"a second header entry (msgid \"\"; the first is at line {header.line})",
                   "merge its fields into the first and remove it")
    fields = {}
    for number in range(header.msgstr_line, len(lines) + 1):
        line = lines[number - 1].strip()
        if number == header.msgstr_line:
            line = line.removeprefix("msgstr").strip()
        if not line.startswith('"'):
            break
        name, colon, _ = line[1:].partition(":")
        if colon:
            fields.setdefault(name.strip().lower(), number)
    po = PoFile(header=header, entries=[e for e in entries if e is not header], newline=newline,
                header_lines=fields)
    content_type = po.header_field("Content-Type") or ""
    charset = content_type.partition("charset=")[2].strip().lower()
    if charset not in ("utf-8", "utf8"):
        where = next((n for n, line in enumerate(lines, start=1) if line.startswith('"Content-Type:')), header.line)
        raise fail(where, f"the header declares charset '{charset or '(none)'}'; this catalogue's PO "
                   "files are UTF-8", "set Content-Type: text/plain; charset=UTF-8")
    seen: dict[tuple[str | None, str], int] = {}
    for entry in po.entries:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if entry.msgctxt is not None and (entry.msgctxt, None) in seen:
            raise fail(entry.line, f"text id '{entry.msgctxt}' has two entries (first at line "
                       f"{seen[(entry.msgctxt, None)]})")  # type: ignore[index]
        seen[(entry.msgctxt, None)] = entry.line  # type: ignore[index]
        seen[key] = entry.line
    return po


def _unquote(token: str, number: int, fail) -> str:
    """The value of one quoted PO string, C escapes resolved."""
    token = token.strip()

    def unterminated() -> CatalogueError:
        return fail(number, "a string that does not end with a quote (is the file cut off?)")

    if len(token) < 2 or not token.startswith('"') or not token.endswith('"'):
        raise unterminated()
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            raise fail(number, "an unescaped quote inside a string", 'write it as \\"')
        if ch == "\\":
            if i + 1 >= len(body):
                raise unterminated()  # the closing quote is escaped
            if body[i + 1] not in _ESCAPES:
                raise fail(number, f"unknown escape '\\{body[i + 1:i + 2]}' in a string")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


# -- writing ------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


# Where msgcat may break a long string (Unicode line breaking, as it applies to catalogue texts):
# after a space, and after a hyphen or a slash that is not followed by a digit.
_BREAK = re.compile(r"(?<= )(?=.)|(?<=[-/])(?=[^0-9])")


def _string_lines(keyword: str, text: str, prefix: str = "") -> list[str]:
    """`keyword "text"`, wrapped as msgcat wraps: one line if it fits (or cannot be broken), else an
    empty first string and lines of at most WIDTH characters, broken after each newline and at the
    last break opportunity that fits."""
    escaped = _escape(text)
    single = f'{prefix}{keyword} "{escaped}"'
    segments = [part for part in re.split(r"(?<=\\n)", escaped) if part]
    breakable = len(segments) > 1 or any(_BREAK.search(part) for part in segments)
    if len(single) <= WIDTH and len(segments) <= 1 or not breakable:
        return [single]
    lines = [f'{prefix}{keyword} ""']
    room = WIDTH - len(prefix) - 2  # the quotes
    for segment in segments:
        while len(segment) > room:
            cuts = [m.start() for m in _BREAK.finditer(segment)]
            fitting = [c for c in cuts if c <= room]
            cut = fitting[-1] if fitting else (cuts[0] if cuts else None)
            if cut is None:
                break
            lines.append(f'{prefix}"{segment[:cut]}"')
            segment = segment[cut:]
        if segment:
            lines.append(f'{prefix}"{segment}"')
    return lines


def _entry_lines(entry: Entry) -> list[str]:
    prefix = "#~ " if entry.obsolete else ""
    lines = [f"# {c}".rstrip() for c in entry.comments]
    lines += [f"#. {n}" for n in entry.notes]
    if entry.references and not entry.obsolete:
        lines += _reference_lines(entry.references)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    if entry.previous_msgid is not None and not entry.obsolete:
        lines += _string_lines("msgid", entry.previous_msgid, "#| ")
    if entry.msgctxt is not None:
        lines += _string_lines("msgctxt", entry.msgctxt, prefix)
    lines += _string_lines("msgid", entry.msgid, prefix)
    lines += _string_lines("msgstr", entry.msgstr, prefix)
    return lines


def _reference_lines(references: list[str]) -> list[str]:
    lines: list[str] = []
    for ref in references:
        if lines and len(lines[-1]) + 1 + len(ref) <= WIDTH:
            lines[-1] += " " + ref
        else:
            lines.append("#: " + ref)
    return lines


def write_po(po: PoFile) -> bytes:
    """The file's text, UTF-8, with the line endings it was read with."""
    blocks = [_entry_lines(po.header)] + [_entry_lines(e) for e in po.entries]
    text = "\n\n".join("\n".join(block) for block in blocks) + "\n"
    return text.replace("\n", po.newline).encode("utf-8")
