"""``boto-codegen codemod`` and ``boto-codegen impact``: patch or list client call sites."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, NamedTuple

import click

from codegen.cli.main import EXIT_FINDINGS
from codegen.cli.options import MODELS_HELP, jobs_option
from codegen.codemod.clients import ClientConfig
from codegen.codemod.rules import RuleSet, dump_rules, load_rules
from codegen.codemod.runner import Options, RunResult, run, write_report
from codegen.render import impact


def _factory(value: str) -> tuple[str, str]:
    name, sep, service = value.partition("=")
    if not sep or not name or not service:
        raise click.BadParameter(f"expected NAME=SERVICE, got {value!r}")
    return name, service


class CodemodRequest(NamedTuple):
    """The options codemod and impact share: where rules come from and how to run."""

    old: str | None
    new: str | None
    migration: str | None
    rules_file: str | None
    models: str
    services: tuple[str, ...]
    factories: tuple[str, ...]
    report: str | None
    jobs: int | None
    print_rules: bool

    def rules(self) -> RuleSet:
        """Exactly one of --from/--to, --migration, --rules."""
        given = [self.old or self.new, self.migration, self.rules_file]
        if sum(1 for value in given if value) != 1:
            raise click.UsageError("give exactly one of --from/--to, --migration or --rules")
        if self.rules_file:
            return load_rules(self.rules_file)
        if self.migration:
            from codegen.codemod.migrations import migration_rules
            from codegen.sources import open_models

            return migration_rules(self.migration, open_models(self.models))
        if not (self.old and self.new):
            raise click.UsageError("--from and --to go together")
        from codegen.codemod.changes import rules_between

        return rules_between(self.old, self.new, self.services)

    def run(self, paths: tuple[str, ...], rules: RuleSet, options: Options) -> RunResult:
        config = ClientConfig(factories=dict(_factory(f) for f in self.factories))
        for name, service in config.factories.items():
            if service not in rules.services:
                # Most likely a typo; the run still goes on (another rule set may name it).
                click.echo(
                    f"boto-codegen: warning: --client-factory {name}={service}: "
                    f"the rules do not change service {service!r}",
                    err=True,
                )
        result = run(list(paths), rules, config, options._replace(jobs=self.jobs))
        if self.report:
            write_report(self.report, result)
        return result


def rule_options(func: Callable[..., None]) -> Callable[..., None]:
    """Add the shared options; the command receives them as one ``CodemodRequest``."""

    @functools.wraps(func)
    def command(**kwargs: Any) -> None:
        request = CodemodRequest(**{name: kwargs.pop(name) for name in CodemodRequest._fields})
        func(request, **kwargs)

    options = [
        click.option("--from", "old", metavar="SRC", help="Old model source (with --to)."),
        click.option("--to", "new", metavar="SRC", help="New model source (with --from)."),
        click.option(
            "--migration", metavar="NAME",
            help="A built-in migration: es-to-opensearch.",
        ),
        click.option(
            "--rules", "rules_file", metavar="FILE", type=click.Path(dir_okay=False),
            help="A TOML rule file (see the README for the rule language).",
        ),
        click.option(
            "--models", default="installed", show_default=True, metavar="SRC",
            help=f"Models a --migration is derived from. {MODELS_HELP}",
        ),
        click.option(
            "--service", "-s", "services", multiple=True, metavar="NAME",
            help="With --from/--to: only these services (default: every service in both).",
        ),
        click.option(
            "--client-factory", "factories", multiple=True, metavar="NAME=SERVICE",
            help="A project helper whose result is a client: _get_conn=es. Repeat for more.",
        ),
        click.option(
            "--report", "report", metavar="FILE", type=click.Path(dir_okay=False),
            help="Also write the summary and every finding as JSON.",
        ),
        jobs_option,
        click.option(
            "--print-rules", is_flag=True,
            help="Print the rules in the TOML rule language and stop.",
        ),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _print_skipped(result: RunResult) -> None:
    for file in result.skipped:
        click.echo(f"skipped {file.path}: {file.skipped}", err=True)


@click.command("codemod")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@rule_options
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; change nothing.")
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if anything would change.")
def codemod_command(
    request: CodemodRequest, paths: tuple[str, ...], show_diff: bool, check: bool
) -> None:
    """Rewrite boto3 call sites under PATH... for an SDK change.

    Renames methods (in calls and references), keyword arguments and keys of
    literal dicts; leaves a '# TODO(boto-codegen): ...' line where a human must
    decide (a removed operation or parameter, a new required parameter, a
    value whose meaning changed, a call that may reach a changed client but
    could not be followed). Everything else stays byte-for-byte.
    Exit codes: 0 done, 1 --check found changes, sites that need review or a
    file it could not analyse, 2 bad input.
    """
    rules = request.rules()
    if request.print_rules:
        click.echo(dump_rules(rules), nl=False)
        return
    write = not (show_diff or check)
    result = request.run(paths, rules, Options(write=write, diff=show_diff))
    if show_diff:
        for file in result.changed:
            click.echo(file.diff, nl=False)
    _print_skipped(result)
    click.echo(f"codemod: {result.summary(applied=write)}", err=True)
    if check and (result.changed or result.needs_review or result.unanalysed):
        raise click.exceptions.Exit(EXIT_FINDINGS)


@click.command("impact")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@rule_options
@click.option(
    "--format", "output", type=click.Choice(["text", "markdown", "json"]), default="text",
    show_default=True,
    help="text: FILE:LINE: KIND: CHANGE lines; markdown: a section for the migration note; "
    "json: the report.",
)  # fmt: skip
def impact_command(request: CodemodRequest, paths: tuple[str, ...], output: str) -> None:
    """List the call sites under PATH... that an SDK change touches, changing nothing.

    One line per site: FILE:LINE: KIND: SERVICE.METHOD: CHANGE (or, with
    --format markdown, an "Affected call sites" section to append to the
    migration note from `diff --format markdown`). Exit codes: 0 nothing
    affected, 1 affected call sites found or a file it could not analyse,
    2 bad input.
    """
    rules = request.rules()
    if request.print_rules:
        click.echo(dump_rules(rules), nl=False)
        return
    result = request.run(paths, rules, Options())
    if output == "json":
        click.echo(json.dumps(result.to_json(), indent=2, sort_keys=True))
    else:
        click.echo((impact.markdown if output == "markdown" else impact.text)(result), nl=False)
    click.echo(f"impact: {result.summary(applied=False)}", err=True)
    if any(file.findings for file in result.files) or result.unanalysed:
        raise click.exceptions.Exit(EXIT_FINDINGS)
