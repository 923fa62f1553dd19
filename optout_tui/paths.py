"""Where optout-tui keeps the user's files (platformdirs), and how to point elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "optout-tui"
DATA_DIR_ENV = "OPTOUT_DATA_DIR"
UPDATES_STATE = "state.json"  # in catalog_updates_dir: which installed update is current


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The progress directory: `override`, else $OPTOUT_DATA_DIR, else the platform's data dir."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def bundled_catalog_dir() -> Path:
    """The catalog shipped with the package (in a wheel), or the checkout's `catalog/`."""
    package = Path(__file__).resolve().parent
    shipped = package / "_catalog"
    if shipped.is_dir():
        return shipped
    return package.parent / "catalog"


def user_catalog_dir() -> Path:
    """A folder of the user's own platform files, added on top of the bundled catalog."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "catalog"


def catalog_updates_dir(data: Path) -> Path:
    """Where `optout catalog update` installs signed catalog bundles, under the data folder."""
    return data / "catalog"
