"""The call sites a codemod run touches, as text lines or a Markdown section for migration notes."""

from __future__ import annotations

from codegen.codemod.runner import RunResult
from codegen.render.jinja import render


def text(result: RunResult) -> str:
    """``FILE:LINE: KIND: MESSAGE``, one line per finding, skipped files named."""
    return render("notes/impact.txt.j2", result=result)


def markdown(result: RunResult) -> str:
    """An "Affected call sites" section to append to the Markdown migration note."""
    files = [f for f in result.files if f.findings]
    return render(
        "notes/impact.md.j2",
        result=result,
        files=files,
        skipped=result.skipped,
        sites=sum(len(f.findings) for f in files),
        todos=sum(1 for f in files for finding in f.findings if finding.is_todo),
    )
