"""The ``[tool.boto-codegen]`` table of pyproject.toml: what ``make generate`` builds."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from codegen.errors import CodegenError

DEFAULT_SERVICES = ("license-manager",)


@dataclass(frozen=True)
class Config:
    models: str = "installed"
    services: tuple[str, ...] | None = DEFAULT_SERVICES  # None means every service
    out: Path = Path("generated")
    outputs: tuple[str, ...] = field(default=("ir", "stubs", "docs", "notes"))

    @property
    def output_names(self) -> tuple[str, ...]:
        """The outputs as the lock records them: each once, sorted."""
        return tuple(sorted(set(self.outputs)))


def load_config(pyproject: Path) -> Config:
    """Read the configuration; a missing file or table gives the defaults."""
    if not pyproject.is_file():
        return Config()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CodegenError(f"invalid TOML: {exc}", path=str(pyproject)) from None
    table = data.get("tool", {}).get("boto-codegen", {})
    place = "tool.boto-codegen"
    services = table.get("services", list(DEFAULT_SERVICES))
    if services == "all":
        selected = None
    elif isinstance(services, list) and all(isinstance(s, str) for s in services):
        selected = tuple(services)
    else:
        raise CodegenError(
            'services must be a list of names or "all"',
            path=str(pyproject),
            place=f"{place}.services",
        )
    out = Path(table.get("out", "generated"))
    if not out.is_absolute():
        out = pyproject.parent / out
    outputs = table.get("outputs", list(Config.outputs))
    if not isinstance(outputs, list) or not all(isinstance(o, str) for o in outputs):
        raise CodegenError(
            "outputs must be a list of names", path=str(pyproject), place=f"{place}.outputs"
        )
    return Config(
        models=str(table.get("models", "installed")),
        services=selected,
        out=out,
        outputs=tuple(outputs),
    )
