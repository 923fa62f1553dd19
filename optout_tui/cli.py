"""The `optout` command line: starts the app, or lists and checks the catalog without it.

Textual is imported only inside `run_app`, so the plain commands stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from optout_tui import __version__
from optout_tui.paths import DATA_DIR_ENV, bundled_catalog_dir

EXAMPLES = """\
examples:
  optout                         start the app on the bundled catalog
  optout --data-dir ./visitor    keep progress in ./visitor instead of the usual place
  optout list                    the platforms and their actions, as plain text
  optout validate                check the bundled catalog
  optout validate my-catalog/    check your own platform files
  optout validate --strict --json   warnings count as errors; findings as JSON
  optout stamp catalog/          stamp French texts with the English they translate
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="optout",
        description="A terminal guide through opting out of AI training and data sharing.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"optout {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"where progress is saved (also ${DATA_DIR_ENV}; default: the "
                             "user data folder)")
    parser.add_argument("--catalog", metavar="DIR", action="append", default=[],
                        help="a folder of platform files added on top of the bundled catalog "
                             "(repeatable; same id replaces the bundled platform)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("list", help="list the platforms and their actions")
    validate = commands.add_parser("validate", help="check catalog files and report problems")
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help="platform files or folders (default: the bundled catalog)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--json", action="store_true", help="print the findings as JSON")
    stamp = commands.add_parser("stamp", help="stamp French texts with the English they "
                                              "translate, so later changes show as stale")
    stamp.add_argument("paths", nargs="+", metavar="PATH", help="platform files or folders")
    commands.add_parser("schema", help="print the JSON Schema of a platform file")
    stats = commands.add_parser("stats", help="count platforms and actions, and how well "
                                              "they are sourced, dated and translated")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")
    return parser


def catalog_folders(extra: Sequence[str]) -> list[Path]:
    return [bundled_catalog_dir(), *(Path(p) for p in extra)]


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    from optout_tui.catalog import CatalogError, load_catalog

    try:
        catalog = load_catalog(catalog_folders(args.catalog))
    except CatalogError as error:
        _print_problems(error.problems)
        return 1
    for platform in catalog.platforms:
        print(f"{platform.id}\t{platform.name}")
        for action in platform.actions:
            print(f"  {platform.id}/{action.id}\t{action.kind}\t{action.title.en}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from optout_tui.catalog.validate import validate

    paths = [Path(p) for p in args.paths] or [bundled_catalog_dir()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"optout validate: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    report = validate(paths, strict=args.strict)
    if args.json:
        print(report.as_json())
    else:
        for finding in report.findings:
            print(finding)
        print(report.summary())
    return 1 if report.failed(args.strict) else 0


def cmd_stamp(args: argparse.Namespace) -> int:
    from optout_tui.catalog.stamp import stamp_file
    from optout_tui.catalog.validate import expand
    from optout_tui.catalog.yamlnodes import YamlProblem

    status = 0
    for path in expand(Path(p) for p in args.paths):
        try:
            result = stamp_file(path)
        except (OSError, UnicodeDecodeError, YamlProblem) as error:
            print(f"{path}: not stamped: {error}", file=sys.stderr)
            status = 1
            continue
        note = f" ({result.skipped_flow} in {{…}} style skipped)" if result.skipped_flow else ""
        print(f"{path}: {result.added} stamp(s) added{note}")
    return status


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from optout_tui.catalog import CatalogError, load_catalog
    from optout_tui.catalog.stats import catalog_stats, render

    try:
        catalog = load_catalog(catalog_folders(args.catalog))
    except CatalogError as error:
        _print_problems(error.problems)
        return 1
    stats = catalog_stats(catalog)
    if args.json:
        print(json.dumps({"format_version": 1, **stats.as_dict()}, indent=2))
    else:
        print(render(stats))
    return 0


def run_app(args: argparse.Namespace) -> int:
    from optout_tui.catalog import CatalogError, load_catalog
    from optout_tui.paths import data_dir
    from optout_tui.progress import ProgressStore, StoreError

    try:
        catalog = load_catalog(catalog_folders(args.catalog))
    except CatalogError as error:
        print("optout: the catalog has problems, so the app did not start:", file=sys.stderr)
        _print_problems(error.problems)
        return 1
    try:
        store = ProgressStore(data_dir(args.data_dir))
    except StoreError as error:
        print(f"optout: {error}", file=sys.stderr)
        return 1
    from optout_tui.tui.app import OptOutApp

    try:
        OptOutApp(catalog, store).run()
    finally:
        store.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "list":
        return cmd_list(args)
    if args.command == "validate":
        return cmd_validate(args)
    if args.command == "stamp":
        return cmd_stamp(args)
    if args.command == "stats":
        return cmd_stats(args)
    if args.command == "schema":
        from optout_tui.catalog.schema import schema_text

        sys.stdout.write(schema_text())
        return 0
    return run_app(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
