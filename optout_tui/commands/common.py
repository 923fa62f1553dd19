"""What the commands share: loading the catalog, finding PLATFORM/ACTION, styling output."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from optout_tui.catalog.model import Action, Catalog, Platform
from optout_tui.paths import (UPDATES_STATE, bundled_catalog_dir, catalog_updates_dir, data_dir,
                              user_catalog_dir)

if TYPE_CHECKING:
    from optout_tui.updates.manifest import CatalogInfo

JSON_FORMAT_VERSION = 1


class CommandError(Exception):
    """A user-facing failure: the message is printed and `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def catalog_folders(extra: list[str], data: str | None = None) -> list[Path]:
    """The catalog in use (the bundled one, or a newer update installed by `optout catalog
    update` under the data folder), then the user's catalog folder (if any), then each
    --catalog."""
    bundled = bundled_catalog_dir()
    updates = catalog_updates_dir(data_dir(data))
    if (updates / UPDATES_STATE).exists():  # only then is there anything to compare
        from optout_tui.updates.installed import active_folder

        bundled = active_folder(bundled, updates)
    folders = [bundled]
    user = user_catalog_dir()
    if user.is_dir():
        folders.append(user)
    return folders + [Path(p) for p in extra]


def load(args: argparse.Namespace) -> Catalog:
    return _load(args)[0]


def load_with_info(args: argparse.Namespace) -> tuple[Catalog, CatalogInfo]:
    """The catalog and which one it is (version, date, bundled or update): for the app."""
    from optout_tui.updates.installed import in_use
    from optout_tui.updates.manifest import bundled_info

    catalog, base = _load(args)
    bundled = bundled_catalog_dir()
    if base == bundled:
        return catalog, bundled_info(bundled)
    return catalog, in_use(bundled, catalog_updates_dir(data_dir(args.data_dir)))


def _load(args: argparse.Namespace) -> tuple[Catalog, Path]:
    """The catalog, and the folder it is based on (the bundled one, or an update)."""
    from optout_tui.catalog.cache import load_catalog_cached
    from optout_tui.catalog.problems import CatalogError

    folders = catalog_folders(args.catalog, getattr(args, "data_dir", None))
    try:
        return load_catalog_cached(folders), folders[0]
    except CatalogError as error:
        details = "\n".join(str(p) for p in error.problems)
        problems = CommandError(f"the catalog has problems:\n{details}")
    bundled = bundled_catalog_dir()
    if folders[0] == bundled:
        raise problems
    try:  # an installed update this version of optout cannot read: the bundled one, then
        catalog = load_catalog_cached([bundled, *folders[1:]])
    except CatalogError:
        raise problems from None
    print(f"optout: the catalog update in {folders[0]} cannot be read by this version "
          "(`optout catalog rollback` removes it); using the bundled catalog.", file=sys.stderr)
    return catalog, bundled


def find(catalog: Catalog, target: str) -> tuple[Platform, Action | None]:
    """PLATFORM or PLATFORM/ACTION; an unknown id gets the closest ids suggested."""
    platform_id, _, action_id = target.partition("/")
    platform = catalog.get(platform_id.strip().lower())
    if platform is None:
        ids = [p.id for p in catalog.platforms]
        by_name = {p.name.casefold(): p.id for p in catalog.platforms}
        by_name.update({a.casefold(): p.id for p in catalog.platforms for a in p.aliases})
        if platform_id.casefold() in by_name:
            platform = catalog.get(by_name[platform_id.casefold()])
        else:
            from difflib import get_close_matches

            close = get_close_matches(platform_id.lower(), ids, n=3, cutoff=0.5)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise CommandError(f"no platform {platform_id!r} in the catalog.{hint} "
                               "(optout list shows them all)")
    if not action_id:
        return platform, None
    action = platform.action(action_id)
    if action is None:
        ids = [a.id for a in platform.actions]
        from difflib import get_close_matches

        close = get_close_matches(action_id, ids, n=3, cutoff=0.4)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise CommandError(f"{platform.id} has no action {action_id!r}.{hint} "
                           f"Its actions: {', '.join(ids)}")
    return platform, action


class Styler:
    """Bold and dim on a terminal (unless NO_COLOR); nothing at all when piped."""

    def __init__(self, stream=None) -> None:
        stream = stream or sys.stdout
        self.enabled = stream.isatty() and "NO_COLOR" not in os.environ

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)
