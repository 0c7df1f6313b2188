"""The one error every stage raises for a bad argument, so that none imports another for it.

A notebook's parameters, a command's options and a library call's arguments are all checked
with it: `except ParameterError` catches them wherever they were raised (reading, comparing
or making pages). `analysis.compare.ParameterError` is the same class.
"""

from __future__ import annotations

import signal


class ParameterError(ValueError):
    """A bad argument: one line naming the parameter, the value and the valid choices."""

    def _render_traceback_(self) -> list[str]:
        # IPython (JupyterLab, papermill) shows these lines instead of a traceback: the line
        # says what to change, and a notebook's reader has no use for the library's frames.
        return [f"ParameterError: {self}"]


class Terminated(KeyboardInterrupt):
    """SIGTERM (a scheduler's stop, `kill`), handled as Ctrl-C is."""


def interruption(signum: int) -> KeyboardInterrupt:
    """What a run raises for a signal that stops it: Terminated for SIGTERM, KeyboardInterrupt for Ctrl-C."""
    return Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()
