"""Every value the catalog can hold is put into words, in every language (the filter menu
showed `operating-system` and eight other categories as their raw values)."""

from __future__ import annotations

import pytest

from optout_tui.catalog.model import CATEGORIES, KINDS
from optout_tui.i18n import LANGUAGES
from optout_tui.wording import CATEGORY, KIND


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("words", "values"), [(CATEGORY, CATEGORIES), (KIND, KINDS)])
def test_every_category_and_kind_has_words(words, values, lang: str) -> None:
    shown = {value: words.get(value, lang) for value in values}
    assert all(text and text != value for value, text in shown.items()), shown
    assert len(set(shown.values())) == len(values)  # no two alike in a menu


def test_the_french_words_are_french() -> None:
    assert CATEGORY.get("operating-system", "fr") == "Systèmes d'exploitation"
    assert CATEGORY.get("operating-system", "en") == "Operating systems"
