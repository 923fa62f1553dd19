"""`optout validate`: check platform files and report every finding with its position."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from optout_tui.catalog.files import platform_files
from optout_tui.catalog.loader import check_platform
from optout_tui.catalog.model import Catalog, Platform
from optout_tui.catalog.problems import CatalogError, Problem

JSON_FORMAT_VERSION = 1


@dataclass(slots=True)
class Report:
    """What validation found in a set of files."""

    files: int = 0
    findings: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.findings)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.findings)

    def failed(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self) -> str:
        return f"{self.files} file(s) checked: {self.errors} error(s), {self.warnings} warning(s)."

    def as_json(self) -> str:
        return json.dumps(
            {
                "format_version": JSON_FORMAT_VERSION,
                "files": self.files,
                "errors": self.errors,
                "warnings": self.warnings,
                "findings": [
                    {
                        "path": p.path,
                        "line": p.line,
                        "column": p.column,
                        "severity": p.severity,
                        "message": p.message,
                    }
                    for p in self.findings
                ],
            },
            indent=2,
            ensure_ascii=False,
        )


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders as their platform files."""
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(platform_files(path) if path.is_dir() else [path])
        except CatalogError:  # an unreadable folder: validate() reports it
            continue
    return files


def _bundled() -> Catalog | None:
    """The bundled catalog (from the cache), or None when it cannot be loaded."""
    from optout_tui.catalog.cache import load_catalog_cached
    from optout_tui.catalog.problems import CatalogError
    from optout_tui.paths import bundled_catalog_dir

    try:
        return load_catalog_cached([bundled_catalog_dir()])
    except CatalogError:
        return None


def _replaces_bundled(platform: Platform, bundled_catalog: Catalog | None) -> str | None:
    """A warning when `platform` (from a file other than the bundled one) would replace a
    bundled platform with different domains."""
    from optout_tui.catalog.links import replacement_notice

    bundled = bundled_catalog.get(platform.id) if bundled_catalog else None
    if bundled is None or Path(bundled.origin).resolve() == Path(platform.origin).resolve():
        return None
    notice = replacement_notice(bundled, platform)
    return notice.split(": ", 1)[1] if notice else None


def validate(
    paths: Iterable[Path], *, strict: bool = False, today: dt.date | None = None
) -> Report:
    """Check every file; `strict` turns warnings into errors."""
    report = Report()
    seen: dict[str, str] = {}
    bundled: Catalog | None | bool = False  # loaded when the first platform is checked
    paths = list(paths)
    for folder in (p for p in paths if p.is_dir()):
        try:
            found = platform_files(folder)
        except CatalogError as error:  # unreadable: said here, skipped by expand()
            report.findings.extend(error.problems)
            continue
        if not found:
            report.findings.append(
                Problem(str(folder), 1, 1, "no platform files (*.yaml) here or in platforms/")
            )
    for path in expand(paths):
        report.files += 1
        platform, findings = check_platform(path, today=today)
        if strict:
            findings = [Problem(p.path, p.line, p.column, p.message, "error") for p in findings]
        report.findings.extend(findings)
        if platform is not None:
            if bundled is False:
                bundled = _bundled()
            notice = _replaces_bundled(platform, bundled if bundled is not True else None)
            if notice:
                report.findings.append(
                    Problem(str(path), 1, 1, notice, "error" if strict else "warning")
                )
            if platform.id in seen:
                report.findings.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        f"platform id {platform.id!r} is also used by {seen[platform.id]}",
                    )
                )
            seen.setdefault(platform.id, str(path))
    return report
