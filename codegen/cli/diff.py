"""``boto-codegen diff``: compare two model sources and report the graded changes."""

from __future__ import annotations

import re

import click

from codegen import atomic
from codegen.cli.options import jobs_option
from codegen.diff import diff_sources
from codegen.diff.select import IgnoreList, at_or_above, read_ignore_file, select_changes
from codegen.ir import changes as change_json
from codegen.ir.changes import ChangeSet
from codegen.notes import read_changelog
from codegen.progress import track
from codegen.render import notes
from codegen.render.plaintext import CLASSIC, STYLES
from codegen.sources import BotocoreData, open_models

FORMATS = ("text", "awsapichanges", "markdown", "json")
_DATE = re.compile(r"^\d{4}/\d{2}/\d{2}$")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise click.BadParameter("expected YYYY/MM/DD, as release notes print dates")
    return value


def _with_release_notes(
    changes: ChangeSet, date: str | None, summary: str | None, changelog: str | None
) -> ChangeSet:
    """Each service's date and summary: from the changelog entry, else --date and --summary."""
    entries: dict[str, str] = {}
    if changelog is not None:
        version = changes.new_botocore_version
        if version is None:
            raise click.UsageError("--changelog needs a NEW source that names its botocore release")
        entries = read_changelog(changelog, version)
    services = []
    for service in changes.services:
        text = entries.get(service.service or "")
        if changelog is not None and text is None:
            fallback = "using --summary" if summary else "no summary"
            click.echo(
                f"boto-codegen: note: {changelog} has no entry for {service.service}"
                f" in {changes.new_botocore_version}; {fallback}",
                err=True,
            )
        services.append(service._replace(date=date, summary=text or summary))
    return changes._replace(services=tuple(services))


def _render(changes: ChangeSet, output: str, new_source: BotocoreData, style: str) -> str:
    if output == "json":
        return change_json.dumps(changes)
    if output == "markdown":
        return notes.markdown(changes)
    if output == "awsapichanges":
        method_text = notes.method_text_from(new_source, style=style)
        return notes.awsapichanges(changes, method_text, style)
    return notes.text(changes)


def _call_sites(changes: ChangeSet, paths: tuple[str, ...]) -> str:
    """The "Affected call sites" section: the codemod's findings for these changes, dry run."""
    from codegen.codemod.changes import rules_from_changes
    from codegen.codemod.clients import ClientConfig
    from codegen.codemod.runner import Options, run
    from codegen.render import impact

    result = run(list(paths), rules_from_changes(changes), ClientConfig(), Options())
    return impact.markdown(result)


@click.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option(
    "--service", "-s", "services", multiple=True, metavar="NAME",
    help="Compare only this service (botocore name); repeat for more. Default: all in either.",
)  # fmt: skip
@click.option(
    "--format", "output", type=click.Choice(FORMATS), default="text", show_default=True,
    help="text: one line per change; awsapichanges: the awsapichanges.info page; "
    "markdown: a migration note; json: the full change set (schema in the README).",
)  # fmt: skip
@click.option(
    "--style", type=click.Choice(STYLES), default=CLASSIC, show_default=True,
    help="With --format awsapichanges: the site's rendering. classic: 'type Name', 'Server .' "
    "(pages read before mid-2023); current: 'type Name:', 'Server.', '2 new3 updated'.",
)  # fmt: skip
@click.option("--date", callback=_date, metavar="YYYY/MM/DD", help="Release date for the notes.")
@click.option("--summary", metavar="TEXT", help="Release summary (fallback for --changelog).")
@click.option(
    "--changelog", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
    help="boto3/botocore CHANGELOG.rst or .changes/<version>.json: summaries per service.",
)  # fmt: skip
@click.option(
    "--fail-on", type=click.Choice(["error", "warning"]), default=None,
    help="Exit 1 when a change at or above this severity remains (for CI).",
)  # fmt: skip
@click.option(
    "--ignore", "ignore_file", type=click.Path(dir_okay=False), metavar="FILE",
    help="Accepted changes, one change id, kind id or pattern per line.",
)  # fmt: skip
@click.option("--include-docs", is_flag=True, help="Also report documentation-only changes.")
@click.option(
    "--call-sites", "call_sites", multiple=True, type=click.Path(exists=True), metavar="PATH",
    help="With --format markdown: append the call sites under PATH that the changes touch "
    "(as `boto-codegen impact` lists them); repeat for more.",
)  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@jobs_option
@click.pass_context
def diff_command(
    ctx: click.Context,
    old: str,
    new: str,
    services: tuple[str, ...],
    output: str,
    style: str,
    date: str | None,
    summary: str | None,
    changelog: str | None,
    fail_on: str | None,
    ignore_file: str | None,
    include_docs: bool,
    call_sites: tuple[str, ...],
    out: str | None,
    jobs: int,
) -> None:
    """Compare the models of OLD and NEW and grade every change.

    OLD and NEW are model sources: 'installed', 'botocore==X.Y.Z' or a folder.
    Services whose model files are identical on both sides are skipped.
    Exit codes: 0 (no change at or above --fail-on), 1 (there is one), 2 (bad input).
    """
    if call_sites and output != "markdown":
        raise click.UsageError("--call-sites goes with --format markdown")
    ignore: IgnoreList | None = read_ignore_file(ignore_file) if ignore_file else None
    old_source, new_source = open_models(old), open_models(new)
    found = diff_sources(
        old_source,
        new_source,
        services=services or None,
        include_docs=include_docs,
        jobs=jobs,
        progress=lambda results, total: track(results, "Comparing services", total=total),
    )
    found, ignored = select_changes(found, ignore=ignore, include_docs=include_docs)
    found = _with_release_notes(found, date, summary, changelog)
    text = _render(found, output, new_source, style)
    if call_sites:
        text += "\n" + _call_sites(found, call_sites)
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        atomic.write_file(out, text)
    if ignored:
        click.echo(f"boto-codegen: {ignored} change(s) accepted by {ignore_file}", err=True)
    if fail_on is not None:
        failing = at_or_above(found.all_changes(), fail_on)
        if failing:
            click.echo(
                f"boto-codegen: {len(failing)} change(s) at or above {fail_on}"
                f" (first: {failing[0].id})",
                err=True,
            )
            ctx.exit(1)
