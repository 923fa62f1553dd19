"""optout walk: one step at a time as plain text with a plain prompt.

The accessible path through the whole job (screen readers and braille displays cannot use the
full-screen app), and the way a helpdesk reads steps aloud. Saves to the same progress store.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from optout_tui.catalog.model import Action, Platform, Surface, blanks
from optout_tui.commands.common import Styler, find, load, open_store
from optout_tui.commands.describe import choose_surface, step_lines
from optout_tui.i18n import N_, translator
from optout_tui.progress import ActionState, Standing, StepKey, is_task
from optout_tui.progress.changes import change_step
from optout_tui.progress.keeper import ProgressKeeper
from optout_tui.progress.store import DONE, NOT_POSSIBLE
from optout_tui.wording import SURFACE

TEXT_HELP = N_("t = fill in the blanks of the text to send, then copy it from here")
STATE_WORDS = {DONE: N_("✔ done"), NOT_POSSIBLE: N_("✗ not possible"), None: N_("○ to do")}
FINISHED_WORDS = {
    ActionState.DONE: N_("✔ This action is done."),
    ActionState.AS_FAR_AS_POSSIBLE: N_("✔ This action is done as far as possible."),
    ActionState.NOT_POSSIBLE: N_(
        "✗ None of these steps is possible for you: this action is set aside."
    ),
    ActionState.NEEDS_RECHECK: N_("✔ This action is done."),
}


class Walk:
    """Walks the steps of some actions, saving each answer at once."""

    def __init__(
        self,
        platform: Platform,
        actions: list[Action],
        progress: ProgressKeeper,
        surface: str | None,
        lang: str,
        ask: Callable[[str], str],
        say: Callable[[str], None],
        recheck_days: int | None = None,
    ) -> None:
        self.platform = platform
        self.actions = actions
        self.progress = progress
        self.recheck_days = recheck_days
        self.surface = surface
        self.lang = lang
        self.ask = ask
        self.say = say
        self.style = Styler()
        self._ = translator(lang).gettext

    def run(self) -> int:
        """Walk every action; 1 when a change could not be saved by the end."""
        for number, action in enumerate(self.actions, start=1):
            if not self._action(number, action):
                break
        self._summary()
        if self.progress.pending or self.progress.pending_done:
            self.say(self._("Not saved: {error}").format(error=self._error()))
            return 1
        return 0

    def _error(self) -> str:
        error = self.progress.last_error
        return error.text(self.lang) if error else ""

    def _action(self, number: int, action: Action) -> bool:
        """Walk one action; False when the person quit."""
        _ = self._
        self.say("")
        self.say(
            self.style.bold(
                _("Action {n} of {total}: {platform}: {title}").format(
                    n=number,
                    total=len(self.actions),
                    platform=self.platform.name,
                    title=action.title.get(self.lang),
                )
            )
        )
        self.say(action.controls.get(self.lang))
        surface = choose_surface(action, self.surface)
        if surface is None:
            self.say(
                _("Nothing is recorded for {surface!r} here; available: {ids}").format(
                    surface=self.surface, ids=", ".join(s.id for s in action.available_surfaces)
                )
            )
            return True
        self.say(_("Steps on {surface}.").format(surface=SURFACE.get(surface.id, self.lang)))
        if surface.note:
            self.say(surface.note.get(self.lang))
        if not surface.is_available:
            elsewhere = [SURFACE.get(s.id, self.lang) for s in action.available_surfaces]
            if elsewhere:
                self.say(
                    _("Not available here. It is available on: {where}").format(
                        where=", ".join(elsewhere)
                    )
                )
            return True
        if surface.link:
            self.say(_("Link: ") + surface.link)
        index = 0
        while 0 <= index < len(surface.steps):
            step = surface.steps[index]
            key = StepKey(self.platform.id, action.id, surface.id, step.id)
            state = self.progress.states(self.platform.id).get(key)
            self.say("")
            self.say(
                _("Step {n} of {total} ({state})").format(
                    n=index + 1, total=len(surface.steps), state=_(STATE_WORDS[state])
                )
            )
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
                outcome = change_step(
                    self.progress,
                    self.platform.id,
                    action,
                    surface.id,
                    step.id,
                    DONE if answer == "d" else NOT_POSSIBLE,
                )
                if outcome.refused is not None:
                    self.say(outcome.refused.message(self.lang) + " " + _(TEXT_HELP))
                    continue
                self.say(
                    _("Saved.")
                    if outcome.saved
                    else _("Not saved yet ({error}): kept, and saved as soon as possible.").format(
                        error=self._error()
                    )
                )
                if outcome.finished_now:
                    self.say(_(FINISHED_WORDS[outcome.progress.state]))
            index += 1
        for caveat in action.caveats:
            self.say(f"! {caveat.get(self.lang)}")
        if action.check:
            self.say(_("Check: ") + action.check.get(self.lang))
        return True

    def _answer(self, text: bool = False) -> str:
        _ = self._
        allowed = ("d", "s", "n", "b", "q") + (("t",) if text else ())
        while True:
            try:
                raw = self.ask(
                    _("[d]one  [s]kip  [n]ot possible  [t]ext  [b]ack  [q]uit > ")
                    if text
                    else _("[d]one  [s]kip  [n]ot possible  [b]ack  [q]uit > ")
                )
            except EOFError:
                return "q"
            answer = raw.strip().lower()[:1]
            if answer in allowed:
                return answer
            self.say(
                _(
                    "d = I did this step   s = skip it for now   n = not possible for me "
                    "(region, plan…)\nb = back to the previous step   q = quit (what you "
                    "did is saved)"
                )
                + ("\n" + _(TEXT_HELP) if text else "")
            )

    def _fill(self, action: Action, surface: Surface) -> None:
        """Ask for each blank of the text to send, then show the text and keep it (the
        action can be marked done once it has no blanks left)."""
        _ = self._
        assert surface.template is not None
        saved = self.progress.filled(self.platform.id).get((action.id, surface.id))
        text = saved if saved is not None else surface.template.get(self.lang)
        for blank in dict.fromkeys(blanks(text)):
            try:
                value = self.ask(f"{blank}: ").strip()
            except EOFError:
                break
            if value:
                text = re.sub(
                    r"\{\{\s*" + re.escape(blank) + r"\s*\}\}",
                    lambda _match, value=value: value,
                    text,
                )
        if not self.progress.set_filled(self.platform.id, action.id, surface.id, text):
            self.say(_("Not saved: {error}").format(error=self._error()))
        if surface.address:
            self.say(_("Write to: ") + surface.address)
        self.say(_("The text to send:"))
        self.say(text)
        left = blanks(text)
        if left:
            self.say(_("Still to fill: ") + " · ".join(left))

    def _summary(self) -> None:
        standing = Standing.read(self.progress, self.recheck_days)
        tasks = [a for a in self.actions if is_task(a)]
        finished = sum(standing.action(self.platform.id, a).finished for a in tasks)
        self.say("")
        self.say(
            self._(
                "{n} of {total} action(s) finished on {platform}. Progress is saved in {path}."
            ).format(
                n=finished, total=len(tasks), platform=self.platform.name, path=self.progress.path
            )
        )


def cmd_walk(args: argparse.Namespace) -> int:
    platform, action = find(load(args), args.target)
    actions = [action] if action else list(platform.actions)
    store = open_store(args)
    progress = ProgressKeeper(lambda: store)
    try:
        return Walk(
            platform,
            actions,
            progress,
            args.surface,
            args.lang,
            input,
            lambda line: print(line, flush=True),
            args.recheck_days,
        ).run()
    finally:
        progress.close()
