"""`optout catalog export --json`: the whole catalog as JSON, for tools that read no YAML.

Every platform with every action in full (the same fields as `optout show --json`), in the
catalog's order, with the catalog format version, so another program never needs a YAML
reader — or to know which YAML words are booleans.
"""

from __future__ import annotations

import argparse
import json
import sys

from optout_tui.catalog.model import FORMAT_VERSION, Catalog
from optout_tui.commands.common import load
from optout_tui.commands.describe import platform_json

EXPORT_VERSION = 1


def catalog_json(catalog: Catalog) -> dict:
    return {
        "format_version": EXPORT_VERSION,
        "catalog_format": FORMAT_VERSION,
        "platforms": [platform_json(p, full=True) for p in catalog.platforms],
    }


def cmd_catalog_export(args: argparse.Namespace) -> int:
    data = catalog_json(load(args))
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return 0
