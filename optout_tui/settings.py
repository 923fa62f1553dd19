"""The person's preferences (the theme), kept as a small JSON file beside their progress.

Written atomically (a temporary file renamed over the old one), so a crash never leaves half a
file; a damaged or unreadable file is ignored rather than stopping the app.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_NAME = "settings.json"


def load_settings(folder: Path) -> dict[str, str]:
    """The saved preferences, or {} when there are none or the file cannot be read."""
    import json

    try:
        data = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save_setting(folder: Path, key: str, value: str) -> None:
    """Set one preference, keeping the others. Raises OSError when the folder is not writable."""
    import json

    data = load_settings(folder)
    data[key] = value
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
        os.replace(temporary, folder / FILE_NAME)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
