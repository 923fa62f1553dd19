"""catalog/schema.json: generated from the spec, up to date, and agreeing with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from optout_tui.catalog.schema import as_json_value, json_schema
from optout_tui.catalog.yamlnodes import parse
from optout_tui.paths import bundled_catalog_dir
from tests.conftest import EXAMPLE_CATALOG, MARKUP_CATALOG

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = jsonschema.Draft202012Validator(json_schema())
FILES = sorted((ROOT / "catalog" / "platforms").glob("*.yaml")) + [
    EXAMPLE_CATALOG / "platforms" / "example.yaml",
    MARKUP_CATALOG / "platforms" / "markup.yaml",
]


def test_committed_schema_is_up_to_date() -> None:
    committed = json.loads((ROOT / "catalog" / "schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: optout schema > catalog/schema.json"


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_catalog_files_pass_the_schema(path: Path) -> None:
    data = as_json_value(parse(path.read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    text = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
    data = as_json_value(parse(text.replace("    difficulty: easy", "    dificulty: easy")))
    messages = [e.message for e in VALIDATOR.iter_errors(data)]
    assert any("dificulty" in m for m in messages)


def test_platform_files_name_the_schema() -> None:
    for path in sorted(Path(bundled_catalog_dir(), "platforms").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema.json", path.name
