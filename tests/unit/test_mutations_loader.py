"""The loader's checks on a platform file, one per test, so removing any single one fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from optout_tui.catalog import CatalogError
from optout_tui.catalog.loader import MAX_LIST, load_platform
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 3)


def problems(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in EXAMPLE
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    return [p.message for p in caught.value.problems]


def test_the_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert load_platform(path, today=TODAY).id == "example"


@pytest.mark.parametrize(
    "new",
    [
        'name: "Exa\\u202emple"',
        'name: "Exa\\u200bmple"',
        'aliases: ["Sam\\u2066ple"]',
    ],
)
def test_an_invisible_character_in_a_name_or_alias_is_refused(tmp_path: Path, new: str) -> None:
    old = "name: Example [formerly Sample]" if new.startswith("name") else "aliases: [Sample]"
    assert any("bidi overrides and zero-width" in m for m in problems(tmp_path, old, new))


@pytest.mark.parametrize(
    "domain", ["exa_mple.com", "-example.com", "example", "https://example.com", "example..com"]
)
def test_a_domain_that_is_not_a_domain_name_is_refused(tmp_path: Path, domain: str) -> None:
    found = problems(tmp_path, "domains: [example.com]", f'domains: ["{domain}"]')
    assert any("is not a domain name" in m for m in found)


def test_a_list_longer_than_the_cap_is_refused(tmp_path: Path) -> None:
    aliases = ", ".join(f"Alias{n}" for n in range(MAX_LIST + 1))
    found = problems(tmp_path, "aliases: [Sample]", f"aliases: [{aliases}]")
    assert any(f"at most {MAX_LIST}" in m for m in found)


BETA = (EXAMPLE_CATALOG.parent / "screens" / "platforms" / "beta.yaml").read_text(encoding="utf-8")


def beta_problems(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in BETA
    path = tmp_path / "beta.yaml"
    path.write_text(BETA.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    return [p.message for p in caught.value.problems]


def test_beta_loads(tmp_path: Path) -> None:
    path = tmp_path / "beta.yaml"
    path.write_text(BETA, encoding="utf-8")
    assert load_platform(path, today=TODAY).id == "beta"


@pytest.mark.parametrize("broken", ["{{your name.", "your name}}."])
def test_an_unbalanced_blank_in_a_template_is_refused(tmp_path: Path, broken: str) -> None:
    found = beta_problems(tmp_path, "{{your name}}.", broken)
    assert any("unbalanced" in m for m in found)


def test_an_email_address_must_be_one(tmp_path: Path) -> None:
    found = beta_problems(tmp_path, "address: privacy@beta.example", "address: privacy-beta")
    assert any("is not an email address" in m for m in found)


@pytest.mark.parametrize("bad", ["AI-training", "ai_training", "ai--training", "-ai"])
def test_an_action_id_must_be_lowercase_words_and_single_hyphens(tmp_path: Path, bad: str) -> None:
    found = problems(tmp_path, "  - id: ai-training", f"  - id: {bad}")
    assert any("must be lowercase letters, digits and single hyphens" in m for m in found)


def test_only_an_email_surface_has_an_address(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        '      web:\n        available: "yes"\n',
        '      web:\n        available: "yes"\n        address: a@example.com\n',
    )
    assert any("only an email surface has an address" in m for m in found)


def test_only_form_and_email_surfaces_have_a_template(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        '      web:\n        available: "yes"\n',
        '      web:\n        available: "yes"\n        template: "Hi {{name}}"\n',
    )
    assert any("only form and email surfaces have a template" in m for m in found)


def findings(tmp_path: Path, old: str, new: str, today: dt.date = TODAY) -> list[str]:
    from optout_tui.catalog.loader import check_platform

    assert old in EXAMPLE
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLE.replace(old, new, 1), encoding="utf-8")
    return [p.message for p in check_platform(path, today=today)[1]]


def test_set_to_chosen_needs_the_value_to_choose(tmp_path: Path) -> None:
    found = problems(tmp_path, "set_to: unticked", "set_to: chosen")
    assert any("set_to 'chosen' needs a value" in m for m in found)


def test_a_french_text_translated_from_older_english_is_stale(tmp_path: Path) -> None:
    found = findings(tmp_path, "en: Untick the box.", "en: Untick the box now.")
    assert any("the French text is stale" in m for m in found)


def test_an_action_verified_long_ago_is_flagged(tmp_path: Path) -> None:
    from optout_tui.catalog.loader import STALE_AFTER_DAYS

    long_after = dt.date(2026, 11, 24) + dt.timedelta(days=STALE_AFTER_DAYS + 1)
    found = findings(tmp_path, "verified: 2026-11-24", "verified: 2026-11-24", long_after)
    assert any("may be out of date" in m for m in found)
    assert not any(
        "may be out of date" in m
        for m in findings(tmp_path, "verified: 2026-11-24", "verified: 2026-11-24", TODAY)
    )


def test_an_action_id_used_twice_is_refused(tmp_path: Path) -> None:
    start = EXAMPLE.index("  - id: ai-training")
    action = EXAMPLE[start:].rstrip("\n") + "\n"  # the only action runs to the end of the file
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLE.rstrip("\n") + "\n" + action, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    assert any("is used twice" in p.message for p in caught.value.problems)


def test_an_unexpected_failure_reading_a_file_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from optout_tui.catalog import loader

    def boom(path, today, *rest):
        raise RuntimeError("surprise")

    monkeypatch.setattr(loader, "_check_platform", boom)
    platform, found = loader.check_platform(tmp_path / "x.yaml")
    assert platform is None and "could not be read (RuntimeError: surprise)" in found[0].message


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "aliases: [Sample]", "aliases: [Sample]\naliases: [Other]")
    assert any("'aliases' is given twice" in m for m in found)


def test_the_languages_must_include_english(tmp_path: Path) -> None:
    found = problems(tmp_path, "languages: [en, fr]", "languages: [fr]")
    assert any("languages must include en" in m for m in found)


@pytest.mark.parametrize("version, why", [("1", "format 1"), ("3", "format must be 2")])
def test_a_file_of_another_format_is_refused(tmp_path: Path, version: str, why: str) -> None:
    assert any(why in m for m in problems(tmp_path, "format: 2", f"format: {version}"))


def test_a_text_longer_than_the_cap_is_refused(tmp_path: Path) -> None:
    from optout_tui.catalog.loader import MAX_STRING

    found = problems(tmp_path, "name: Example [formerly Sample]", "name: " + "x" * (MAX_STRING + 1))
    assert any(f"(at most {MAX_STRING})" in m for m in found)


def test_a_surface_marked_available_needs_steps(tmp_path: Path) -> None:
    start = EXAMPLE.index("        steps:\n          - id: open-settings")
    end = EXAMPLE.index("      ios:")
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLE[:start] + EXAMPLE[end:], encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    assert any(
        "a surface that is available needs steps" in p.message for p in caught.value.problems
    )


def test_french_without_its_stamp_is_flagged(tmp_path: Path) -> None:
    found = findings(tmp_path, '      fr_from: "dbced14c"\n', "")
    assert any("has no fr_from stamp" in m for m in found)


def test_former_wordings_of_a_text_that_is_no_label_are_not_even_read(tmp_path: Path) -> None:
    """One message says formerly is only for labels; its content is not checked as well."""
    found = problems(
        tmp_path,
        '      fr_from: "dbced14c"\n',
        '      fr_from: "dbced14c"\n      formerly:\n        - en: Old title\n',
    )
    assert any("only a label" in m for m in found)
    assert not any("until" in m for m in found)
