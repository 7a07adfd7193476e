"""The change dicts awsapichanges.info prints, computed the site's way from raw botocore JSON.

An independent statement of the rules of the site's generator
(awslabs/aws-sdk-api-changes, ``apichanges/model.py``), written for these
tests over the raw ``service-2.json`` dicts, not over our IR, so the
differ's per-operation view can be checked against it on every real release
pair in the fixtures:

- two shapes of one name are *equal* unless the new one has a member the
  old one lacks, or an enum's values differ, or (other scalars) the target
  shape's name differs; lists, maps and members are compared inside; a
  structure compared with a non-structure counts as equal;
- a shape's *delta*: for a structure its new members printed whole (a
  structure as a dict, a list as ``[item]``, a map as ``{key: value}``, an
  enum as ``'A | B'``, other scalars by type name) plus the non-empty deltas
  of its old members; a list's or map's delta is its item's or value's; an
  enum's, the set of values added; another scalar's, nothing;
- a shape met again inside itself yields ``()``;
- an operation is updated when its input or output shape (by name, present
  in both releases) is unequal with a non-empty delta; ``both`` when the two
  deltas are equal; ec2's request deltas leave out ``TagSpecifications``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Shapes = Mapping[str, Mapping[str, Any]]

# Where a list, map or string member's shape changes kind, the site's
# generator reads attributes the old shape lacks and stops; what it would
# have printed is unknown, so these places are marked and left to our rules.
TYPE_CHANGED = "<type changed>"


class _Visit:
    def __init__(self, new: Shapes, old: Shapes):
        self.new, self.old = new, old
        self.seen: set[str] = set()

    def _enter(self, name: str) -> bool:
        if name in self.seen:
            return False
        self.seen.add(name)
        return True


class _Equal(_Visit):
    def __call__(self, new_name: str, old_name: str) -> bool:
        if not self._enter(new_name):
            return True
        try:
            return self._equal(new_name, old_name)
        finally:
            self.seen.discard(new_name)

    def _equal(self, new_name: str, old_name: str) -> bool:
        a, b = self.new[new_name], self.old[old_name]
        kind = a["type"]
        if kind != b["type"] and kind in ("list", "map", "string"):
            return False  # the site's generator fails here; see TYPE_CHANGED
        if kind == "structure":
            if b["type"] != "structure":
                return True
            members, others = a.get("members", {}), b.get("members", {})
            if set(members) - set(others):
                return False
            return all(self(members[m]["shape"], others[m]["shape"]) for m in members)
        if kind == "list":
            return self(a["member"]["shape"], b["member"]["shape"])
        if kind == "map":
            return self(a["key"]["shape"], b["key"]["shape"]) and self(
                a["value"]["shape"], b["value"]["shape"]
            )
        if kind == "string":
            return a.get("enum", []) == b.get("enum", [])
        return new_name == old_name


class _Whole(_Visit):
    """What a new member prints as."""

    def __call__(self, name: str) -> Any:
        if not self._enter(name):
            return ()
        try:
            shape = self.new[name]
            kind = shape["type"]
            if kind == "structure":
                return {m: self(ref["shape"]) for m, ref in shape.get("members", {}).items()}
            if kind == "list":
                return [self(shape["member"]["shape"])]
            if kind == "map":
                return {self(shape["key"]["shape"]): self(shape["value"]["shape"])}
            if kind == "string":
                return " | ".join(shape["enum"]) if shape.get("enum") else "string"
            return kind
        finally:
            self.seen.discard(name)


class _Delta(_Visit):
    def __call__(self, new_name: str, old_name: str) -> Any:
        if not self._enter(new_name):
            return ()
        try:
            return self._delta(new_name, old_name)
        finally:
            self.seen.discard(new_name)

    def _delta(self, new_name: str, old_name: str) -> Any:
        a, b = self.new[new_name], self.old[old_name]
        kind = a["type"]
        if kind != b["type"] and kind in ("list", "map", "string"):
            return TYPE_CHANGED
        if kind == "structure":
            if b["type"] != "structure":
                return _Whole(self.new, self.old)(new_name)
            members, others = a.get("members", {}), b.get("members", {})
            found = {}
            for m, ref in members.items():
                if m not in others:
                    found[m] = _Whole(self.new, self.old)(ref["shape"])
                    continue
                inner = self(ref["shape"], others[m]["shape"])
                if inner:
                    found[m] = inner
            return found
        if kind == "list":
            return self(a["member"]["shape"], b["member"]["shape"])
        if kind == "map":
            return self(a["value"]["shape"], b["value"]["shape"])
        if kind == "string":
            return set(a.get("enum", [])) - set(b.get("enum", []))
        return []


def site_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{operation: {"request"|"response"|"both": delta}}`` for the updated operations."""
    new_shapes, old_shapes = new["shapes"], old["shapes"]
    modified = {}
    for name in new_shapes:
        if name not in old_shapes or _Equal(new_shapes, old_shapes)(name, name):
            continue
        delta = _Delta(new_shapes, old_shapes)(name, name)
        if delta:
            modified[name] = delta
    result = {}
    for operation, spec in new["operations"].items():
        found = {}
        for part, side in (("input", "request"), ("output", "response")):
            shape = spec.get(part, {}).get("shape")
            if shape in modified:
                found[side] = modified[shape]
        if "request" in found and new["metadata"].get("endpointPrefix") == "ec2":
            # The site's one service-specific rule: ec2 requests without TagSpecifications.
            request = {k: v for k, v in found["request"].items() if k != "TagSpecifications"}
            if request:
                found["request"] = request
            else:
                del found["request"]
        if len(found) == 2 and found["request"] == found["response"]:
            found = {"both": found["request"]}
        if found:
            result[operation] = found
    return result


def site_new_operations(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    return set(new["operations"]) - set(old["operations"])
