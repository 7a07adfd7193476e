"""The differ's evaluators: one module per family of change kinds, each reporting *events*.

An evaluator looks at one aspect of a service pair and reports what happened
and where, never how bad it is: grading (``codegen.diff.differ``) looks each
event up in the taxonomy table (``codegen.diff.kinds``). Each ``Evaluator``
declares every event it can report (``emits``); the tests check that each has
its row in the table.

A new change kind: report its event from the evaluator of its family (or a
new module here, listed in ``EVALUATORS``), add it to that evaluator's
``emits``, and add its row (one per side for shape events) to ``kinds.py``.
"""

from __future__ import annotations

from codegen.diff.evaluators.base import Context, Evaluator, Event
from codegen.diff.evaluators.configs import PAGINATORS, WAITERS
from codegen.diff.evaluators.operations import OPERATIONS
from codegen.diff.evaluators.resources import RESOURCES
from codegen.diff.evaluators.service import PRESENCE_EVENTS, SERVICE, presence
from codegen.diff.evaluators.shapes import RENAMES, SHAPES

# In the order their events are reported; the operation evaluator must come
# before the shape evaluator, which compares the shape pairs it queues.
EVALUATORS = (SERVICE, OPERATIONS, SHAPES, RENAMES, PAGINATORS, WAITERS, RESOURCES)

__all__ = ["EVALUATORS", "PRESENCE_EVENTS", "Context", "Evaluator", "Event", "presence"]
