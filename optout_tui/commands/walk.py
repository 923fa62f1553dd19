"""optout walk: one step at a time as plain text with a plain prompt.

The accessible path through the whole job (screen readers and braille displays cannot use the
full-screen app), and the way a helpdesk reads steps aloud. Saves to the same progress store.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from optout_tui.catalog.model import SURFACE_NAMES, Action, Platform, Surface, blanks
from optout_tui.commands.common import CommandError, Styler, find, load
from optout_tui.commands.describe import WORDS, choose_surface, step_lines
from optout_tui.progress import (ActionState, ProgressStore, Standing, StepKey, StoreError,
                                 is_task)
from optout_tui.progress.changes import change_step
from optout_tui.progress.keeper import ProgressKeeper
from optout_tui.progress.store import DONE, NOT_POSSIBLE

PROMPT = "[d]one  [s]kip  [n]ot possible  [b]ack  [q]uit > "
PROMPT_TEXT = "[d]one  [s]kip  [n]ot possible  [t]ext  [b]ack  [q]uit > "
HELP = ("d = I did this step   s = skip it for now   n = not possible for me (region, plan…)\n"
        "b = back to the previous step   q = quit (what you did is saved)")
HELP_TEXT = "t = fill in the blanks of the text to send, then copy it from here"
FINISHED_WORDS = {
    ActionState.DONE: "✔ This action is done.",
    ActionState.AS_FAR_AS_POSSIBLE: "✔ This action is done as far as possible.",
    ActionState.NOT_POSSIBLE: "✗ None of these steps is possible for you: this action is "
                              "set aside.",
    ActionState.NEEDS_RECHECK: "✔ This action is done.",
}
STATE_WORDS = {DONE: "✔ done", NOT_POSSIBLE: "✗ not possible", None: "○ to do"}


class Walk:
    """Walks the steps of some actions, saving each answer at once."""

    def __init__(self, platform: Platform, actions: list[Action], progress: ProgressKeeper,
                 surface: str | None, lang: str, ask: Callable[[str], str],
                 say: Callable[[str], None], recheck_days: int | None = None) -> None:
        self.platform = platform
        self.actions = actions
        self.progress = progress
        self.recheck_days = recheck_days
        self.surface = surface
        self.lang = lang
        self.ask = ask
        self.say = say
        self.style = Styler()

    def run(self) -> int:
        """Walk every action; 1 when a change could not be saved by the end."""
        for number, action in enumerate(self.actions, start=1):
            if not self._action(number, action):
                break
        self._summary()
        if self.progress.pending or self.progress.pending_done:
            self.say(f"Not saved: {self.progress.last_error}")
            return 1
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
            state = self.progress.states(self.platform.id).get(key)
            self.say("")
            self.say(f"Step {index + 1} of {len(surface.steps)} ({STATE_WORDS[state]})")
            for line in step_lines(index + 1, step, self.lang):
                self.say(line)
            answer = self._answer(surface.template is not None)
            if answer == "t":
                self._fill(action, surface)
                continue
            if answer == "q":
                return False
            if answer == "b":
                index = max(index - 1, 0)
                continue
            if answer in ("d", "n"):
                outcome = change_step(self.progress, self.platform.id, action, surface.id,
                                      step.id, DONE if answer == "d" else NOT_POSSIBLE)
                if outcome.refused is not None:
                    self.say(outcome.refused.message(self.lang) + " " + HELP_TEXT)
                    continue
                self.say("Saved." if outcome.saved else
                         f"Not saved yet ({self.progress.last_error}): kept, and saved as "
                         "soon as possible.")
                if outcome.finished_now:
                    self.say(FINISHED_WORDS[outcome.progress.state])
            index += 1
        for caveat in action.caveats:
            self.say(f"! {caveat.get(self.lang)}")
        if action.check:
            self.say(f"{w['check']}: {action.check.get(self.lang)}")
        return True

    def _answer(self, text: bool = False) -> str:
        allowed = ("d", "s", "n", "b", "q") + (("t",) if text else ())
        while True:
            try:
                raw = self.ask(PROMPT_TEXT if text else PROMPT)
            except EOFError:
                return "q"
            answer = raw.strip().lower()[:1]
            if answer in allowed:
                return answer
            self.say(HELP + ("\n" + HELP_TEXT if text else ""))

    def _fill(self, action: Action, surface: Surface) -> None:
        """Ask for each blank of the text to send, then show the text and keep it (the
        action can be marked done once it has no blanks left)."""
        assert surface.template is not None
        saved = self.progress.filled(self.platform.id).get((action.id, surface.id))
        text = saved if saved is not None else surface.template.get(self.lang)
        for blank in dict.fromkeys(blanks(text)):
            try:
                value = self.ask(f"{blank}: ").strip()
            except EOFError:
                break
            if value:
                text = re.sub(r"\{\{\s*" + re.escape(blank) + r"\s*\}\}",
                              lambda _match: value, text)
        if not self.progress.set_filled(self.platform.id, action.id, surface.id, text):
            self.say(f"Not saved: {self.progress.last_error}")
        if surface.address:
            self.say(f"{WORDS[self.lang]['write_to']}: {surface.address}")
        self.say("The text to send:")
        self.say(text)
        left = blanks(text)
        if left:
            self.say("Still to fill: " + " · ".join(left))

    def _summary(self) -> None:
        standing = Standing.read(self.progress, self.recheck_days)
        tasks = [a for a in self.actions if is_task(a)]
        finished = sum(standing.action(self.platform.id, a).finished for a in tasks)
        self.say("")
        self.say(f"{finished} of {len(tasks)} action(s) finished on {self.platform.name}. "
                 f"Progress is saved in {self.progress.path}.")


def cmd_walk(args: argparse.Namespace) -> int:
    from optout_tui.paths import data_dir

    platform, action = find(load(args), args.target)
    actions = [action] if action else list(platform.actions)
    try:
        store = ProgressStore(data_dir(args.data_dir), profile=args.profile)
    except StoreError as error:
        raise CommandError(str(error)) from None
    progress = ProgressKeeper(lambda: store)
    try:
        return Walk(platform, actions, progress, args.surface, args.lang, input,
                    lambda line: print(line, flush=True), args.recheck_days).run()
    finally:
        progress.close()
