"""The handout stands on its own: steps and partial progress for what is left, region
limits, notes, what was done, what was not possible and why, no-opt-out items apart."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from optout_tui.catalog import load_catalog
from optout_tui.progress import ProgressStore, StepKey
from optout_tui.progress.handout import to_html
from tests.conftest import SCREENS_CATALOG

CATALOG = load_catalog([SCREENS_CATALOG])


def section(page: str, heading: str) -> str:
    """The HTML between an <h2> heading and the next one."""
    match = re.search(rf"<h2>{re.escape(heading)}</h2>(.*?)(?=<h2>|</body>)", page, re.S)
    assert match, heading
    return match.group(1)


def handout(data_dir: Path, lang: str = "en") -> str:
    store = ProgressStore(data_dir, profile="Ada")
    store.set_step(StepKey("alpha", "ai-training", "web", "open-settings"), True)
    store.set_state(StepKey("beta", "object-by-email", "email", "send"), "not-possible")
    store.set_step(StepKey("gamma", "no-opt-out", "web", "delete-chats"), True)
    store.set_note("alpha", "ai-training", "asked her son <b>Tom</b>")
    try:
        return to_html(CATALOG, store, lang, today=dt.date(2026, 12, 3))
    finally:
        store.close()


def test_the_handout_stands_on_its_own(data_dir: Path) -> None:
    page = handout(data_dir)
    # beta is finished (nothing possible), gamma is information only, not a task
    assert "1 of 3 settings done · about 7 minutes left" in page
    todo = section(page, "Still to do")
    assert "Alpha Social: Turn off AI training on your posts" in todo
    assert "Started: 1 of 2 steps done" in todo
    assert "✔ done</span> Open the privacy settings." in todo  # the step, ticked
    assert "“Allow AI training”</span> → untick" in todo  # the label as in the app
    assert "Applies: EU" in todo and "Applies: everywhere" in todo  # region limits
    assert "Your note: asked her son &lt;b&gt;Tom&lt;/b&gt;" in todo  # escaped
    assert "Checked 2026-11-20 against: Alpha Help Center (2026-01-15)" in todo
    assert "Gamma" not in todo and "Beta" not in todo
    impossible = section(page, "Not possible for you")
    assert "Beta Work: Object to AI training by email" in impossible
    assert "every step on Email was marked not possible for you" in impossible
    no_opt_out = section(page, "No opt-out exists")
    assert "Gamma AI: No way to stop training on your chats" in no_opt_out
    assert "What you can do instead:" in no_opt_out


def test_the_handout_in_french(data_dir: Path) -> None:
    page = handout(data_dir, "fr")
    assert '<html lang="fr">' in page and "Guide de refus pour Ada" in page
    assert "Reste à faire" in page and "Still to do" not in page
    assert "Désactiver l&#x27;entraînement de l&#x27;IA sur vos publications" in page
    assert "Impossible pour vous" in page and "Aucun refus possible" in page


def test_the_time_left_reads_in_hours_when_long() -> None:
    from optout_tui.progress.handout import summary
    from optout_tui.progress.status import Overall

    assert summary(Overall(2, 13, 51), "en") == "2 of 13 settings done · about 51 minutes left"
    assert summary(Overall(0, 274, 1023), "en") == "0 of 274 settings done · about 17 hours left"
    assert summary(Overall(1, 1, 0), "en") == "1 of 1 setting done"
    assert (
        summary(Overall(0, 274, 1023), "fr")
        == "0 réglages sur 274 faits · environ 17 heures restantes"
    )
