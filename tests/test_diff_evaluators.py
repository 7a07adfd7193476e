"""Every event an evaluator can report has its row in the taxonomy table; no model pair needed.

Each evaluator declares the events it can report (``Evaluator.emits``); each
evaluator module's source is read for the event names it spells, so an event
added to the code but not to the declaration (or to the table) fails here,
not at run time on the first model pair that shows it.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from codegen.diff import evaluators
from codegen.diff.evaluators import EVALUATORS, PRESENCE_EVENTS
from codegen.diff.evaluators.base import Evaluator
from codegen.diff.kinds import KINDS, SIDED_EVENTS
from codegen.ir.changes import REQUEST, RESPONSE

EVENT_NAME = re.compile(r"[a-z]+(?:-[a-z]+)+")
MODULES = sorted(name for _, name, _ in pkgutil.iter_modules(evaluators.__path__) if name != "base")


def _declared(module: object) -> frozenset[str]:
    """Every event a module declares: its ``EMITS`` and its evaluators' ``emits``."""
    found: set[str] = set(getattr(module, "EMITS", ()))
    for value in vars(module).values():
        if isinstance(value, Evaluator):
            found |= value.emits
    if module is importlib.import_module("codegen.diff.evaluators.service"):
        found |= PRESENCE_EVENTS
    return frozenset(found)


def _spelled(source: str) -> set[str]:
    """Event names spelled in a module: string literals that look like one."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and EVENT_NAME.fullmatch(node.value)
        ):
            names.add(node.value)
    return names


def _event_calls_with_built_names(source: str) -> list[int]:
    """Lines of ``Event(...)`` calls whose event is an f-string: a name no scan can check."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Event"
        and node.args
        and isinstance(node.args[0], ast.JoinedStr | ast.BinOp)
    ]


def _rows_for(event: str) -> set[str | None]:
    return {kind.side for kind in KINDS.values() if kind.event == event}


@pytest.mark.parametrize("name", MODULES)
def test_each_event_an_evaluator_spells_is_declared_and_has_its_rows(name):
    module = importlib.import_module(f"codegen.diff.evaluators.{name}")
    source = Path(module.__file__).read_text(encoding="utf-8")
    declared = _declared(module)
    assert declared, f"{name} declares no events"
    assert _event_calls_with_built_names(source) == [], f"{name}: event names built at run time"
    assert _spelled(source) <= declared, f"{name}: reports events it does not declare"
    for event in declared:
        # Shape events are graded per side: one row for requests, one for responses.
        expected = {REQUEST, RESPONSE} if event in SIDED_EVENTS else {None}
        assert _rows_for(event) == expected, f"{name}: {event!r} has no row in kinds.py"


def test_every_row_of_the_table_is_an_event_some_evaluator_reports():
    reported = set(PRESENCE_EVENTS).union(*(evaluator.emits for evaluator in EVALUATORS))
    assert reported == {kind.event for kind in KINDS.values()}


def test_the_check_fails_on_an_event_without_a_row():
    """The check above can fail: an undeclared event and one with no row are both caught."""
    source = 'def f(ctx):\n    yield Event("member-vanished", "x")\n'
    assert _spelled(source) == {"member-vanished"}
    assert not _spelled(source) <= _declared(evaluators.enums)
    assert _rows_for("member-vanished") == set()
    assert _event_calls_with_built_names('Event(f"{part}-added", "x")\n') == [1]
