"""The one Jinja2 environment every output is rendered through (docs, stubs, notes).

Template names are paths under the top-level ``templates/`` folder, such as
``rst/method.rst.j2`` or ``stubs/client.pyi.j2``. That folder is the one
source of the templates; the wheel carries it as ``codegen/templates``
(``package-dir`` in ``pyproject.toml``), so an installed package finds it
inside itself and a checkout, editable install or not, finds it beside
``codegen/``.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import jinja2

from codegen.cache import cache_root


def _templates() -> Path:
    # From __file__, not importlib.resources.files: that imports zipfile and
    # tempfile, 9.8M instructions of a 495M docs run for sts, to find a folder
    # that an installed wheel (plain files) and a checkout both have on disk.
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES = _templates()

# Templates hold layout only; blocks do not leave blank lines, output ends as written.
_OPTIONS: dict[str, Any] = {
    "autoescape": False,  # RST and Python source, not HTML
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    # Templates do not change during a run: no stat of the file at every page.
    "auto_reload": False,
    # A run loads a few dozen templates: a plain dict, not the locked LRU cache
    # (0.40% of ec2's docs instructions).
    "cache_size": -1,
}


class _Environment(jinja2.Environment):
    """Jinja's environment with each template's globals in one plain dict.

    Jinja chains a template's globals over the environment's (``ChainMap``) so
    that later changes to either show through; ours are set once, before any
    template is loaded. Every render copies them and every ``{% import %}``
    compares them, and through a ``ChainMap`` that took 83k instructions a page
    (2.1% of ec2's docs instructions, callgrind 2026-12-03).
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


@functools.cache
def environment() -> jinja2.Environment:
    return _Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(),
        **_OPTIONS,
    )


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs; none where the cache cannot be written.

    Compiling a page template takes 10-30 ms, in every worker process of every
    run; loading it compiled, well under one. Jinja checks each entry against
    the template's source; the folder is named after Jinja's version and the
    options, which change the compiled code too.
    """
    key = hashlib.sha256(repr((jinja2.__version__, sorted(_OPTIONS.items()))).encode())
    folder = cache_root() / f"templates-{key.hexdigest()[:16]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
