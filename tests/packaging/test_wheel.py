"""A plain `pip install` of the wheel, in a fresh virtual environment, finds the catalog."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from optout_tui import __version__

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_wheel_installs_and_reads_its_bundled_catalog(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT)
    [wheel] = dist.glob("optout_tui-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel)
    optout = env / "bin" / "optout"
    # Run from an empty folder, so nothing can be picked up from the checkout.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run(optout, "--version", cwd=elsewhere).strip() == f"optout {__version__}"
    listing = run(optout, "list", cwd=elsewhere)
    assert "x/grok-training" in listing
    assert " 0 error(s)" in run(optout, "validate", cwd=elsewhere)
    location = run(
        python, "-c", "import optout_tui.paths as p; print(p.bundled_catalog_dir())", cwd=elsewhere
    )
    assert str(env) in location and "_catalog" in location
    # The words: compiled catalogs and help pages travel in the wheel.
    help_fr = run(
        python,
        "-c",
        "from optout_tui.i18n import help_text, translator; "
        "print(translator('fr').gettext('Whose progress?')); "
        "print(help_text('fr').splitlines()[0])",
        cwd=elsewhere,
    )
    assert help_fr.splitlines() == ["Les progrès de qui ?", "# optout : les touches"]
    # The catalog's version (catalog.toml) and the public key of signed updates are shipped.
    import tomllib

    version = tomllib.loads((ROOT / "catalog" / "catalog.toml").read_text())["version"]
    status = run(optout, "catalog", "status", "--data-dir", tmp_path / "data", cwd=elsewhere)
    assert f"catalog {version} of " in status and "bundled with optout" in status
    keys = run(
        python,
        "-c",
        "from optout_tui.updates.signing import trusted_keys; print(len(trusted_keys()))",
        cwd=elsewhere,
    )
    assert int(keys) >= 1
