"""optout list, search and show: the catalog as text or JSON, without the app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from optout_tui.catalog.model import Platform
from optout_tui.commands.common import JSON_FORMAT_VERSION, CommandError, Styler, find, load
from optout_tui.i18n import translator
from optout_tui.text import one_line


def _status_filter(args: argparse.Namespace):
    """A predicate on (platform, action) for --status, reading the profile's progress."""
    from optout_tui.commands.common import open_store
    from optout_tui.progress import Standing, StoreError

    store = open_store(args)
    try:
        standing = Standing.read(store, args.recheck_days)
        store.close()
    except StoreError as error:
        raise CommandError.wrap(error) from None

    def keep(platform: Platform, fact) -> bool:
        return standing.state(platform, fact) == args.status

    return keep


def _outside(base: Path):
    """A test of whether a file is outside `base` once every link is followed (as
    `Path(file).resolve().is_relative_to(base)` says), resolving each folder once rather than
    every file's path anew: a file that is not itself a link lies where its folder does."""
    folders: dict[str, bool] = {}

    def outside(file: str) -> bool:
        if os.path.islink(file):
            return not Path(file).resolve().is_relative_to(base)
        folder = os.path.dirname(file)
        if folder not in folders:
            folders[folder] = not Path(folder).resolve().is_relative_to(base)
        return folders[folder]

    return outside


def cmd_list(args: argparse.Namespace) -> int:
    catalog = load(args)
    keep_status = _status_filter(args) if args.status else None
    if args.region:  # (the countries and groups are read only for --region)
        from optout_tui.catalog.regions import COUNTRIES, applies_in

        if args.region.upper() not in COUNTRIES | {"EU", "EEA"}:
            raise CommandError(
                "unknown region {region!r}: give a country code (FR, GB, US…), EU or EEA",
                region=args.region,
                code=2,
            )
    rows: list[tuple[Platform, list]] = []
    for platform in catalog.platforms:  # facts only: no platform's steps are read
        if args.category and args.category not in platform.categories:
            continue
        facts = [
            a
            for a in platform.facts
            if (not args.kind or a.kind == args.kind)
            and (not args.region or applies_in(a.regions, args.region))
            and (keep_status is None or keep_status(platform, a))
        ]
        if facts or not (args.kind or args.region or args.status):
            rows.append((platform, facts))
    if args.json:
        import json

        from optout_tui.commands.describe import platform_json

        print(
            json.dumps(
                {
                    "format_version": JSON_FORMAT_VERSION,
                    "platforms": [platform_json(p, [p.action(f.id) for f in a]) for p, a in rows],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    style = Styler()
    from optout_tui.commands.common import catalog_folders

    base = catalog_folders([], args.data_dir)[0].resolve()
    outside = _outside(base)
    lines: list[str] = []  # written at once: one system call, not one per line
    for platform, actions in rows:  # one line per record, whatever a name holds
        # Where a platform comes from is shown for overlays only (not the catalog in use).
        lines.append(
            style.bold(one_line(platform.name))
            + f"  [{platform.id}]"
            + ("  " + style.dim(one_line(platform.origin)) if outside(platform.origin) else "")
            + "\n"
        )
        lines.extend(
            f"  {platform.id}/{action.id}  {action.kind}  {one_line(action.title.get(args.lang))}\n"
            for action in actions
        )
    sys.stdout.write("".join(lines))
    if not rows:
        print(translator(args.lang).gettext("No platform matches these filters."))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from optout_tui.catalog.search import search

    catalog = load(args)
    hits = search(catalog, args.text, lang=args.lang)
    if args.json:
        import json

        print(
            json.dumps(
                {
                    "format_version": JSON_FORMAT_VERSION,
                    "query": args.text,
                    "hits": [
                        {
                            "platform": h.platform.id,
                            "action": h.action.id if h.action else None,
                            "name": h.platform.name,
                            "title": h.action.title.get(args.lang) if h.action else None,
                            "score": round(h.score, 3),
                        }
                        for h in hits
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0 if hits else 1
    if not hits:
        print(translator(args.lang).gettext("Nothing matches {text!r}.").format(text=args.text))
        return 1
    lines = [  # written at once, as by `list`
        f"{hit.platform.id}  {one_line(hit.platform.name)}\n"
        if hit.action is None
        else f"{hit.platform.id}/{hit.action.id}  {one_line(hit.platform.name)}: "
        f"{one_line(hit.action.title.get(args.lang))}\n"
        for hit in hits
    ]
    sys.stdout.write("".join(lines))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    import json

    from optout_tui.commands.describe import action_lines, choose_surface, platform_json

    catalog = load(args)
    platform, action = find(catalog, args.target)
    actions = [action] if action else list(platform.actions)
    if args.json:
        print(
            json.dumps(
                {
                    "format_version": JSON_FORMAT_VERSION,
                    "platform": platform_json(platform, actions, full=True),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    style = Styler()
    for index, chosen in enumerate(actions):
        surface = choose_surface(chosen, args.surface)
        if args.surface and surface is None:
            print(
                translator(args.lang)
                .gettext("({action}: nothing is recorded for the surface {surface!r})")
                .format(action=chosen.id, surface=args.surface)
            )
        if index:
            print()
        print("\n".join(action_lines(platform, chosen, surface, args.lang, style)))
    return 0


__all__ = ["cmd_list", "cmd_search", "cmd_show"]
