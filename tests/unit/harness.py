"""Running a few lines of Python in a fresh interpreter (what a launch imports is seen only
there) and reading the JSON report it prints last."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def fresh_run(code: str, argv: Any) -> Any:
    """Run `code` with `argv` (as JSON, in sys.argv[1]); its last line of output, decoded."""
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(argv)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
