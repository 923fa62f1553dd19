"""Whose progress: the person last worked for (kept beside the progress), and names checked
before anything is read or written for them. No Textual."""

from __future__ import annotations

from pathlib import Path

from optout_tui.i18n import N_
from optout_tui.progress.store import DEFAULT_PROFILE, ProgressStore, StoreError

LAST_PERSON = "profile"  # the settings key of the person last worked for


class UnknownPerson(StoreError):
    """A profile name that is not in the store (a typo, usually): never read as empty."""


def known(store: ProgressStore) -> list[str]:
    """Every profile name that may be asked for: those with saved progress, and "default"."""
    names = store.profiles()
    return names if DEFAULT_PROFILE in names else [*names, DEFAULT_PROFILE]


def check(store: ProgressStore, name: str) -> None:
    """Raise UnknownPerson, with the closest names, when `name` is not a known profile."""
    names = known(store)
    if name in names:
        return
    from difflib import get_close_matches  # (only for a name that is not there)

    folded = {n.casefold(): n for n in names}
    close = get_close_matches(name.casefold(), list(folded), n=3, cutoff=0.5)
    if close:
        raise UnknownPerson(
            N_("no profile named {name!r}. Did you mean: {close}?"),
            name=name,
            close=", ".join(repr(folded[c]) for c in close),
        )
    raise UnknownPerson(
        N_("no profile named {name!r}. The profiles here: {names}"),
        name=name,
        names=", ".join(repr(n) for n in names),
    )


def last_person(data_dir: Path) -> str | None:
    """The person last worked for in this data folder, if one was saved."""
    from optout_tui.settings import load_settings

    return load_settings(data_dir).get(LAST_PERSON) or None


def remember(data_dir: Path, name: str) -> None:
    """Keep `name` as the person to start with next time (a failure is not fatal)."""
    from optout_tui.settings import save_setting

    try:
        save_setting(data_dir, LAST_PERSON, name)
    except OSError:
        pass


def choose(store: ProgressStore, requested: str | None, data_dir: Path) -> str:
    """The person to work for: the one asked for (which must exist), else the last one used
    (when it still exists), else "default"."""
    if requested is not None:
        check(store, requested)
        return requested
    last = last_person(data_dir)
    if last is not None and last in known(store):
        return last
    return DEFAULT_PROFILE
