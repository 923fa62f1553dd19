"""A catalog served from the cache makes each platform when first asked for, and reads as
the tuple of its platforms; its overall counts are those of the platforms themselves."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest

from optout_tui.catalog.cache import load_catalog_cached
from optout_tui.catalog.filters import Filters, apply
from optout_tui.catalog.model import ShelvedPlatforms
from optout_tui.paths import bundled_catalog_dir
from optout_tui.progress.status import Standing
from optout_tui.progress.store import DONE, NOT_POSSIBLE, StepKey


@pytest.fixture
def served() -> ShelvedPlatforms:
    load_catalog_cached([bundled_catalog_dir()])
    platforms = load_catalog_cached([bundled_catalog_dir()]).platforms
    assert isinstance(platforms, ShelvedPlatforms)
    return platforms


def _made(platforms: ShelvedPlatforms) -> int:
    return sum(p is not None for p in platforms._made)


def test_a_platform_is_made_when_asked_for_and_kept(served: ShelvedPlatforms) -> None:
    assert _made(served) == 0 and len(served) > 100
    first, last = served[0], served[-1]
    assert _made(served) == 2
    assert served[0] is first and served[len(served) - 1] is last
    assert first.id == served.ids[0] and last.id == served.ids[-1]
    assert served.index_of(last.id) == len(served) - 1 and served.index_of("nope") is None
    assert _made(served) == 2  # looking an id up makes nothing
    with pytest.raises(IndexError):
        served[len(served)]


def test_it_reads_as_the_tuple_of_its_platforms(served: ShelvedPlatforms) -> None:
    first = served[3]
    everything = tuple(served)
    assert everything[3] is first  # iterating keeps what was made
    assert [p.id for p in everything] == served.ids
    assert served == everything and everything == served
    assert served[2:5] == everything[2:5] and hash(served) == hash(everything)
    copy = pickle.loads(pickle.dumps(served))
    assert [p.id for p in copy] == served.ids


def test_two_threads_asking_at_once_get_the_same_platforms(served: ShelvedPlatforms) -> None:
    got: list[tuple[object, ...]] = []
    start = threading.Barrier(2)

    def read() -> None:
        start.wait()
        got.append(tuple(served[i] for i in range(len(served))))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(a is b for a, b in zip(*got))
    assert all(a is b for a, b in zip(got[0], served))


def test_the_unfiltered_list_is_the_catalog_itself(served: ShelvedPlatforms) -> None:
    assert apply(served, Filters(sort="name")) is served
    assert _made(served) == 0
    by_priority = apply(served, Filters(sort="priority"))
    assert sorted(p.id for p in by_priority) == sorted(served.ids)


@pytest.mark.parametrize("ticked", [0, 1, 3, 12])
def test_the_overall_counts_are_the_platforms_own(served: ShelvedPlatforms, ticked: int) -> None:
    """Counted from the cache's totals (and the platforms someone has progress on), as
    counted platform by platform."""
    states: dict[StepKey, str] = {}
    everything = tuple(served)
    for number, platform in enumerate([p for p in everything if p.tasks][:ticked]):
        action = next(a for a in platform.actions if a.available_surfaces)
        surface = action.available_surfaces[0]
        for step in surface.steps:
            key = StepKey(platform.id, action.id, surface.id, step.id)
            states[key] = DONE if number % 2 == 0 else NOT_POSSIBLE
    states[StepKey("gone-from-the-catalog", "a", "web", "s")] = DONE
    standing = Standing(states)
    assert standing.overall(served) == standing.overall(list(everything))
    assert (standing.overall(served).finished > 0) == (ticked > 0)
    assert standing.overall(served).tasks == sum(standing.counts(p)[1] for p in everything)


def test_the_catalog_finds_a_platform_by_id_without_making_the_others(
    tmp_path: Path,
) -> None:
    load_catalog_cached([bundled_catalog_dir()])
    catalog = load_catalog_cached([bundled_catalog_dir()])
    platforms = catalog.platforms
    assert isinstance(platforms, ShelvedPlatforms)
    wanted = platforms.ids[7]
    found = catalog.get(wanted)
    assert found is not None and found.id == wanted and found is platforms[7]
    assert catalog.get("no-such-platform") is None
    assert _made(platforms) == 1


def test_made_in_one_pass_or_one_by_one_they_are_the_same(
    served: ShelvedPlatforms, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Iterating makes every platform in one pass (the search reads them all), asking makes
    one: the same values either way."""
    from tests.unit.test_fastpath import shape

    one_by_one = [served[i] for i in range(0, len(served), 2)]  # every other one first
    everything = tuple(served)
    monkeypatch.setattr("optout_tui.catalog.model.ONE_BY_ONE", len(everything) + 1)
    again = load_catalog_cached([bundled_catalog_dir()]).platforms
    assert isinstance(again, ShelvedPlatforms)
    for row, platform in enumerate(everything):
        other = again[row]  # made on its own, every one
        assert shape(platform) == shape(other)
        assert (platform.tasks, platform.task_minutes) == (other.tasks, other.task_minutes)
    assert _made(again) == len(again)
    assert all(a is b for a, b in zip(one_by_one, everything[::2]))


def test_past_a_screenful_asked_one_by_one_the_rest_are_made_in_one_pass(
    served: ShelvedPlatforms,
) -> None:
    """A search's results ask for hundreds by number: past ONE_BY_ONE, the rest are made
    in one pass (five times faster), keeping those already made."""
    from optout_tui.catalog.model import ONE_BY_ONE

    first = [served[i] for i in range(ONE_BY_ONE)]
    assert _made(served) == ONE_BY_ONE
    served[ONE_BY_ONE]
    assert _made(served) == len(served)
    assert all(a is b for a, b in zip(first, served))
