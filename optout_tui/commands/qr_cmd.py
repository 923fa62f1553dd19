"""optout qr: a scannable code in the terminal, or block characters alone when piped."""

from __future__ import annotations

import argparse
import sys

from optout_tui.commands.common import CommandError, Styler, find, load
from optout_tui.qr import half_block_lines, qr_matrix


def resolve_url(args: argparse.Namespace) -> str:
    if "://" in args.target or args.target.lower().startswith("https:"):
        from optout_tui.catalog.links import LinkProblem, check_link

        try:  # read as a browser reads it; no escape sequence reaches the terminal
            return check_link(args.target, max_length=None)  # too long: said below
        except LinkProblem as problem:
            raise CommandError("this link is not drawn: it {problem}", problem=problem) from None
    platform, action = find(load(args), args.target)
    actions = [action] if action else list(platform.actions)
    for candidate in actions:
        if candidate.link:
            return candidate.link
    raise CommandError("{target} has no link to draw", target=args.target)


def cmd_qr(args: argparse.Namespace) -> int:
    url = resolve_url(args)
    matrix = qr_matrix(url)
    if matrix is None:
        raise CommandError("this link is too long for a QR code; here is the link:\n{url}", url=url)
    invert = bool(getattr(args, "invert", False))
    if Styler().enabled:
        # On a terminal, paint explicit black on white so the code reads on dark themes too
        # (--invert: white on black, for a phone that reads only that).
        colours = "\x1b[97;40m" if invert else "\x1b[30;107m"
        for line in half_block_lines(matrix):
            sys.stdout.write(colours + line + "\x1b[0m\n")
    else:
        # Piped, saved or NO_COLOR: ink for dark modules, so it scans from a text file or a
        # printout; --invert flips it for a dark terminal that shows the text as light.
        sys.stdout.write("\n".join(half_block_lines(matrix, invert=invert)) + "\n")
    print(url)
    return 0
