"""Catalog format 2: values every YAML reader reads alike, time estimates, renamed labels and
dated changes — loaded, refused with a clear message, shown, searchable, migrated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from optout_tui.catalog import CatalogError, load_platform
from optout_tui.catalog.model import Catalog
from optout_tui.catalog.schema import as_json_value
from optout_tui.catalog.search import SearchIndex
from optout_tui.catalog.yamlnodes import parse
from optout_tui.commands.describe import action_json, action_lines
from optout_tui.commands.common import Styler
from optout_tui.paths import bundled_catalog_dir
from scripts.migrate_format2 import migrate
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 3)

RENAMED_LABEL = """\
              label:
                en: Allow AI training
                fr: Autoriser l'entraînement de l'IA
                unconfirmed: [fr]
                formerly:
                  - en: Let us learn from your posts
                    fr: Apprendre de vos publications
                    until: 2025-06
                  - en: Share posts for research
                    until: 2024-09-15
"""
CHANGES = """\
    changes:
      - date: 2025-06-01
        what:
          en: The switch was renamed.
          fr: Le réglage a été renommé.
      - date: 2024-09
        what:
          en: The switch moved to Privacy.
          fr: Le réglage a été déplacé.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    return [str(p) for p in caught.value.problems]


def with_history(text: str = EXAMPLE) -> str:
    label_block = text[text.index("              label:\n") : text.index("              set_to:")]
    text = text.replace(label_block, RENAMED_LABEL)
    return text.replace("    verified: 2026-11-24\n", CHANGES + "    verified: 2026-11-24\n")


def test_example_has_label_block_and_verified_line() -> None:
    # The helpers above edit these exact lines; fail loudly if the fixture changes shape.
    assert "              label:\n" in EXAMPLE and "    verified: 2026-11-24\n" in EXAMPLE


@pytest.mark.parametrize(
    ("before", "after", "word"),
    [
        ('default: "on"', "default: on", "on"),
        ('available: "yes"', "available: yes", "yes"),
        ("set_to: unticked", "set_to: off", "off"),
        ("regions: [all]", "regions: [all, NO]", "NO"),
        ("  - en: Settings\n", "  - en: 1.5\n", "1.5"),
        ("aliases: [Sample]", "aliases: [Sample, 2024]", "2024"),
    ],
)
def test_plain_values_a_yaml_1_1_reader_changes_are_refused(
    tmp_path: Path, before: str, after: str, word: str
) -> None:
    assert before in EXAMPLE
    [message] = problems(write(tmp_path, EXAMPLE.replace(before, after, 1)))
    assert f'write {word} in quotes ("{word}")' in message


def test_quoted_they_load_as_words(tmp_path: Path) -> None:
    text = EXAMPLE.replace("set_to: unticked", 'set_to: "off"')
    action = load_platform(write(tmp_path, text), today=TODAY).actions[0]
    assert action.surface("web").steps[1].setting.set_to == "off"


@pytest.mark.parametrize(
    "value", ["0", "241", "five", '"2.5"', '"-3"', '"\u00b2"', '"\u0663"', '"\uff15"']
)
def test_minutes_must_be_a_whole_number_of_minutes(tmp_path: Path, value: str) -> None:
    # "²" is a digit to str.isdigit but not to int(); "٣" and "５" are digits to both: only
    # the ASCII digits 0-9 are minutes.
    text = EXAMPLE.replace("minutes: 2", f"minutes: {value}")
    assert any(
        "must be a whole number of minutes from 1 to 240" in m
        for m in problems(write(tmp_path, text))
    )


def test_minutes_written_as_a_plain_decimal_is_refused(tmp_path: Path) -> None:
    text = EXAMPLE.replace("minutes: 2", "minutes: 2.5")
    assert any("minutes: write 2.5 in quotes" in m for m in problems(write(tmp_path, text)))


def test_minutes_is_required_and_loaded(tmp_path: Path) -> None:
    assert load_platform(write(tmp_path, EXAMPLE), today=TODAY).actions[0].minutes == 2
    [message] = problems(write(tmp_path, EXAMPLE.replace("    minutes: 2\n", "")))
    assert "missing required key 'minutes'" in message


def test_format_1_is_refused_with_the_way_to_convert_it(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, EXAMPLE.replace("format: 2", "format: 1")))
    assert "format 1" in message and "migrate_format2.py" in message


def test_renamed_label_and_changes_load(tmp_path: Path) -> None:
    action = load_platform(write(tmp_path, with_history()), today=TODAY).actions[0]
    label = action.surface("web").steps[1].setting.label
    assert [(f.en, f.fr, f.until) for f in label.formerly] == [
        ("Let us learn from your posts", "Apprendre de vos publications", "2025-06"),
        ("Share posts for research", None, "2024-09-15"),
    ]
    assert [(c.date, c.what.en) for c in action.changes] == [
        ("2025-06-01", "The switch was renamed."),
        ("2024-09", "The switch moved to Privacy."),
    ]


def test_former_wording_only_on_labels(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "      en: Turn off AI training on your posts\n",
        "      en: Turn off AI training on your posts\n"
        "      formerly:\n        - en: Old title\n          until: 2025-01\n",
        1,
    )
    assert text != EXAMPLE
    assert any("only a label" in m for m in problems(write(tmp_path, text)))


def test_changes_newest_first_and_dates_not_in_the_future(tmp_path: Path) -> None:
    swapped = with_history().replace("date: 2025-06-01", "date: 2023-01-01")
    assert any("newest change first" in m for m in problems(write(tmp_path, swapped)))
    future = with_history().replace("until: 2025-06", "until: 2027-06")
    assert any("in the future" in m for m in problems(write(tmp_path, future)))
    unknown = with_history().replace("date: 2024-09", "date: unknown")
    assert any("is not a date" in m for m in problems(write(tmp_path, unknown)))


@pytest.mark.parametrize(
    ("lang", "renamed", "heading"),
    [
        (
            "en",
            "renamed in 2025 (formerly “Let us learn from your posts”, “Share posts for research”)",
            "What changed:",
        ),
    ],
)
def test_show_says_renamed_and_what_changed(
    tmp_path: Path, lang: str, renamed: str, heading: str
) -> None:
    platform = load_platform(write(tmp_path, with_history()), today=TODAY)
    action = platform.actions[0]
    lines = action_lines(platform, action, action.surface("web"), lang, Styler(False), today=TODAY)
    text = "\n".join(lines)
    assert renamed in text
    assert heading in lines and "  - 2025-06-01: The switch was renamed." in lines
    data = action_json(action)
    assert data["changes"][0] == {
        "date": "2025-06-01",
        "what": {"en": "The switch was renamed.", "fr": "Le réglage a été renommé."},
    }
    assert data["minutes"] == 2


def test_former_wording_is_searchable(tmp_path: Path) -> None:
    platform = load_platform(write(tmp_path, with_history()), today=TODAY)
    index = SearchIndex(Catalog(platforms=(platform,)))
    hits = index.search("learn from your posts")
    assert hits and hits[0].action is not None and hits[0].action.id == "ai-training"
    assert index.search("zzqx unrelated") == []


def test_migration_quotes_adds_minutes_and_is_idempotent(tmp_path: Path) -> None:
    v1 = (
        EXAMPLE.replace("format: 2", "format: 1")
        .replace('default: "on"', "default: on")
        .replace('available: "yes"', "available: yes")
        .replace("    minutes: 2\n", "")
        .replace("regions: [all]", "regions: [all, -NO]")
    )
    v2 = migrate(v1)
    assert "format: 2" in v2 and 'default: "on"' in v2 and 'available: "yes"' in v2
    assert "    minutes: 2\n" in v2 and "-NO" in v2
    action = load_platform(write(tmp_path, v2), today=TODAY).actions[0]
    assert action.minutes == 2 and action.default == "on"
    assert migrate(v2) == v2


def _dates_as_text(value):
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize(
    "path", sorted((bundled_catalog_dir() / "platforms").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_yaml_reader_reads_the_same_catalog(path: Path) -> None:
    """PyYAML (YAML 1.1) gives the same values as our reader (YAML 1.2 words)."""
    text = path.read_text(encoding="utf-8")
    ours = as_json_value(parse(text))
    theirs = _dates_as_text(yaml.safe_load(text))
    assert json.dumps(theirs, sort_keys=True) == json.dumps(ours, sort_keys=True)
