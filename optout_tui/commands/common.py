"""What the commands share: loading the catalog, finding PLATFORM/ACTION, styling output."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from optout_tui.catalog.model import Catalog, Platform
from optout_tui.i18n import Localised, translator
from optout_tui.paths import (
    UPDATES_STATE,
    bundled_catalog_dir,
    catalog_updates_dir,
    data_dir,
    user_catalog_dir,
)

if TYPE_CHECKING:
    import argparse

    from optout_tui.catalog.actions import Action
    from collections.abc import Callable

    from optout_tui.updates.manifest import CatalogInfo

JSON_FORMAT_VERSION = 1


class CommandError(Localised):
    """A user-facing failure: the message is printed (in the person's language) and `code` is
    the exit status."""

    def __init__(self, message: str, code: int = 1, **values: object) -> None:
        super().__init__(message, **values)
        self.code = code

    @classmethod
    def wrap(cls, error: Localised, code: int = 1) -> CommandError:
        """The same message as `error` (a store's, say), as a command's failure."""
        return cls(error.template, code=code, **error.values)


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
    """The catalog and which one it is (version, date, bundled or update)."""
    catalog, info, _ = load_for_app(args)
    return catalog, info()


def load_for_app(
    args: argparse.Namespace, *, as_last_served: bool = False
) -> tuple[Catalog, Callable[[], CatalogInfo], Callable[[], bool] | None]:
    """The catalog, a function saying which one it is (version, date, bundled or update),
    and the check that its files did not change, when it is to run after the first frame.

    The app asks which catalog it is after its first frame, which needs only the catalog
    (reading the version means reading catalog.toml, and the update's state when there is
    one). With `as_last_served`, the catalog is the one the cache served at the last launch,
    read without looking at the platform files, and the check comes with it (None when the
    catalog was loaded the usual way, its files checked first)."""
    folders = catalog_folders(args.catalog, getattr(args, "data_dir", None))
    confirm = None
    if as_last_served:
        from optout_tui.catalog.cache import load_catalog_unconfirmed

        served = load_catalog_unconfirmed(folders)
        if served is not None:
            (catalog, confirm), base = served, folders[0]
            _warn(args, catalog)
    if confirm is None:
        catalog, base = _load(args, folders)
    bundled = bundled_catalog_dir()
    updates = catalog_updates_dir(data_dir(args.data_dir))

    def info() -> CatalogInfo:
        if base == bundled:
            from optout_tui.updates.manifest import bundled_info

            return bundled_info(bundled)
        from optout_tui.updates.installed import in_use

        return in_use(bundled, updates)

    return catalog, info, confirm


def _load(args: argparse.Namespace, folders: list[Path] | None = None) -> tuple[Catalog, Path]:
    """The catalog, and the folder it is based on (the bundled one, or an update)."""
    from optout_tui.catalog.cache import load_catalog_cached

    if folders is None:
        folders = catalog_folders(args.catalog, getattr(args, "data_dir", None))
    base = folders[0]
    try:
        catalog = load_catalog_cached(folders)
    except Exception as error:  # (the problems module is imported only when there are some)
        from optout_tui.catalog.problems import CatalogError

        if not isinstance(error, CatalogError):
            raise
        details = "\n".join(str(p) for p in error.problems)
        problems = CommandError("the catalog has problems:\n{details}", details=details)
        base = bundled_catalog_dir()
        if folders[0] == base:
            raise problems from None
        try:  # an installed update this version of optout cannot read: the bundled one, then
            catalog = load_catalog_cached([base, *folders[1:]])
        except CatalogError:
            raise problems from None
        _ = translator(getattr(args, "lang", "en")).gettext
        print(
            "optout: "
            + _(
                "the catalog update in {folder} cannot be read by this version "
                "(`optout catalog rollback` removes it); using the bundled "
                "catalog."
            ).format(folder=folders[0]),
            file=sys.stderr,
        )
    _warn(args, catalog)
    return catalog, base


def _warn(args: argparse.Namespace, catalog: Catalog) -> None:
    """Say each of the catalog's notices (an overlay sending a platform's links elsewhere)."""
    _ = translator(getattr(args, "lang", "en")).gettext
    for notice in catalog.notices:
        print("optout: " + _("warning: {notice}").format(notice=notice), file=sys.stderr)


def open_store(args: argparse.Namespace, *, new_allowed: bool = False):
    """The progress store of the person the command is for (--profile, which must exist
    unless `new_allowed`; else the person last worked for; else "default"), saying on stderr
    what happened to it: a damaged file moved aside, or a file that can only be read."""
    from optout_tui.paths import data_dir
    from optout_tui.progress import ProgressStore, StoreError
    from optout_tui.progress.people import choose

    folder = data_dir(args.data_dir)
    try:
        store = ProgressStore(folder)
    except StoreError as error:
        raise CommandError.wrap(error) from None
    try:
        if new_allowed and args.profile is not None:
            store.profile = args.profile
        else:
            store.profile = choose(store, args.profile, folder)
    except StoreError as error:
        store.close()
        raise CommandError.wrap(error) from None
    _ = translator(getattr(args, "lang", "en")).gettext
    if store.moved_aside is not None:
        print(
            "optout: "
            + _(
                "the progress file was damaged; it was moved to {path} and a new one was started"
            ).format(path=store.moved_aside),
            file=sys.stderr,
        )
    if store.read_only is not None:
        print(
            "optout: "
            + _(
                "the progress file {path} can only be read ({why}); nothing will be saved to it"
            ).format(path=store.path, why=store.read_only),
            file=sys.stderr,
        )
    return store


def find(catalog: Catalog, target: str) -> tuple[Platform, Action | None]:
    """PLATFORM or PLATFORM/ACTION; an unknown id gets the closest ids suggested."""
    platform_id, _, action_id = target.partition("/")
    platform = catalog.get(platform_id.strip().lower())
    if platform is None:
        by_name = {p.name.casefold(): p.id for p in catalog.platforms}
        by_name.update({a.casefold(): p.id for p in catalog.platforms for a in p.aliases})
        if platform_id.casefold() in by_name:
            platform = catalog.get(by_name[platform_id.casefold()])
        else:
            from difflib import get_close_matches

            # Names and aliases count too: "twiter" is close to X's alias "Twitter".
            names = {p.id: p.id for p in catalog.platforms}
            names.update({k: v for k, v in by_name.items()})
            found = get_close_matches(platform_id.casefold(), list(names), n=6, cutoff=0.5)
            close = list(dict.fromkeys(names[f] for f in found))[:3]
            if close:
                raise CommandError(
                    "no platform {id!r} in the catalog. Did you mean: {close}? "
                    "(optout list shows them all)",
                    id=platform_id,
                    close=", ".join(close),
                )
            raise CommandError(
                "no platform {id!r} in the catalog. (optout list shows them all)", id=platform_id
            )
    if not action_id:
        return platform, None
    action = platform.action(action_id)
    if action is None:
        ids = [a.id for a in platform.actions]
        from difflib import get_close_matches

        close = get_close_matches(action_id, ids, n=3, cutoff=0.4)
        if close:
            raise CommandError(
                "{platform} has no action {id!r}. Did you mean: {close}? Its actions: {ids}",
                platform=platform.id,
                id=action_id,
                close=", ".join(close),
                ids=", ".join(ids),
            )
        raise CommandError(
            "{platform} has no action {id!r}. Its actions: {ids}",
            platform=platform.id,
            id=action_id,
            ids=", ".join(ids),
        )
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
