"""A platform served from the cache: its lists are given as text and read back as tuples."""

from __future__ import annotations

from optout_tui.catalog.model import LIST_SEPARATOR, Platform


class _NoShelf:
    def facts(self, row: int):  # pragma: no cover - never asked here
        raise AssertionError

    actions = origin = facts


def _shelved(domains: str, categories: str, languages: str, aliases: str) -> Platform:
    return Platform.shelved(
        "x", "X", domains, categories, languages, aliases, (1, 1, 5), _NoShelf(), 0
    )


def test_lists_given_as_text_read_back_as_the_items() -> None:
    both = "a.example" + LIST_SEPARATOR + "b.example"
    platform = _shelved(both, "social", "en" + LIST_SEPARATOR + "fr", "")
    assert platform.domains == ("a.example", "b.example")
    assert platform.categories == ("social",)
    assert platform.languages == ("en", "fr")
    assert platform.aliases == ()  # no text: no item (not one empty item)
    assert platform.domains is platform.domains  # split once, then kept


def test_the_same_categories_and_languages_are_one_tuple() -> None:
    one, two = (
        _shelved("", "ai" + LIST_SEPARATOR + "work", "en", ""),
        _shelved("", "ai" + LIST_SEPARATOR + "work", "en", ""),
    )
    assert one.categories == ("ai", "work") and one.categories is two.categories
    assert one.languages is two.languages


def test_a_platform_made_from_tuples_keeps_them() -> None:
    platform = Platform("x", "X", ("x.example",), ("social",), ("en",), (), ("Ex",))
    assert platform.domains == ("x.example",) and platform.aliases == ("Ex",)
    assert platform.categories == ("social",) and platform.languages == ("en",)
