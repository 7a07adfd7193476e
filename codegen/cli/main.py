"""The ``boto-codegen`` command group and its error handling."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

from codegen.errors import CodegenError, is_os_fault, os_error

# Exit codes CI can rely on.
EXIT_OK = 0
EXIT_FINDINGS = 1  # a check found something (diff --fail-on, codemod --check, stale output)
EXIT_ERROR = 2  # bad input or usage


# Each command's module, imported only when that command runs (or --help lists
# them all): importing every command up front costs more than a no-op
# `make generate` may take, libcst alone about half a second.
COMMANDS = {
    "generate": "codegen.cli.generate:generate_command",
    "ir": "codegen.cli.ir:ir_command",
    "diff": "codegen.cli.diff:diff_command",
    "notes": "codegen.cli.notes:notes_group",
    "stubs": "codegen.cli.stubs:stubs_command",
    "docs": "codegen.cli.docs:docs_command",
    "codemod": "codegen.cli.codemod:codemod_command",
    "impact": "codegen.cli.codemod:impact_command",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="boto-codegen")
def cli() -> None:
    """Turn botocore model changes into typed stubs, reference docs, migration notes and codemods.

    Every command that reads models takes --models SRC: 'installed' (default),
    'botocore==X.Y.Z', or a folder in botocore's data layout.
    """


def main() -> None:
    try:
        # Without standalone mode click returns the code of ctx.exit(n) instead of exiting.
        code = cli.main(standalone_mode=False)
        _exit(code if isinstance(code, int) else EXIT_OK)
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
    except RecursionError:
        # Walks that name the place catch this themselves (docs); any other is
        # a model nested deeper than a recursive walk can go.
        command = " ".join(sys.argv[1:2])
        click.echo(
            f"boto-codegen: error: {command}: the models nest too deep to walk "
            f"(past Python's recursion limit of {sys.getrecursionlimit()})",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        if not is_os_fault(exc):
            raise
        # A fault of the machine (full disk, read-only or pseudo filesystem, a
        # file where a folder must be) that no command turned into its own line.
        # Without a file name the failed call wrote to an open stream: standard output.
        where = None if exc.filename is not None else "standard output"
        click.echo(f"boto-codegen: error: {os_error(exc, where)}", err=True)
        sys.exit(EXIT_ERROR)


def _exit(code: int) -> None:
    """End the process once its output is out, without tearing the interpreter down.

    Freeing every object of a loaded model one by one (ec2's IR, the page
    texts) takes 30 ms of a one-second ``docs`` run, for nothing: the process
    is ending. mypy ends the same way. Every file is written and closed by
    now; nothing here registers exit handlers.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
