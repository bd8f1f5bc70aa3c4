"""The parts of a project outside data/ that the command line touches: mkdocs.yml and docs/."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from plandocs import mkdocs_yml
from plandocs.mkdocs_yml import scalar

# What a build of the site reads: a copy of these is a project of its own (tests, the benchmark).
BUILD_PARTS = ("mkdocs.yml", "data", "docs", "macros", "overrides", "schema")


def copy_project(source: Path, target: Path, parts: tuple[str, ...] = BUILD_PARTS) -> Path:
    """Copy what a build needs (or only `parts` of it) from the project at `source` into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / part, target / part)
    return target


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

    def config(self) -> dict:
        """mkdocs.yml as MkDocs reads it (read again only after it changed)."""
        content = self.config_file.read_text(encoding="utf-8")
        if self._read_config[0] != content:
            self._read_config = (content, mkdocs_yml.read_config(self.config_file))
        return self._read_config[1]

    def site_languages(self) -> list[SiteLanguage]:
        """The languages mkdocs-static-i18n is configured with."""
        settings = mkdocs_yml.i18n_settings(self.config()) or {}
        return [SiteLanguage(lang["locale"], bool(lang.get("default")), lang.get("build", True))
                for lang in settings.get("languages", [])]

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
        """Append `lang` to the i18n plugin's languages in mkdocs.yml (see mkdocs_yml.add_site_language)."""
        mkdocs_yml.add_site_language(self.config_file, lang, name, like, theme_language)

    def page_copy(self, page: Path, source: str, lang: str) -> str:
        """A source page's text as the start of its `lang` page: front matter names the new language."""
        text = page.read_bytes().decode("utf-8")
        text = re.sub(rf"^(uid: .*?)-{re.escape(source)}-", rf"\g<1>-{lang}-", text, count=1, flags=re.M)
        return re.sub(rf"^language: {re.escape(source)}(\r?)$", lambda m: f"language: {scalar(lang)}{m.group(1)}",
                      text, count=1, flags=re.M)
