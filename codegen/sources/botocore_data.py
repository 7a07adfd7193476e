"""Read a folder in botocore's data layout through botocore's own loader.

botocore's ``Loader`` finds services, picks API versions and merges the
``*.sdk-extras.json`` files; we only swap its file reader for one that parses
with plain ``json`` (botocore's builds OrderedDicts, which is much slower) and
turns unreadable files into one-line errors naming the file and the place.
"""

from __future__ import annotations

import contextlib
import gc
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from botocore.exceptions import DataNotFoundError, UnknownServiceError
from botocore.loaders import JSONFileLoader, Loader

from codegen.errors import CodegenError, ModelError
from codegen.ir.build import RawService, build_service
from codegen.ir.model import ModelSet, Service

_EXTENSIONS = (".json", ".json.gz")
SERVICE_TYPE = "service-2"
PAGINATORS_TYPE = "paginators-1"
WAITERS_TYPE = "waiters-2"
EXAMPLES_TYPE = "examples-1"


def read_json(path: str) -> Any:
    """Parse one model file, plain or gzipped, raising ModelError on anything unreadable."""
    try:
        with open(path, "rb") as fp:
            payload = fp.read()
        if path.endswith(".gz"):
            payload = gzip.decompress(payload)
        return json.loads(payload)
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"invalid JSON: {exc.msg}", path=path, place=f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except (OSError, EOFError, zlib.error) as exc:
        raise ModelError(f"cannot read: {exc}", path=path) from None
    except UnicodeDecodeError as exc:
        raise ModelError(f"not UTF-8 at byte {exc.start}", path=path) from None


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Parsed models and the IR are acyclic; without the pause the collector walks
    the growing heap again and again and loading whole botocore takes 2-3x longer.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _RecordingFileLoader(JSONFileLoader):
    """botocore's file loader, parsing with plain json and remembering which file it read."""

    def __init__(self) -> None:
        self.last_path: str | None = None

    def _load_file(self, full_path: str, open_method: Any) -> Any:
        if not os.path.isfile(full_path):
            return None
        data = read_json(full_path)
        self.last_path = full_path
        return data


class BotocoreData:
    """A model source backed by one botocore data folder (or botocore's default search path)."""

    def __init__(self, spec: str, root: str | None, botocore_version: str | None):
        self.spec = spec
        self.root = root
        self.botocore_version = botocore_version
        self._files = _RecordingFileLoader()
        if root is None:
            self._loader = Loader(file_loader=self._files)
        else:
            self._loader = Loader(
                extra_search_paths=[root],
                file_loader=self._files,
                include_default_search_paths=False,
            )
        self._services: list[str] | None = None

    def __repr__(self) -> str:
        return f"<models {self.spec}>"

    def services(self) -> list[str]:
        if self._services is None:
            self._services = list(self._loader.list_available_services(SERVICE_TYPE))
        return self._services

    def _check_service(self, service: str) -> None:
        if service not in self.services():
            import difflib

            close = difflib.get_close_matches(service, self.services(), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CodegenError(f"unknown service {service!r}{hint}", path=self.spec)

    def api_versions(self, service: str) -> list[str]:
        self._check_service(service)
        return sorted(self._loader.list_api_versions(service, SERVICE_TYPE))

    def latest_api_version(self, service: str) -> str:
        self._check_service(service)
        return str(self._loader.determine_latest_version(service, SERVICE_TYPE))

    def _resolve_version(self, service: str, api_version: str | None) -> str:
        if api_version is None:
            return self.latest_api_version(service)
        versions = self.api_versions(service)
        if api_version not in versions:
            raise CodegenError(
                f"service {service!r} has no API version {api_version!r}"
                f" (it has {', '.join(versions)})",
                path=self.spec,
            )
        return api_version

    def _load(self, service: str, type_name: str, api_version: str) -> tuple[Any, str | None]:
        self._files.last_path = None
        try:
            data = self._loader.load_service_model(service, type_name, api_version)
        except (DataNotFoundError, UnknownServiceError):
            return None, None
        # The main file is read before its extras; find it by name, not by "last read".
        base = os.path.join(service, api_version, type_name)
        return data, self._find_file(base)

    def _find_file(self, base: str) -> str | None:
        for location in self._loader.search_paths:
            for ext in _EXTENSIONS:
                candidate = os.path.join(location, base + ext)
                if os.path.isfile(candidate):
                    return candidate
        return None

    def model_files(self, service: str, api_version: str | None = None) -> list[str]:
        """Every file that makes up the service's model, extras included, in a stable order."""
        version = self._resolve_version(service, api_version)
        found = []
        for type_name in (SERVICE_TYPE, PAGINATORS_TYPE, WAITERS_TYPE, EXAMPLES_TYPE):
            for name in (type_name, f"{type_name}.sdk-extras"):
                path = self._find_file(os.path.join(service, version, name))
                if path is not None:
                    found.append(path)
        return found

    def fingerprint(self, service: str, api_version: str | None = None) -> str:
        """A hash of the service's model files as stored: equal bytes, equal hash."""
        digest = hashlib.sha256()
        for path in self.model_files(service, api_version):
            with open(path, "rb") as fp:
                data = fp.read()
            if path.endswith(".gz"):
                # gzip headers carry a timestamp; hash what the file says, not when it was packed.
                data = gzip.decompress(data)
            digest.update(os.path.basename(path).removesuffix(".gz").encode() + b"\0")
            digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def raw(self, service: str, api_version: str | None = None) -> RawService:
        version = self._resolve_version(service, api_version)
        try:
            model, model_path = self._load(service, SERVICE_TYPE, version)
            if model is None or model_path is None:
                raise CodegenError(f"no service-2.json for {service} {version}", path=self.spec)
            paginators, paginators_path = self._load(service, PAGINATORS_TYPE, version)
            waiters, waiters_path = self._load(service, WAITERS_TYPE, version)
            examples, examples_path = self._load(service, EXAMPLES_TYPE, version)
        finally:
            self._forget_loaded_files()
        return RawService(
            name=service,
            api_version=version,
            service=model,
            service_path=model_path,
            paginators=paginators,
            paginators_path=paginators_path,
            waiters=waiters,
            waiters_path=waiters_path,
            examples=examples,
            examples_path=examples_path,
        )

    def _forget_loaded_files(self) -> None:
        # The loader caches every file it parsed; a whole-botocore run must not keep
        # them all. Its directory listings stay cached: they are cheap and reused.
        cache = self._loader._cache  # type: ignore[attr-defined]  # botocore's instance_cache
        for key in [
            k for k in cache if k[0] in ("load_data", "load_data_with_path", "load_service_model")
        ]:
            del cache[key]

    def load(self, service: str, api_version: str | None = None) -> Service:
        with gc_paused():
            return build_service(self.raw(service, api_version))

    def load_set(
        self, services: Iterable[str] | None = None, api_version: str | None = None
    ) -> ModelSet:
        names = self.services() if services is None else list(services)
        for name in names:
            self._check_service(name)
        with gc_paused():
            loaded = {name: self.load(name, api_version) for name in sorted(set(names))}
        return ModelSet(source=self.spec, botocore_version=self.botocore_version, services=loaded)
