"""The user's progress: an SQLite store on their machine, and what it says about actions."""

from optout_tui.progress.status import (
    ActionProgress,
    ActionState,
    Standing,
    action_progress,
    is_task,
    platform_counts,
)
from optout_tui.progress.store import ProgressStore, StepKey, StepState, StoreError

__all__ = [
    "ActionProgress",
    "ActionState",
    "ProgressStore",
    "Standing",
    "StepKey",
    "StepState",
    "StoreError",
    "action_progress",
    "is_task",
    "platform_counts",
]
