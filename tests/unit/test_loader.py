"""The loader: the model it builds, and the message (file:line:column) for each bad input."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from optout_tui.catalog import CatalogError, load_catalog, load_platform
from optout_tui.paths import bundled_catalog_dir
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str | bytes, name: str = "example.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def problems(path: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_platform(path)
    return [str(p) for p in caught.value.problems]


def test_example_loads_into_the_model() -> None:
    platform = load_platform(EXAMPLE_CATALOG / "platforms" / "example.yaml")
    assert platform.id == "example"
    assert platform.name == "Example [formerly Sample]"
    assert platform.aliases == ("Sample",)
    action = platform.action("ai-training")
    assert action is not None
    assert action.default == "on" and action.future_only is True
    assert action.verified == dt.date(2026, 11, 24)
    web = action.surface("web")
    assert web is not None and web.is_available and web.link == "https://example.com/settings/ai"
    assert [s.id for s in web.steps] == ["open-settings", "untick"]
    setting = web.steps[1].setting
    assert setting is not None and setting.set_to == "unticked"
    assert setting.label.fr == "Autoriser l'entraînement de l'IA"
    assert not setting.label.is_confirmed("fr") and setting.label.is_confirmed("en")
    ios = action.surface("ios")
    assert ios is not None and ios.available == "no" and not ios.steps
    assert action.title.get("fr").startswith("Désactiver")
    assert action.sources[0].published == "2024-07-26"


def test_yaml_one_point_one_booleans_must_be_quoted(tmp_path: Path) -> None:
    # A YAML 1.1 reader takes a plain NO for false and on for true: format 2 refuses both
    # unquoted, so every reader gets the same words; quoted, NO is Norway and "on" a state.
    text = EXAMPLE.replace("regions: [all]", 'regions: [all, "NO"]')
    action = load_platform(write(tmp_path, text)).actions[0]
    assert action.regions == ("all", "NO")
    assert action.default == "on"
    path = write(tmp_path, EXAMPLE.replace("regions: [all]", "regions: [all, NO]"))
    [message] = problems(path)
    assert f"{path}:{line_of(EXAMPLE, '    regions: [all]')}:20:" in message
    assert 'write NO in quotes ("NO")' in message
    path = write(tmp_path, EXAMPLE.replace('default: "on"', "default: on"))
    [message] = problems(path)
    assert 'write on in quotes ("on")' in message and "true/false" in message


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE.replace("kind: ai-training", "kind: [ai-training"))
    [message] = problems(path)
    assert message.startswith(f"{path}:")
    assert "YAML syntax error" in message


def test_missing_required_field_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE.replace("    difficulty: easy\n", ""))
    [message] = problems(path)
    assert f"{path}:{line_of(EXAMPLE, '  - id: ai-training')}:5:" in message
    assert "missing required key 'difficulty'" in message


def test_unknown_key_is_rejected_with_its_position(tmp_path: Path) -> None:
    text = EXAMPLE.replace("    difficulty: easy", "    dificulty: easy")
    found = problems(write(tmp_path, text))
    line = line_of(text, "    dificulty: easy")
    assert any(f":{line}:5:" in m and "unknown key 'dificulty'" in m for m in found)


@pytest.mark.parametrize(
    "url", ["http://example.com/x", "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"]
)
def test_links_must_be_https(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, EXAMPLE.replace("https://example.com/settings/ai", url))
    assert any("must be an https:// link" in m for m in problems(path))


def test_link_must_be_on_the_platform_domain(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        EXAMPLE.replace("https://example.com/settings/ai", "https://evil.example.net/settings"),
    )
    assert any("not one of the platform's domains" in m for m in problems(path))


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE, name="other.yaml")
    assert any("must equal the file name ('other')" in m for m in problems(path))


def test_french_required_when_promised(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "      fr: Si Example peut utiliser vos publications pour entraîner ses modèles d'IA.\n", ""
    )
    assert any("missing the French text" in m for m in problems(write(tmp_path, text)))


def test_duplicate_step_ids(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE.replace("id: untick", "id: open-settings"))
    assert any("step id 'open-settings' is used twice" in m for m in problems(path))


def test_future_dates_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE.replace("verified: 2026-11-24", "verified: 2999-01-01"))
    assert any("is in the future" in m for m in problems(path))


def test_control_characters_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE.replace("Untick the box.", "Untick\x1b[31m the box."))
    assert any("control characters" in m for m in problems(path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("- a\n- b\n", "must be a mapping of keys, not a list"),
        ("just a string\n", "must be a mapping of keys, not a single value"),
        ("a: &x [1]\nb: *x\n", "anchors (&name) are not allowed"),
        ("x: !!python/object/apply:os.system ['touch /tmp/optout-pwned']\n", "is not allowed"),
        ("x: !custom 1\n", "is not allowed"),
        ("[" * 200 + "]" * 200 + "\n", "nesting deeper than"),
        ("a: 1\n---\nb: 2\n", "only one YAML document"),
    ],
)
def test_hostile_or_broken_files_get_a_message(tmp_path: Path, text: str, expected: str) -> None:
    [message] = problems(write(tmp_path, text))
    assert expected in message


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, b"id: x\nname: \xff\xfe\n")
    [message] = problems(path)
    assert f"{path}:2:7:" in message and "not UTF-8" in message


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    start = time.perf_counter()
    [message] = problems(path)
    assert "not allowed" in message
    assert time.perf_counter() - start < 2


def test_catalog_collects_problems_of_every_file(tmp_path: Path) -> None:
    write(tmp_path, "", name="one.yaml")
    write(tmp_path, "- x\n", name="two.yaml")
    with pytest.raises(CatalogError) as caught:
        load_catalog([tmp_path])
    assert {Path(p.path).name for p in caught.value.problems} == {"one.yaml", "two.yaml"}


def test_later_folder_replaces_same_id(tmp_path: Path) -> None:
    (tmp_path / "platforms").mkdir()
    write(
        tmp_path / "platforms",
        EXAMPLE.replace("name: Example [formerly Sample]", "name: Example Local"),
    )
    catalog = load_catalog([EXAMPLE_CATALOG, tmp_path])
    platform = catalog.get("example")
    assert platform is not None and platform.name == "Example Local"
    assert platform.origin.startswith(str(tmp_path))


def test_bundled_catalog_loads() -> None:
    catalog = load_catalog([bundled_catalog_dir()])
    assert catalog.get("x") is not None
    grok = catalog.get("x").action("grok-training")
    assert grok is not None and grok.surface("web").is_available


@pytest.mark.parametrize(
    ("regions", "ok"),
    [
        ("[EU, EEA, GB, CH]", True),
        ("[all, -EU, -NO]", True),
        ("[UK]", False),
        ("[XX]", False),
        ("[eu]", False),
        ("[Europe]", False),
    ],
)
def test_region_codes(tmp_path: Path, regions: str, ok: bool) -> None:
    path = write(tmp_path, EXAMPLE.replace("regions: [all]", f"regions: {regions}"))
    if ok:
        load_platform(path)
    else:
        assert any("must be an ISO 3166 code" in m for m in problems(path))


def test_yaml_type_agrees_with_pyyaml_s_resolvers_on_words_and_sentences() -> None:
    import yaml

    from optout_tui.catalog.loader import yaml_type

    resolver = yaml.resolver.Resolver()
    words = ["yes", "Yes", "YES", "no", "NO", "on", "Off", "true", "TRUE", "false", "False"]
    words += ["FALSE", "null", "Null", "NULL", "~", "1", "1.5", "-3", "2024-05-01", "=", "<<"]
    values = [
        *words,
        *(w + "\n" for w in words),
        *(w + "x" for w in words),
        *(w + "\nx" for w in words),
    ]
    values += ["Falsely", "nullify", "yesterday", "On the page", "Off-Facebook Activity", "to"]
    for value in values:
        tag = resolver.resolve(yaml.ScalarNode, value, (True, False))
        assert yaml_type(value) == tag.rsplit(":", 1)[-1], value
