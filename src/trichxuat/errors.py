"""Errors that name the file and the problem; the CLI prints them as one line."""

from __future__ import annotations


class TrichxuatError(Exception):
    """Base class: a problem with an input that the user can act on."""

    stage = "extract"

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class InputError(TrichxuatError):
    """The input cannot be read as a document (missing, a directory, empty, binary, too large)."""

    stage = "ingest"


class UnsupportedFormatError(InputError):
    """A format recognised from its bytes that this version cannot ingest yet."""
