"""The one error type users see: a single line naming the file and the place."""

from __future__ import annotations


class CodegenError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""

    def __init__(self, message: str, *, path: str | None = None, place: str | None = None):
        self.message = message
        self.path = path
        self.place = place
        super().__init__(str(self))

    def __str__(self) -> str:
        return ": ".join(part for part in (self.path, self.place, self.message) if part)


class ModelError(CodegenError):
    """A model file that does not parse or does not hold together."""
