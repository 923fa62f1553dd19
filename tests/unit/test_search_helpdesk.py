"""Search as a helpdesk types it: an exact name first, aliases in suggestions, and words of
a platform and of a setting together."""

from __future__ import annotations

from optout_tui.catalog import load_catalog
from optout_tui.catalog.search import index_for, search
from optout_tui.cli import main
from optout_tui.paths import bundled_catalog_dir

CATALOG = load_catalog([bundled_catalog_dir()])


def test_an_exact_name_comes_first() -> None:
    assert index_for(CATALOG).platforms("X")[0].id == "x"
    assert index_for(CATALOG).platforms("x")[0].id == "x"
    assert search(CATALOG, "X")[0].platform.id == "x"


def test_a_misspelt_alias_is_suggested(capsys) -> None:
    assert main(["show", "twiter"]) == 1
    assert "Did you mean: x" in capsys.readouterr().err


def test_words_of_a_platform_and_of_a_setting_together(capsys) -> None:
    hits = search(CATALOG, "linkedin training")
    assert hits and all(hit.platform.id == "linkedin" for hit in hits)
    assert {hit.action.id for hit in hits if hit.action} >= {"genai-data"}
    assert main(["search", "linkedin training"]) == 0
    assert "linkedin/genai-data" in capsys.readouterr().out
