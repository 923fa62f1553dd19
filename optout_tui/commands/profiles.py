"""optout profiles, export and import: a helpdesk's people, and progress to take home."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from optout_tui.commands.common import CommandError, load, open_store
from optout_tui.i18n import translator


def _store(args: argparse.Namespace, new_allowed: bool = False):
    return open_store(args, new_allowed=new_allowed)


def cmd_profiles(args: argparse.Namespace) -> int:
    from optout_tui.progress import StoreError

    store = _store(args, new_allowed=True)
    try:
        if args.do == "rename":
            if args.old not in store.profiles():
                raise CommandError("no profile named {name!r}", name=args.old)
            store.rename_profile(args.old, args.new)
            print(
                translator(args.lang)
                .gettext("Renamed {old!r} to {new!r}.")
                .format(old=args.old, new=args.new)
            )
        elif args.do == "delete":
            if args.name not in store.profiles():
                raise CommandError("no profile named {name!r}", name=args.name)
            if not (getattr(args, "yes", False) or _confirmed(args)):
                print(translator(args.lang).gettext("Nothing was deleted."))
                return 1
            store.delete_profile(args.name)
            print(
                translator(args.lang)
                .gettext("Deleted {name!r} and erased its progress.")
                .format(name=args.name)
            )
        else:
            from optout_tui.text import one_line

            for name in store.profiles():  # one line each, no escape sequence reaches the terminal
                print(one_line(name))
    except StoreError as error:
        raise CommandError.wrap(error) from None
    finally:
        store.close()
    return 0


def _confirmed(args: argparse.Namespace) -> bool:
    """At a terminal, a clear yes before erasing a person; a script (no terminal) is not
    asked, as before."""
    if not sys.stdin.isatty():
        return True
    _ = translator(args.lang).gettext
    try:
        answer = input(
            _("Erase {name!r} and all its progress for good? Type yes to erase: ").format(
                name=args.name
            )
        )
    except EOFError:
        return False
    return answer.strip().casefold() in {_("yes").casefold(), "yes"}


def _write(text: str, output: str | None, lang: str) -> None:
    from optout_tui.safe_files import write_private

    if output is None or output == "-":
        if sys.stdout.isatty():  # nothing in it may drive the terminal
            from optout_tui.text import clean

            text = clean(text)
        sys.stdout.write(text)
        return
    write_private(Path(output), text)  # 0600, whole or not at all
    print(translator(lang).gettext("Wrote {path}").format(path=output), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from optout_tui.progress import export

    store = _store(args)
    try:
        if args.format == "json":
            text = export.to_json(store)
        elif args.format == "md":
            text = export.to_markdown(load(args), store, args.lang, args.recheck_days)
        else:
            text = export.to_html(load(args), store, args.lang, args.recheck_days)
    finally:
        store.close()
    try:
        _write(text, args.output, args.lang)
    except OSError as error:
        raise CommandError(
            "could not write {path}: {error}", path=args.output, error=error.strerror
        ) from None
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from optout_tui.progress import StoreError
    from optout_tui.progress.export import MAX_IMPORT_BYTES, merge_json
    from optout_tui.safe_files import read_regular

    try:  # a FIFO, a device or a huge file is refused before it is read
        text = read_regular(args.file, MAX_IMPORT_BYTES).decode("utf-8")
    except OSError as error:
        raise CommandError(
            "cannot read {path}: {error}", path=args.file, error=error.strerror
        ) from None
    except UnicodeDecodeError:
        raise CommandError("cannot read {path}: it is not UTF-8 text", path=args.file) from None
    store = _store(args, new_allowed=True)
    try:
        changed = merge_json(store, text, args.file)
    except StoreError as error:
        raise CommandError.wrap(error) from None
    finally:
        store.close()
    print(
        translator(args.lang)
        .gettext("Merged into profile {profile!r}: {n} step(s) updated.")
        .format(profile=args.profile, n=changed)
    )
    return 0
