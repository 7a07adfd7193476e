"""``make generate``: bring ``generated/`` up to date with the configured models."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from codegen import atomic
from codegen.ir import serialize
from codegen.ir.model import ModelSet
from codegen.progress import track
from codegen.sources import open_models
from codegen.workflow.config import Config


@dataclass(frozen=True)
class GenerateResult:
    services: list[str]
    files_written: int


def generate(config: Config) -> GenerateResult:
    source = open_models(config.models)
    names = source.services() if config.services is None else list(config.services)
    ir_dir = config.out / "ir"
    written = 0
    with atomic.directory(ir_dir) as staging:
        for name in track(names, "IR", total=len(names)):
            service = source.load(name)
            single = ModelSet(
                source=source.spec,
                botocore_version=source.botocore_version,
                services={name: service},
            )
            Path(staging, f"{name}.json").write_text(
                serialize.dumps(single, indent=1), encoding="utf-8"
            )
            written += 1
    return GenerateResult(services=names, files_written=written)
