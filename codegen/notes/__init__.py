"""Release notes: awsapichanges pages and SDK changelogs read into the change-set IR."""

from codegen.notes.changelog import read_changelog
from codegen.notes.parse import parse_notes, read_notes

__all__ = ["parse_notes", "read_changelog", "read_notes"]
