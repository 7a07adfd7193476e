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


def os_error(exc: OSError, path: object = None) -> CodegenError:
    """An ``OSError`` as one line: the path it concerns and the cause (No space left on device).

    ``path`` names what the user asked for where the failing call worked on a
    temporary name beside it; otherwise the path the error carries is used.
    """
    cause = exc.strerror or str(exc) or type(exc).__name__
    where = path if path is not None else exc.filename
    if exc.filename2 is not None and path is None:
        where = f"{exc.filename} -> {exc.filename2}"
    return CodegenError(cause, path=None if where is None else str(where))


def is_os_fault(exc: BaseException) -> bool:
    """An error a system call reported (it has an errno), not a library's ``OSError`` subclass.

    jinja2's ``TemplateNotFound`` and gzip's ``BadGzipFile`` are ``OSError``s
    too, with no errno: they are not faults of the machine.
    """
    return isinstance(exc, OSError) and exc.errno is not None
