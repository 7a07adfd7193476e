"""Shared examples (examples-1.json) under a method: the call and its expected output."""

from __future__ import annotations

import datetime
import numbers
import re
import time
import warnings
from typing import TYPE_CHECKING, Any

from codegen.docs.sections import SectionWriter
from codegen.ir.model import Service, Shape

if TYPE_CHECKING:
    from codegen.docs.method import MethodDoc

# botocore.docs.utils.escape_controls, as a translation table.
CONTROL_ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"})


def document_shared_examples(section: SectionWriter, doc: MethodDoc) -> None:
    container = section.add_new_section("shared-examples")
    container.new_paragraph()
    container.bold("Examples")
    service = doc.request.service
    operation = doc.request.operation
    input_shape = _shape(service, operation.input.target if operation.input else None)
    output_shape = _shape(service, operation.output.target if operation.output else None)
    writer = _ExampleWriter(service)
    for example in doc.examples:
        example_section = container.add_new_section(str(example["id"]))
        example_section.new_paragraph()
        example_section.write(example.get("description"))
        example_section.new_line()
        writer.input(example_section, example, doc.example_prefix, input_shape)
        writer.output(example_section, example, output_shape)


def _shape(service: Service, name: str | None) -> Shape | None:
    return service.shapes[name] if name is not None else None


class _ExampleWriter:
    def __init__(self, service: Service):
        self.service = service

    def _target(self, name: str) -> Shape:
        return self.service.shapes[name]

    def input(self, section: SectionWriter, example: Any, prefix: str, shape: Shape | None) -> None:
        input_section = section.add_new_section("input")
        input_section.start_codeblock()
        input_section.write(prefix)
        comments = (example.get("comments") or {}).get("input")
        params_section = input_section.add_new_section("parameters")
        self._params(params_section, example.get("input", {}), comments, [], shape)
        closing = input_section.add_new_section("input-close")
        closing.new_line()
        closing.new_line()
        closing.write("print(response)")
        closing.end_codeblock()

    def output(self, section: SectionWriter, example: Any, shape: Shape | None) -> None:
        output_section = section.add_new_section("output")
        output_section.new_line()
        output_section.write("Expected Output:")
        output_section.new_line()
        output_section.start_codeblock()
        params = dict(example.get("output", {}))
        # boto3 always shows the response metadata, even without an output.
        params["ResponseMetadata"] = {"...": "..."}
        comments = (example.get("comments") or {}).get("output")
        self._dict(output_section, params, comments, [], shape, top_level=True)
        output_section.add_new_section("output-close").end_codeblock()

    def _value(
        self,
        section: SectionWriter,
        value: Any,
        comments: Any,
        path: list[str],
        shape: Shape | None,
    ) -> None:
        if isinstance(value, dict):
            self._dict(section, value, comments, path, shape)
        elif isinstance(value, list):
            self._list(section, value, comments, path, shape)
        elif isinstance(value, numbers.Number):
            section.write(f"{value!s},")
        elif shape is not None and shape.type == "timestamp":
            with warnings.catch_warnings():
                # Examples write zones dateutil does not know ("PDT"); boto3 renders
                # them the same way, with the same warning, which users need not see.
                warnings.simplefilter("ignore")
                parts = timestamp_parts(value)
            section.write(f"datetime({', '.join(str(p) for p in parts)}),")
        else:
            section.write(f"'{value.translate(CONTROL_ESCAPES)}',")

    def _item(
        self, section: SectionWriter, key: str, comments: Any, path: list[str], label: str
    ) -> SectionWriter:
        item = section.add_new_section(key)
        item.new_line()
        comment = _comment(path, comments)
        if comment:
            item.write(comment)
            item.new_line()
        if label:
            item.write(label)
        return item

    def _dict(
        self,
        section: SectionWriter,
        value: dict[str, Any],
        comments: Any,
        path: list[str],
        shape: Shape | None,
        top_level: bool = False,
    ) -> None:
        dict_section = section.add_new_section("dict-value")
        _start(dict_section, "{")
        for key, item_value in value.items():
            path.append(f".{key}")
            item = self._item(dict_section, key, comments, path, f"'{key}': ")
            item_shape = None
            if shape is not None:
                if shape.type == "structure":
                    member = shape.get_member(key)
                    item_shape = self._target(member.target) if member else None
                elif shape.type == "map" and shape.value is not None:
                    item_shape = self._target(shape.value.target)
            self._value(item, item_value, comments, path, item_shape)
            path.pop()
        end = dict_section.add_new_section("ending-brace")
        _end(end, "}")
        if not top_level:
            end.write(",")

    def _params(
        self,
        section: SectionWriter,
        value: dict[str, Any],
        comments: Any,
        path: list[str],
        shape: Shape | None,
    ) -> None:
        param_section = section.add_new_section("param-values")
        _start(param_section, "(")
        for key, item_value in value.items():
            path.append(f".{key}")
            item = self._item(param_section, key, comments, path, key + "=")
            item_shape = None
            if shape is not None:
                member = shape.get_member(key)
                item_shape = self._target(member.target) if member else None
            self._value(item, item_value, comments, path, item_shape)
            path.pop()
        _end(param_section.add_new_section("ending-parenthesis"), ")")

    def _list(
        self,
        section: SectionWriter,
        value: list[Any],
        comments: Any,
        path: list[str],
        shape: Shape | None,
    ) -> None:
        list_section = section.add_new_section("list-section")
        _start(list_section, "[")
        item_shape = None
        if shape is not None and shape.member is not None:
            item_shape = self._target(shape.member.target)
        for index, item_value in enumerate(value):
            path.append(f"[{index}]")
            item = self._item(list_section, str(index), comments, path, "")
            self._value(item, item_value, comments, path, item_shape)
            path.pop()
        _end(list_section.add_new_section("ending-bracket"), "],")


def _comment(path: list[str], comments: Any) -> str:
    key = re.sub(r"^\.", "", "".join(path))
    if comments and key in comments:
        return f"# {comments[key]}"
    return ""


def _start(section: SectionWriter, start: str) -> None:
    section.write(start)
    section.indent_more()
    section.indent_more()


def _end(section: SectionWriter, end: str) -> None:
    section.dedent()
    section.dedent()
    section.new_line()
    section.write(end)


def timestamp_parts(value: str) -> time.struct_time:
    """``botocore.utils.parse_timestamp(value).timetuple()``, as boto3 writes example timestamps.

    The same steps (epoch seconds in local time, else dateutil with GMT as
    UTC), without importing botocore.utils, which pulls in botocore's HTTP
    stack; botocore's own function handles what the common steps cannot. ISO
    8601 text (most examples; never a number) is read by ``datetime`` as
    dateutil reads it, sparing a worker dateutil (a seventieth of a second to
    import).
    """
    if _ISO_8601.fullmatch(value):
        read = datetime.datetime.fromisoformat(value)
        parts = read.timetuple()
        # dateutil's zones have no daylight saving: the flag is 0, not unknown.
        return parts if read.tzinfo is None else time.struct_time((*parts[:8], 0))
    from dateutil.tz import tzlocal, tzutc

    try:
        return datetime.datetime.fromtimestamp(float(value), tzlocal()).timetuple()
    except (TypeError, ValueError):
        pass
    except (OSError, OverflowError):
        from botocore.utils import parse_timestamp

        return parse_timestamp(value).timetuple()
    from dateutil.parser import parse

    try:
        return parse(value, tzinfos={"GMT": tzutc()}).timetuple()
    except (TypeError, ValueError) as exc:
        raise ValueError(f'Invalid timestamp "{value}": {exc}') from None


_ISO_8601 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)?")
