"""Ctrl-C for the commands the tests start and then interrupt."""

from __future__ import annotations

import signal


def interruptible() -> None:
    """In the child (Popen's preexec_fn): Ctrl-C as a terminal delivers it, even when the test run itself
    ignores SIGINT (a run started in the background of a non-interactive shell does, and its children
    inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
