"""What next groups what is left (settings, admin-only, account deletion) and counts it."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import OptionList

from optout_tui.tui.screens.what_next import WhatNextScreen
from tests.tui.helpers import make_app, shown_text


async def test_what_next_groups_and_counts(data_dir: Path) -> None:
    app = make_app(data_dir, bundled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WhatNextScreen)
        total = len(screen.items)
        assert f"{total} things you have not done yet" in shown_text(screen.query_one("#hint"))
        options = screen.query_one(OptionList)
        groups: dict[str, list[str]] = {}
        heading = None
        for index in range(options.option_count):
            option = options.get_option_at_index(index)
            if option.disabled and str(option.prompt).startswith("… and "):
                assert heading is not None
                groups[heading] += ["more"] * int(str(option.prompt).split()[2])
            elif option.disabled:
                heading = str(option.prompt)
                groups[heading] = []
            else:
                assert heading is not None, "an item before any heading"
                item = screen.items[int(option.id)]
                groups[heading].append(f"{item.platform.id}/{item.action.id}")
        assert sum(len(members) for members in groups.values()) == total
        for heading, members in groups.items():  # each heading counts what is under it
            assert re.search(rf"\({len(members)}\)$", heading), heading
        settings, admin, account = (
            next(members for heading, members in groups.items() if heading.startswith(start))
            for start in ("Settings you", "Only an admin", "Deleting")
        )
        assert "figma/content-training" in admin and "zoom/admin-ai-companion-features" in admin
        assert "bluesky/delete-account" in account and "chatgpt/export-and-delete" in account
        assert "google-assistant/delete-voice-recordings" not in admin + account
        assert "chatgpt/improve-model" in settings
        assert not any(item in settings for item in admin + account)
        assert options.highlighted is not None
        assert not options.get_option_at_index(options.highlighted).disabled
