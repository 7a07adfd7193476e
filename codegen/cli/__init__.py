"""The command line: ``boto-codegen COMMAND``. Each command lives in its own module here."""

from codegen.cli.main import main

__all__ = ["main"]
