"""The user's progress: an SQLite store on their machine, and what it says about actions."""

from optout_tui.progress.status import ActionStatus, action_status, platform_counts
from optout_tui.progress.store import ProgressStore, StepKey, StoreError

__all__ = ["ActionStatus", "ProgressStore", "StepKey", "StoreError", "action_status",
           "platform_counts"]
