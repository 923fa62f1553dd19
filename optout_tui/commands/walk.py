"""optout walk: one step at a time as plain text with a plain prompt.

The accessible path through the whole job (screen readers and braille displays cannot use the
full-screen app), and the way a helpdesk reads steps aloud. Saves to the same progress store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from optout_tui.catalog.model import Action, Platform
from optout_tui.commands.common import Styler, find, load
from optout_tui.commands.describe import choose_surface, step_lines
from optout_tui.i18n import N_, translator
from optout_tui.progress import ProgressStore, StepKey, StoreError
from optout_tui.progress.store import DONE, NOT_POSSIBLE
from optout_tui.wording import SURFACE

STATE_WORDS = {DONE: N_("✔ done"), NOT_POSSIBLE: N_("✗ not possible"), None: N_("○ to do")}


class Walk:
    """Walks the steps of some actions, saving each answer at once."""

    def __init__(self, platform: Platform, actions: list[Action], store: ProgressStore,
                 surface: str | None, lang: str, ask: Callable[[str], str],
                 say: Callable[[str], None]) -> None:
        self.platform = platform
        self.actions = actions
        self.store = store
        self.surface = surface
        self.lang = lang
        self.ask = ask
        self.say = say
        self.style = Styler()
        self._ = translator(lang).gettext

    def run(self) -> int:
        for number, action in enumerate(self.actions, start=1):
            if not self._action(number, action):
                break
        self._summary()
        return 0

    def _action(self, number: int, action: Action) -> bool:
        """Walk one action; False when the person quit."""
        _ = self._
        self.say("")
        self.say(self.style.bold(_("Action {n} of {total}: {platform}: {title}").format(
            n=number, total=len(self.actions), platform=self.platform.name,
            title=action.title.get(self.lang))))
        self.say(action.controls.get(self.lang))
        surface = choose_surface(action, self.surface)
        if surface is None:
            self.say(_("Nothing is recorded for {surface!r} here; available: {ids}").format(
                surface=self.surface, ids=", ".join(s.id for s in action.available_surfaces)))
            return True
        self.say(_("Steps on {surface}.").format(surface=SURFACE.get(surface.id, self.lang)))
        if surface.note:
            self.say(surface.note.get(self.lang))
        if not surface.is_available:
            elsewhere = [SURFACE.get(s.id, self.lang) for s in action.available_surfaces]
            if elsewhere:
                self.say(_("Not available here. It is available on: {where}").format(
                    where=", ".join(elsewhere)))
            return True
        if surface.link:
            self.say(_("Link: ") + surface.link)
        index = 0
        while 0 <= index < len(surface.steps):
            step = surface.steps[index]
            key = StepKey(self.platform.id, action.id, surface.id, step.id)
            state = self.store.states(self.platform.id).get(key)
            self.say("")
            self.say(_("Step {n} of {total} ({state})").format(
                n=index + 1, total=len(surface.steps), state=_(STATE_WORDS[state])))
            for line in step_lines(index + 1, step, self.lang):
                self.say(line)
            answer = self._answer()
            if answer == "q":
                return False
            if answer == "b":
                index = max(index - 1, 0)
                continue
            if answer in ("d", "n"):
                try:
                    self.store.set_state(key, DONE if answer == "d" else NOT_POSSIBLE)
                except StoreError as error:
                    self.say(_("Not saved: {error}").format(error=error.text(self.lang)))
                    continue
                self.say(_("Saved."))
            index += 1
        self._record_if_done(action, surface)
        for caveat in action.caveats:
            self.say(f"! {caveat.get(self.lang)}")
        if action.check:
            self.say(_("Check: ") + action.check.get(self.lang))
        return True

    def _record_if_done(self, action: Action, surface) -> None:
        """Remember what a finished action was done against, so changes ask for a re-check."""
        from optout_tui.progress import action_status
        from optout_tui.progress.recheck import snapshot

        done = self.store.done_steps(self.platform.id)
        if action_status(self.platform.id, action, done).is_done:
            try:
                self.store.record_done(self.platform.id, action.id, surface.id,
                                       snapshot(action, surface))
                self.say(self._("✔ This action is done."))
            except StoreError as error:
                self.say(self._("Not saved: {error}").format(error=error.text(self.lang)))

    def _answer(self) -> str:
        while True:
            try:
                raw = self.ask(self._("[d]one  [s]kip  [n]ot possible  [b]ack  [q]uit > "))
            except EOFError:
                return "q"
            answer = raw.strip().lower()[:1]
            if answer in ("d", "s", "n", "b", "q"):
                return answer
            self.say(self._("d = I did this step   s = skip it for now   n = not possible for me "
                            "(region, plan…)\nb = back to the previous step   q = quit (what you "
                            "did is saved)"))

    def _summary(self) -> None:
        from optout_tui.progress import action_status

        done = self.store.done_steps(self.platform.id)
        finished = sum(action_status(self.platform.id, a, done).is_done for a in self.actions)
        self.say("")
        self.say(self._("{n} of {total} action(s) done on {platform}. Progress is saved in "
                        "{path}.").format(n=finished, total=len(self.actions),
                                          platform=self.platform.name, path=self.store.path))


def cmd_walk(args: argparse.Namespace) -> int:
    from optout_tui.commands.common import open_store

    platform, action = find(load(args), args.target)
    actions = [action] if action else list(platform.actions)
    store = open_store(args)
    try:
        return Walk(platform, actions, store, args.surface, args.lang, input,
                    lambda line: print(line, flush=True)).run()
    finally:
        store.close()
