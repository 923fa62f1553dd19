"""optout walk: one step at a time as plain text with a plain prompt.

The accessible path through the whole job (screen readers and braille displays cannot use the
full-screen app), and the way a helpdesk reads steps aloud. Saves to the same progress store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from optout_tui.catalog.model import SURFACE_NAMES, Action, Platform
from optout_tui.commands.common import Styler, find, load
from optout_tui.commands.describe import WORDS, choose_surface, step_lines
from optout_tui.progress import ProgressStore, StepKey, StoreError
from optout_tui.progress.store import DONE, NOT_POSSIBLE

PROMPT = "[d]one  [s]kip  [n]ot possible  [b]ack  [q]uit > "
HELP = ("d = I did this step   s = skip it for now   n = not possible for me (region, plan…)\n"
        "b = back to the previous step   q = quit (what you did is saved)")
STATE_WORDS = {DONE: "✔ done", NOT_POSSIBLE: "✗ not possible", None: "○ to do"}


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

    def run(self) -> int:
        for number, action in enumerate(self.actions, start=1):
            if not self._action(number, action):
                break
        self._summary()
        return 0

    def _action(self, number: int, action: Action) -> bool:
        """Walk one action; False when the person quit."""
        w = WORDS[self.lang]
        self.say("")
        self.say(self.style.bold(f"Action {number} of {len(self.actions)}: "
                                 f"{self.platform.name}: {action.title.get(self.lang)}"))
        self.say(action.controls.get(self.lang))
        surface = choose_surface(action, self.surface)
        if surface is None:
            self.say(f"Nothing is recorded for {self.surface!r} here; "
                     f"available: {', '.join(s.id for s in action.available_surfaces)}")
            return True
        self.say(f"{w['steps_on']} {SURFACE_NAMES[self.lang][surface.id]}.")
        if surface.note:
            self.say(surface.note.get(self.lang))
        if not surface.is_available:
            elsewhere = [SURFACE_NAMES[self.lang][s.id] for s in action.available_surfaces]
            if elsewhere:
                self.say("Not available here. It is available on: " + ", ".join(elsewhere))
            return True
        if surface.link:
            self.say(f"{w['link']}: {surface.link}")
        index = 0
        while 0 <= index < len(surface.steps):
            step = surface.steps[index]
            key = StepKey(self.platform.id, action.id, surface.id, step.id)
            state = self.store.states(self.platform.id).get(key)
            self.say("")
            self.say(f"Step {index + 1} of {len(surface.steps)} ({STATE_WORDS[state]})")
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
                    self.say(f"Not saved: {error}")
                    continue
                self.say("Saved.")
            index += 1
        self._record_if_done(action, surface)
        for caveat in action.caveats:
            self.say(f"! {caveat.get(self.lang)}")
        if action.check:
            self.say(f"{w['check']}: {action.check.get(self.lang)}")
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
                self.say("✔ This action is done.")
            except StoreError as error:
                self.say(f"Not saved: {error}")

    def _answer(self) -> str:
        while True:
            try:
                raw = self.ask(PROMPT)
            except EOFError:
                return "q"
            answer = raw.strip().lower()[:1]
            if answer in ("d", "s", "n", "b", "q"):
                return answer
            self.say(HELP)

    def _summary(self) -> None:
        from optout_tui.progress import action_status

        done = self.store.done_steps(self.platform.id)
        finished = sum(action_status(self.platform.id, a, done).is_done for a in self.actions)
        self.say("")
        self.say(f"{finished} of {len(self.actions)} action(s) done on {self.platform.name}. "
                 f"Progress is saved in {self.store.path}.")


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
