"""The person's preferences (the theme), kept as a small JSON file beside their progress.

Written atomically and privately (0600, a temporary file renamed over the old one), so a crash
never leaves half a file; a damaged, deeply nested, oversized or unreadable file, or one that is
not a regular file (a FIFO would hang the app), is ignored rather than stopping the app.
"""

from __future__ import annotations

from pathlib import Path

from optout_tui.safe_files import read_regular, write_private

FILE_NAME = "settings.json"
MAX_BYTES = 64_000  # a few preferences; anything bigger is not ours


def load_settings(folder: Path) -> dict[str, str]:
    """The saved preferences, or {} when there are none or the file cannot be read."""
    import json

    try:  # a FIFO or a huge file is refused unread; deep nesting is not a crash
        data = json.loads(read_regular(folder / FILE_NAME, MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save_setting(folder: Path, key: str, value: str) -> None:
    """Set one preference, keeping the others. Raises OSError when the folder is not writable."""
    import json

    data = load_settings(folder)
    data[key] = value
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(folder / FILE_NAME, json.dumps(data, indent=2, sort_keys=True))
