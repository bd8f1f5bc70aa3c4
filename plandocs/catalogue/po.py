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
    """Parse a UTF-8 PO file; any problem becomes a CatalogueError naming the file and line.

    Stricter than gettext's own tools where a silent reading would lose a translation: a second entry
    for a text id, a second header, a file cut off in an entry, or plural forms are refused.
    """
    reader = _Reader(display_name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise reader.fail(raw[: error.start].count(b"\n") + 1, "file is not valid UTF-8",
                          "save it as UTF-8 (Poedit: Catalogue > Properties > Charset)") from None
    lines = text.replace("\r\n", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        reader.line(number, line)
    reader.finish()
    po = _with_header(reader, lines, "\r\n" if "\r\n" in text else "\n")
    _check_charset(reader, po, lines)
    _check_one_entry_per_text(reader, po)
    return po


class _Reader:
    """Reads a PO file line by line into entries; `current` is the entry being read."""

    def __init__(self, display_name: str) -> None:
        self.display_name = display_name
        self.entries: list[Entry] = []
        self.current: dict = {}
        self.last_key: str | None = None  # the keyword whose string a continuation line extends

    def fail(self, line: int, message: str, hint: str | None = None) -> CatalogueError:
        return CatalogueError([Problem(self.display_name, line, 1, "", message, hint)])

    def finish(self) -> None:
        """The entry being read is complete."""
        current = self.current
        if not current:
            return
        if "msgid" not in current:
            raise self.fail(current["line"], "an entry without msgid")
        if "msgstr" not in current:
            raise self.fail(current["line"], "an entry without msgstr (is the file cut off?)")
        self.entries.append(Entry(
            msgid=current["msgid"], msgstr=current["msgstr"], msgctxt=current.get("msgctxt"),
            notes=current.get("notes", []), references=current.get("references", []),
            flags=current.get("flags", []), comments=current.get("comments", []),
            previous_msgid=current.get("previous_msgid"), obsolete=current.get("obsolete", False),
            line=current["line"], msgstr_line=current.get("msgstr_line", current["line"])))
        self.current, self.last_key = {}, None

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = stripped[2:].strip()
            if stripped.startswith("#|"):
                stripped = "#|" + stripped[2:]
        if not stripped:
            if not obsolete:
                self.finish()
        elif stripped.startswith("#") and not stripped.startswith("#|"):
            self.comment(number, stripped)
        elif stripped.startswith("#|"):
            self.previous(number, stripped[2:].strip())
        elif stripped.startswith('"'):
            self.continuation(number, stripped)
        else:
            self.keyword(number, stripped, obsolete)

    def comment(self, number: int, stripped: str) -> None:
        if "msgstr" in self.current:
            self.finish()
        current = self.current
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

    def continuation(self, number: int, stripped: str) -> None:
        if self.last_key is None:
            raise self.fail(number, "a string outside any msgid or msgstr")
        self.current[self.last_key] += _unquote(stripped, number, self.fail)

    def _keyword_of(self, number: int, stripped: str) -> tuple[str, str]:
        match = _KEYWORD.match(stripped)
        if not match:
            raise self.fail(number, f"not PO syntax: {stripped[:40]!r}")
        keyword, rest = match.groups()
        if keyword == "msgid_plural" or keyword.startswith("msgstr["):
            raise self.fail(number, "plural forms are not used by this catalogue", "remove msgid_plural and msgstr[n]")
        return keyword, rest

    def previous(self, number: int, stripped: str) -> None:
        """A `#|` line: the source text a fuzzy translation was made from (its `#| msgctxt` is dropped)."""
        if stripped.startswith('"'):
            self.continuation(number, stripped)
            return
        keyword, rest = self._keyword_of(number, stripped)
        if keyword == "msgid":
            self.last_key = "previous_msgid"
            self.current.setdefault("line", number)
        else:
            self.last_key = "_previous_" + keyword
        self.current[self.last_key] = _unquote(rest, number, self.fail)

    def keyword(self, number: int, stripped: str, obsolete: bool) -> None:
        keyword, rest = self._keyword_of(number, stripped)
        if keyword in ("msgctxt", "msgid") and "msgstr" in self.current:
            self.finish()
        current = self.current
        if keyword in current:
            raise self.fail(number, f"{keyword} written twice in one entry")
        current.setdefault("line", number)
        current["obsolete"] = current.get("obsolete", False) or obsolete
        current[keyword] = _unquote(rest, number, self.fail)
        if keyword == "msgstr":
            current["msgstr_line"] = number
        self.last_key = keyword


def _with_header(reader: _Reader, lines: list[str], newline: str) -> PoFile:
    """The file, its one header entry apart, with the line of each header field."""
    headers = [e for e in reader.entries if e.msgid == "" and e.msgctxt is None and not e.obsolete]
    if not headers:
        raise reader.fail(1, "no header entry (msgid \"\")", "start from a file that `plandocs i18n add` wrote")
    header = headers[0]
    if len(headers) > 1:
        raise reader.fail(headers[1].line, f"a second header entry (msgid \"\"; the first is at line {header.line})",
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
    return PoFile(header=header, entries=[e for e in reader.entries if e is not header], newline=newline,
                  header_lines=fields)


def _check_charset(reader: _Reader, po: PoFile, lines: list[str]) -> None:
    content_type = po.header_field("Content-Type") or ""
    charset = content_type.partition("charset=")[2].strip().lower()
    if charset not in ("utf-8", "utf8"):
        where = next((n for n, line in enumerate(lines, start=1) if line.startswith('"Content-Type:')),
                     po.header.line)
        raise reader.fail(where, f"the header declares charset '{charset or '(none)'}'; this catalogue's PO "
                          "files are UTF-8", "set Content-Type: text/plain; charset=UTF-8")


def _check_one_entry_per_text(reader: _Reader, po: PoFile) -> None:
    """A text id (msgctxt) has one current entry: a second would silently replace the first's translation."""
    first: dict[str, int] = {}
    for entry in po.entries:
        if entry.obsolete or entry.msgctxt is None:
            continue
        if entry.msgctxt in first:
            raise reader.fail(entry.line, f"text id '{entry.msgctxt}' has two entries (first at line "
                              f"{first[entry.msgctxt]})")
        first[entry.msgctxt] = entry.line


def _unquote(token: str, number: int, fail) -> str:
    """The value of one quoted PO string, C escapes resolved."""
    token = token.strip()

    def unterminated() -> CatalogueError:
        return fail(number, "a string that does not end with a quote (is the file cut off?)")

    if len(token) < 2 or not token.startswith('"') or not token.endswith('"'):
        raise unterminated()
    body, out, i = token[1:-1], [], 0
    if '"' not in body and "\\" not in body:
        return body  # most strings: nothing to resolve, nothing to refuse
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
