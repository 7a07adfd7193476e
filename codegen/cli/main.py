"""The ``boto-codegen`` command group and its error handling."""

from __future__ import annotations

import sys

import click

from codegen.errors import CodegenError

# Exit codes CI can rely on.
EXIT_OK = 0
EXIT_FINDINGS = 1  # a check found something (diff --fail-on, codemod --check, stale output)
EXIT_ERROR = 2  # bad input or usage


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="boto-codegen")
def cli() -> None:
    """Turn botocore model changes into typed stubs, reference docs, migration notes and codemods.

    Every command that reads models takes --models SRC: 'installed' (default),
    'botocore==X.Y.Z', or a folder in botocore's data layout.
    """


def _register() -> None:
    from codegen.cli.codemod import codemod_command, impact_command
    from codegen.cli.diff import diff_command
    from codegen.cli.docs import docs_command
    from codegen.cli.generate import generate_command
    from codegen.cli.ir import ir_command
    from codegen.cli.notes import notes_group
    from codegen.cli.stubs import stubs_command

    for command in (
        generate_command,
        ir_command,
        diff_command,
        notes_group,
        stubs_command,
        docs_command,
        codemod_command,
        impact_command,
    ):
        cli.add_command(command)


_register()


def main() -> None:
    try:
        # Without standalone mode click returns the code of ctx.exit(n) instead of exiting.
        code = cli.main(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except CodegenError as exc:
        click.echo(f"boto-codegen: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo("boto-codegen: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR if exc.exit_code != 0 else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("boto-codegen: interrupted", err=True)
        sys.exit(130)
