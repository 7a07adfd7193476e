"""Writing outputs: a staged file holds exactly the text, as Path.write_text would write it."""

from __future__ import annotations

import os
from pathlib import Path

from codegen import atomic


def test_a_staged_file_holds_the_text_as_utf8_with_the_usual_permissions(tmp_path: Path) -> None:
    text = "Café — ``ec2``\n" * 100_000  # non-ASCII, and more than one write's worth
    atomic.write_staged(tmp_path / "page.rst", text)
    (tmp_path / "reference.rst").write_text(text, encoding="utf-8")
    assert (tmp_path / "page.rst").read_bytes() == (tmp_path / "reference.rst").read_bytes()
    mode = os.stat(tmp_path / "page.rst").st_mode & 0o777
    assert mode == os.stat(tmp_path / "reference.rst").st_mode & 0o777


def test_a_staged_file_replaces_a_longer_one_whole(tmp_path: Path) -> None:
    target = tmp_path / "page.rst"
    target.write_text("an older, longer page\n" * 10, encoding="utf-8")
    atomic.write_staged(target, "short\n")
    assert target.read_text(encoding="utf-8") == "short\n"
