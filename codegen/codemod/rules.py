"""The rule language every codemod compiles to, and its TOML form.

Hand-written rule files (``--rules FILE``), the built-in migrations
(``--migration es-to-opensearch``) and rules derived from two model sources
(``--from/--to``) all end up as one ``RuleSet``; the transform reads nothing
else. ``load_rules`` reads the TOML form, ``dump_rules`` writes it back, so a
derived rule set can be printed, reviewed, edited and fed back in.

The TOML form (documented in the README)::

    version = 1

    [services.es]
    rename = "opensearch"                       # boto3.client("es") -> "opensearch"
    modules = { mypy_boto3_es = "mypy_boto3_opensearch" }
    names = { ElasticsearchServiceClient = "OpenSearchServiceClient" }
    waiters = { old_waiter = "new_waiter" }     # "" = the waiter was removed
    paginators = { old_paginator = "" }         # a paginator removed (its operation stays)

    [services.es.operations.create_elasticsearch_domain]
    rename = "create_domain"                    # or: removed = true, note = "..."

    [services.es.operations.create_elasticsearch_domain.parameters]
    ElasticsearchClusterConfig = { rename = "ClusterConfig" }
    "ElasticsearchClusterConfig.InstanceType" = { value = { match = '...', replace = '...' } }
    "Filters[].Name" = { value = { match = 'OldValue', note = "no longer accepted" } }
    "Filters[].Name" = { removed = true, note = "..." }
    NewThing = { required = true }
    Kind = { check = true, note = "now takes a list" }   # a TODO wherever it is passed

Parameter paths use the old names, dotted for nested structures; ``[]`` steps
into the items of a list.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from codegen.errors import CodegenError

RULES_VERSION = 1
LIST_ITEMS = "[]"


class ValueRewrite(NamedTuple):
    """Values that changed meaning or are no longer accepted.

    With ``replace``: a matching literal is rewritten, a value that is not a
    literal gets a TODO. Without: a matching literal gets a TODO (an enum value
    that was removed), anything else is left alone.
    """

    match: str  # regular expression the old literal value must match (fully)
    replace: str | None = None  # re.sub replacement giving the new value
    note: str = ""  # what a human must check

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.match, value) is not None

    def apply(self, value: str) -> str | None:
        """The new literal for ``value``, or None when the rule does not rewrite it."""
        if self.replace is None or not self.matches(value):
            return None
        return re.sub(self.match, self.replace, value, count=1)


class ParameterRule(NamedTuple):
    path: tuple[str, ...]  # old member names from the operation's input; "[]" = list items
    rename: str | None = None
    removed: bool = False
    required: bool = False  # newly required: a TODO where a call does not pass it
    check: bool = False  # changed in a way only a human can follow: a TODO where passed
    value: ValueRewrite | None = None
    note: str = ""

    @property
    def dotted(self) -> str:
        return ".".join(self.path).replace(".[]", "[]")


class OperationRule(NamedTuple):
    method: str  # the boto3 method name before the change
    rename: str | None = None
    removed: bool = False
    note: str = ""
    parameters: tuple[ParameterRule, ...] = ()


class ServiceRules(NamedTuple):
    service: str
    rename: str | None = None
    operations: Mapping[str, OperationRule] = {}
    waiters: Mapping[str, str | None] = {}  # None: the waiter is gone
    paginators: Mapping[str, str | None] = {}  # None: the paginator is gone
    modules: Mapping[str, str] = {}  # type-stub modules: mypy_boto3_es -> mypy_boto3_opensearch
    names: Mapping[str, str] = {}  # names imported from those modules


class RuleSet(NamedTuple):
    origin: str  # where the rules came from, for messages and reports
    services: Mapping[str, ServiceRules]

    def trigger_words(self) -> frozenset[str]:
        """Names at least one of which every file the rules can change must contain.

        A renamed service is not among them: it only matters where a client is
        made, so as a string literal (see ``renamed_services``).
        """
        words: set[str] = set()
        for service in self.services.values():
            words.update(service.modules)
            words.update(service.waiters)
            words.update(service.paginators)
            for rule in service.operations.values():
                words.add(rule.method)
                if rule.rename and rule.parameters:
                    words.add(rule.rename)
        return frozenset(words)

    def renamed_services(self) -> frozenset[str]:
        return frozenset(s.service for s in self.services.values() if s.rename)


def load_rules(path: str | Path) -> RuleSet:
    """Read a TOML rule file, with a one-line error naming the place of anything wrong."""
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CodegenError(f"cannot read rules: {exc.strerror}", path=where) from None
    except UnicodeDecodeError as exc:
        raise CodegenError(f"not UTF-8 at byte {exc.start}", path=where) from None
    except tomllib.TOMLDecodeError as exc:
        raise CodegenError(f"invalid TOML: {exc}", path=where) from None
    return parse_rules(data, origin=where)


def parse_rules(data: Mapping[str, Any], *, origin: str) -> RuleSet:
    reader = _Reader(origin)
    reader.keys(data, "", {"version", "services"})
    # Required, so a file of another tool's (or an empty one) is not taken as "no rules".
    if "version" not in data:
        raise reader.fail(
            "version", f"missing (the first line of a rules file: version = {RULES_VERSION})"
        )
    version = data["version"]
    if version != RULES_VERSION:
        raise CodegenError(f"unsupported rules version {version!r}", path=origin, place="version")
    if "services" not in data:
        raise reader.fail("services", "missing: the file holds no rules")
    services = reader.table(data["services"], "services")
    return RuleSet(
        origin, {name: reader.service(name, body) for name, body in sorted(services.items())}
    )


class _Reader:
    """Checks each table's keys and types, naming the dotted place of the first problem."""

    def __init__(self, origin: str):
        self.origin = origin

    def fail(self, place: str, message: str) -> CodegenError:
        return CodegenError(message, path=self.origin, place=place or None)

    def keys(self, table: Mapping[str, Any], place: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(
                    f"{place}.{key}" if place else key,
                    f"unknown key (expected one of: {', '.join(sorted(allowed))})",
                )

    def table(self, value: Any, place: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(place, "expected a table")
        return value

    def string(self, value: Any, place: str, *, empty: bool = False) -> str:
        if not isinstance(value, str) or (not empty and not value):
            raise self.fail(place, "expected a non-empty string")
        return value

    def flag(self, value: Any, place: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(place, "expected true or false")
        return value

    def strings(self, value: Any, place: str, *, empty: bool = False) -> dict[str, str]:
        return {
            key: self.string(item, f"{place}.{key}", empty=empty)
            for key, item in self.table(value, place).items()
        }

    def service(self, name: str, body: Any) -> ServiceRules:
        place = f"services.{name}"
        body = self.table(body, place)
        allowed = {"rename", "operations", "waiters", "paginators", "modules", "names"}
        self.keys(body, place, allowed)
        operations = self.table(body.get("operations", {}), f"{place}.operations")
        waiters = self.strings(body.get("waiters", {}), f"{place}.waiters", empty=True)
        paginators = self.strings(body.get("paginators", {}), f"{place}.paginators", empty=True)
        return ServiceRules(
            service=name,
            rename=self.string(body["rename"], f"{place}.rename") if "rename" in body else None,
            operations={
                method: self.operation(method, rule, f"{place}.operations.{method}")
                for method, rule in sorted(operations.items())
            },
            waiters={old: new or None for old, new in sorted(waiters.items())},
            paginators={old: new or None for old, new in sorted(paginators.items())},
            modules=self.strings(body.get("modules", {}), f"{place}.modules"),
            names=self.strings(body.get("names", {}), f"{place}.names"),
        )

    def operation(self, method: str, body: Any, place: str) -> OperationRule:
        body = self.table(body, place)
        self.keys(body, place, {"rename", "removed", "note", "parameters"})
        parameters = self.table(body.get("parameters", {}), f"{place}.parameters")
        rule = OperationRule(
            method=method,
            rename=self.string(body["rename"], f"{place}.rename") if "rename" in body else None,
            removed=self.flag(body.get("removed", False), f"{place}.removed"),
            note=self.string(body.get("note", ""), f"{place}.note", empty=True),
            parameters=tuple(
                self.parameter(path, spec, f"{place}.parameters.{path}")
                for path, spec in parameters.items()
            ),
        )
        if rule.rename and rule.removed:
            raise self.fail(place, "an operation is either renamed or removed, not both")
        return rule

    def parameter(self, path: str, body: Any, place: str) -> ParameterRule:
        body = self.table(body, place)
        self.keys(body, place, {"rename", "removed", "required", "check", "value", "note"})
        value = None
        if "value" in body:
            spec = self.table(body["value"], f"{place}.value")
            self.keys(spec, f"{place}.value", {"match", "replace", "note"})
            value = ValueRewrite(
                match=self.string(spec.get("match"), f"{place}.value.match"),
                replace=(
                    self.string(spec["replace"], f"{place}.value.replace", empty=True)
                    if "replace" in spec
                    else None
                ),
                note=self.string(spec.get("note", ""), f"{place}.value.note", empty=True),
            )
            try:
                re.compile(value.match)
            except re.error as exc:
                message = f"invalid regular expression: {exc}"
                raise self.fail(f"{place}.value.match", message) from None
        rule = ParameterRule(
            path=parse_path(path, self.fail, place),
            rename=self.string(body["rename"], f"{place}.rename") if "rename" in body else None,
            removed=self.flag(body.get("removed", False), f"{place}.removed"),
            required=self.flag(body.get("required", False), f"{place}.required"),
            check=self.flag(body.get("check", False), f"{place}.check"),
            value=value,
            note=self.string(body.get("note", ""), f"{place}.note", empty=True),
        )
        if not (rule.rename or rule.removed or rule.required or rule.check or rule.value):
            raise self.fail(
                place, "a parameter rule needs rename, removed, required, check or value"
            )
        if rule.removed and (rule.rename or rule.required or rule.check or rule.value):
            raise self.fail(place, "a removed parameter cannot also be renamed, required or valued")
        return rule


_STEP = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\[\]")


def parse_path(text: str, fail: Any, place: str) -> tuple[str, ...]:
    """``A.B[].C`` -> ("A", "B", "[]", "C")."""
    steps: list[str] = []
    for part in text.split("."):
        name, brackets, rest = part.partition("[]")
        if not name or not _STEP.fullmatch(name):
            raise fail(place, f"invalid parameter path {text!r}")
        steps.append(name)
        while brackets:
            steps.append(LIST_ITEMS)
            junk, brackets, rest = rest.partition("[]")
            if junk:
                raise fail(place, f"invalid parameter path {text!r}")
    return tuple(steps)


def dump_rules(rules: RuleSet) -> str:
    """The TOML form of ``rules``; ``parse_rules`` of it gives the same RuleSet back."""
    out = [f"# boto-codegen codemod rules, from {rules.origin}", f"version = {RULES_VERSION}"]
    if not rules.services:
        out.append("services = {}  # no rules: nothing changed that a call site would feel")
    for service in rules.services.values():
        out.append("")
        out.append(f"[services.{_key(service.service)}]")
        if service.rename:
            out.append(f"rename = {_string(service.rename)}")
        for label, table in (
            ("modules", service.modules),
            ("names", service.names),
            ("waiters", {old: new or "" for old, new in service.waiters.items()}),
            ("paginators", {old: new or "" for old, new in service.paginators.items()}),
        ):
            if table:
                out.append(f"[services.{_key(service.service)}.{label}]")
                out.extend(f"{_key(k)} = {_string(v)}" for k, v in table.items())
        for rule in service.operations.values():
            base = f"services.{_key(service.service)}.operations.{_key(rule.method)}"
            out.append("")
            out.append(f"[{base}]")
            if rule.rename:
                out.append(f"rename = {_string(rule.rename)}")
            if rule.removed:
                out.append("removed = true")
            if rule.note:
                out.append(f"note = {_string(rule.note)}")
            if rule.parameters:
                out.append(f"[{base}.parameters]")
                out.extend(f"{_key(p.dotted)} = {_parameter(p)}" for p in rule.parameters)
    return "\n".join(out) + "\n"


def _parameter(rule: ParameterRule) -> str:
    fields: dict[str, Any] = {}
    if rule.rename:
        fields["rename"] = rule.rename
    if rule.removed:
        fields["removed"] = True
    if rule.required:
        fields["required"] = True
    if rule.check:
        fields["check"] = True
    if rule.value:
        value = {"match": rule.value.match}
        if rule.value.replace is not None:
            value["replace"] = rule.value.replace
        if rule.value.note:
            value["note"] = rule.value.note
        fields["value"] = value
    if rule.note:
        fields["note"] = rule.note
    return _inline(fields)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    # A literal string keeps regular expressions readable; otherwise a basic string.
    if "\\" in text and "'" not in text and "\n" not in text:
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _inline(table: Mapping[str, Any]) -> str:
    parts = []
    for key, value in table.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, Mapping):
            text = _inline(value)
        else:
            text = _string(str(value))
        parts.append(f"{_key(key)} = {text}")
    return "{ " + ", ".join(parts) + " }" if parts else "{}"
