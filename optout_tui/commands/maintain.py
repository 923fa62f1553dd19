"""optout validate, stamp, schema and stats: tools for the people who keep the catalog."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from optout_tui.commands.common import JSON_FORMAT_VERSION, load
from optout_tui.paths import bundled_catalog_dir


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
        except YamlProblem as error:
            print(f"{path}:{error.line}:{error.column}: not stamped: {error}", file=sys.stderr)
            status = 1
            continue
        except (OSError, UnicodeDecodeError) as error:
            print(f"{path}: not stamped: {error}", file=sys.stderr)
            status = 1
            continue
        note = f" ({result.skipped_flow} in {{…}} style skipped)" if result.skipped_flow else ""
        print(f"{path}: {result.added} stamp(s) added{note}")
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    from optout_tui.catalog.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from optout_tui.catalog.stats import catalog_stats, render

    stats = catalog_stats(load(args))
    if args.json:
        print(json.dumps({"format_version": JSON_FORMAT_VERSION, **stats.as_dict()}, indent=2))
    else:
        print(render(stats))
    return 0
