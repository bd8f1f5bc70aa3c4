"""The parts of a project outside data/ that the command line touches: mkdocs.yml and docs/."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plandocs.catalogue.yamlsource import YList, YMap, parse_yaml_text, read_yaml
from plandocs.files import newline_of, write_atomic

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#{}\[\],\n]*(?<![\s:])$")


def scalar(value: str) -> str:
    """`value` as a one-line YAML scalar that reads back the same in block and flow context.

    Plain only when YAML 1.1 readers (MkDocs, editors) and the catalogue's YAML 1.2 reader agree:
    a language code `no` is written "no", which YAML 1.1 would read as false.
    """
    if _PLAIN.match(value) and ": " not in value and " #" not in value:
        try:
            for doc in (f"k: {value}", f"{{k: {value}}}"):
                if yaml.safe_load(doc) != {"k": value} or parse_yaml_text(doc) != {"k": value}:
                    break
            else:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


class MkDocsConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for facts only: tags such as !ENV are kept as plain values."""


MkDocsConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteLanguage:
    locale: str
    default: bool
    build: bool


@dataclass
class Project:
    """A checkout: mkdocs.yml, data/ and docs/."""

    root: Path
    _read_config: tuple[str | None, dict] = field(default=(None, {}), repr=False, compare=False)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def site_languages(self) -> list[SiteLanguage]:
        """The languages mkdocs-static-i18n is configured with."""
        content = self.config_file.read_text(encoding="utf-8")
        if self._read_config[0] != content:  # parsed again only after mkdocs.yml changed
            self._read_config = (content, yaml.load(content, Loader=MkDocsConfigLoader) or {})
        config = self._read_config[1]
        for plugin in config.get("plugins", []):
            if isinstance(plugin, dict) and "i18n" in plugin:
                return [SiteLanguage(lang["locale"], bool(lang.get("default")), lang.get("build", True))
                        for lang in plugin["i18n"].get("languages", [])]
        return []

    def shipped_languages(self) -> list[str]:
        """Languages the published site builds."""
        return [lang.locale for lang in self.site_languages() if lang.build]

    def default_language(self) -> str:
        return next(lang.locale for lang in self.site_languages() if lang.default)

    def page_name(self, stem: Path, lang: str) -> Path:
        """docs/ file of a page in a language: `x.md` for the default language, `x.<lang>.md` else."""
        return stem.with_name(f"{stem.name}.md" if lang == self.default_language() else f"{stem.name}.{lang}.md")

    def pages(self, lang: str) -> dict[Path, Path]:
        """Page stem (relative to docs/, without language suffix) -> file of that page in `lang`."""
        locales = {language.locale for language in self.site_languages()}
        default = self.default_language()
        result = {}
        for path in sorted(self.docs.rglob("*.md")):
            name, _, suffix = path.name[:-3].rpartition(".")
            stem_name, page_lang = (name, suffix) if name and suffix in locales else (path.name[:-3], default)
            if page_lang == lang:
                result[path.parent.relative_to(self.docs) / stem_name] = path
        return result

    def add_site_language(self, lang: str, name: str, like: str, theme_language: str | None = None) -> None:
        """Append `lang` to the i18n plugin's languages in mkdocs.yml (a copy of `like`'s entry).

        `theme_language` names the theme word list to use where the theme has none of `lang`'s own.
        """
        content = self.config_file.read_bytes().decode("utf-8")
        doc = read_yaml(self.config_file, "mkdocs.yml", local_tags=True)
        plugin = next((p["i18n"] for p in doc.get("plugins", []) if isinstance(p, YMap) and "i18n" in p), None)
        languages = plugin.get("languages") if isinstance(plugin, YMap) else None
        if not isinstance(languages, YList) or not languages:
            raise ValueError("mkdocs.yml: plugins.i18n.languages is missing; add the language there by hand")
        template = next((entry for entry in languages if isinstance(entry, YMap) and entry.get("locale") == like),
                        languages[0])
        indent = " " * (template.mark.col - 3)
        newline = newline_of(content)
        lines = [f"{indent}- locale: {scalar(lang)}", f"{indent}  name: {scalar(name)}", f"{indent}  build: true"]
        for key in ("site_name", "site_description"):
            if key in template:
                lines.append(f"{indent}  {key}: {scalar(str(template[key]))}")
        if theme_language is not None and theme_language != lang:
            lines += [f"{indent}  theme:", f"{indent}    language: {scalar(theme_language)}"]
        last = languages.marks[len(languages) - 1]
        end = content.find("\n", last.end - 1 if content[last.end - 1] == "\n" else last.end)
        end = len(content) if end == -1 else end
        if content[end - 1:end] == "\r":
            end -= 1
        new = content[:end] + newline + newline.join(lines) + content[end:]
        written = yaml.load(new, Loader=MkDocsConfigLoader) or {}  # MkDocs must read back the new entry
        plugin_config = next((p["i18n"] for p in written.get("plugins", []) if isinstance(p, dict) and "i18n" in p), {})
        if not any(entry.get("locale") == lang for entry in plugin_config.get("languages", [])):
            raise ValueError(f"mkdocs.yml: the entry for '{lang}' would not read back; add it by hand")
        write_atomic(self.config_file, new.encode("utf-8"))

    def page_copy(self, page: Path, source: str, lang: str) -> str:
        """A source page's text as the start of its `lang` page: front matter names the new language."""
        text = page.read_bytes().decode("utf-8")
        text = re.sub(rf"^(uid: .*?)-{re.escape(source)}-", rf"\g<1>-{lang}-", text, count=1, flags=re.M)
        return re.sub(rf"^language: {re.escape(source)}(\r?)$", lambda m: f"language: {scalar(lang)}{m.group(1)}",
                      text, count=1, flags=re.M)
