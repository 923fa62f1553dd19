"""optout profiles, export and import: a helpdesk's people, and progress to take home."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from optout_tui.commands.common import CommandError, load
from optout_tui.i18n import translator


def _store(args: argparse.Namespace, profile: str | None = None):
    from optout_tui.paths import data_dir
    from optout_tui.progress import ProgressStore, StoreError

    try:
        return ProgressStore(data_dir(args.data_dir), profile=profile or args.profile)
    except StoreError as error:
        raise CommandError.wrap(error) from None


def cmd_profiles(args: argparse.Namespace) -> int:
    from optout_tui.progress import StoreError

    store = _store(args)
    try:
        if args.do == "rename":
            if args.old not in store.profiles():
                raise CommandError("no profile named {name!r}", name=args.old)
            store.rename_profile(args.old, args.new)
            print(translator(args.lang).gettext("Renamed {old!r} to {new!r}.").format(
                old=args.old, new=args.new))
        elif args.do == "delete":
            if args.name not in store.profiles():
                raise CommandError("no profile named {name!r}", name=args.name)
            store.delete_profile(args.name)
            print(translator(args.lang).gettext(
                "Deleted {name!r} and erased its progress.").format(name=args.name))
        else:
            for name in store.profiles():
                print(name)
    except StoreError as error:
        raise CommandError.wrap(error) from None
    finally:
        store.close()
    return 0


def _write(text: str, output: str | None, lang: str) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                               prefix=f".{target.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    print(translator(lang).gettext("Wrote {path}").format(path=target), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from optout_tui.progress import export

    store = _store(args)
    try:
        if args.format == "json":
            text = export.to_json(store)
        elif args.format == "md":
            text = export.to_markdown(load(args), store, args.lang)
        else:
            text = export.to_html(load(args), store, args.lang)
    finally:
        store.close()
    try:
        _write(text, args.output, args.lang)
    except OSError as error:
        raise CommandError("could not write {path}: {error}", path=args.output,
                           error=error.strerror) from None
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from optout_tui.progress import StoreError
    from optout_tui.progress.export import merge_json

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError("cannot read {path}: {error}", path=args.file, error=error) from None
    store = _store(args)
    try:
        changed = merge_json(store, text, args.file)
    except StoreError as error:
        raise CommandError.wrap(error) from None
    finally:
        store.close()
    print(translator(args.lang).gettext(
        "Merged into profile {profile!r}: {n} step(s) updated.").format(profile=args.profile,
                                                                         n=changed))
    return 0
