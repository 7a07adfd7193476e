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
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from botocore.exceptions import DataNotFoundError, UnknownServiceError
from botocore.loaders import JSONFileLoader, Loader

from codegen.errors import CodegenError, ModelError
from codegen.ir.build import RawService, build_service
from codegen.ir.model import ModelSet, Service

_EXTENSIONS = (".json", ".json.gz")
_READ_AHEAD = 4  # services whose files a thread reads before they are parsed
SERVICE_TYPE = "service-2"
PAGINATORS_TYPE = "paginators-1"
WAITERS_TYPE = "waiters-2"
EXAMPLES_TYPE = "examples-1"
_MODEL_FILES = tuple(
    f"{type_name}{extras}"
    for type_name in (SERVICE_TYPE, PAGINATORS_TYPE, WAITERS_TYPE, EXAMPLES_TYPE)
    for extras in ("", ".sdk-extras")
)


def read_json(path: str) -> Any:
    """Parse one model file, plain or gzipped, raising ModelError on anything unreadable."""
    try:
        return parse_json(path, read_model_bytes(path))
    except FileNotFoundError as exc:
        raise ModelError(f"cannot read: {exc}", path=path) from None


def read_model_bytes(path: str) -> bytes:
    """A model file's JSON text, gunzipped; FileNotFoundError passes through, other failures
    become a ModelError."""
    try:
        with open(path, "rb") as fp:
            payload = fp.read()
        if path.endswith(".gz"):
            payload = gzip.decompress(payload)
        return payload
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise
    except (OSError, EOFError, zlib.error) as exc:
        raise ModelError(f"cannot read: {exc}", path=path) from None


def parse_json(path: str, payload: bytes) -> Any:
    try:
        return json.loads(payload)
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"invalid JSON: {exc.msg}", path=path, place=f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except UnicodeDecodeError as exc:
        raise ModelError(f"not UTF-8 at byte {exc.start}", path=path) from None


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Parsed models and the IR are acyclic; without the pause the collector walks
    the growing heap again and again and loading whole botocore takes 2-3x longer.
    On resuming, what was built is frozen (``gc.freeze``): otherwise the first
    collection afterwards walks all of it (half a second for whole botocore),
    and every full collection after that again. Frozen objects are still freed
    as soon as nothing refers to them; only reference cycles among them would
    outlive their use, and the IR has none.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


# What a prefetch found for one file: its bytes, or the error reading it gave.
_Read = bytes | ModelError


class _RecordingFileLoader(JSONFileLoader):
    """botocore's file loader, parsing with plain json and remembering which files it read.

    Files another thread has already read (``prefetched``) are taken from there.
    """

    def __init__(self) -> None:
        self.read: list[str] = []
        self.prefetched: dict[str, _Read] = {}

    def _load_file(self, full_path: str, open_method: Any) -> Any:
        payload = self.prefetched.pop(full_path, None)
        if isinstance(payload, ModelError):
            raise payload
        if payload is None:
            # Opening and failing costs what botocore's isfile() check costs,
            # and saves that check for every file that is there.
            try:
                payload = read_model_bytes(full_path)
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                return None
        data = parse_json(full_path, payload)
        self.read.append(full_path)
        return data


class _ListingsCache(dict[Any, Any]):
    """botocore's Loader cache, keeping directory listings but never a parsed model file.

    A whole-botocore run must not hold every file it parsed; listings are cheap and reused.
    """

    _NOT_KEPT = frozenset({"load_data", "load_data_with_path", "load_service_model"})

    def __setitem__(self, key: Any, value: Any) -> None:
        if key[0] not in self._NOT_KEPT:
            super().__setitem__(key, value)


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
        self._loader._cache = _ListingsCache()  # type: ignore[attr-defined]  # its instance_cache
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
        self._files.read.clear()
        try:
            data = self._loader.load_service_model(service, type_name, api_version)
        except (DataNotFoundError, UnknownServiceError):
            return None, None
        # botocore reads the main file first, then its extras.
        return data, self._files.read[0]

    def model_files(self, service: str, api_version: str | None = None) -> list[str]:
        """Every file that makes up the service's model, extras included, in a stable order."""
        return self._files_of(service, self._resolve_version(service, api_version))

    def _files_of(self, service: str, version: str) -> list[str]:
        # One listing per search path rather than a stat per candidate name:
        # this runs for every service of a whole-botocore load.
        found: dict[str, str] = {}
        for location in self._loader.search_paths:
            folder = os.path.join(location, service, version)
            try:
                entries = set(os.listdir(folder))
            except OSError:
                continue
            for name in _MODEL_FILES:
                for ext in _EXTENSIONS:
                    if name not in found and name + ext in entries:
                        found[name] = os.path.join(folder, name + ext)
        return [found[name] for name in _MODEL_FILES if name in found]

    def _read_ahead(self, service: str, version: str) -> dict[str, _Read]:
        found: dict[str, _Read] = {}
        for path in self._files_of(service, version):
            try:
                found[path] = read_model_bytes(path)
            except ModelError as error:
                found[path] = error
            except OSError:
                pass  # gone meanwhile: the loader looks again and decides
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
        model, model_path = self._load(service, SERVICE_TYPE, version)
        if model is None or model_path is None:
            raise CodegenError(f"no service-2.json for {service} {version}", path=self.spec)
        paginators, paginators_path = self._load(service, PAGINATORS_TYPE, version)
        waiters, waiters_path = self._load(service, WAITERS_TYPE, version)
        examples, examples_path = self._load(service, EXAMPLES_TYPE, version)
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

    def load(self, service: str, api_version: str | None = None) -> Service:
        with gc_paused():
            return build_service(self.raw(service, api_version))

    def load_set(
        self, services: Iterable[str] | None = None, api_version: str | None = None
    ) -> ModelSet:
        names = self.services() if services is None else list(services)
        for name in names:
            self._check_service(name)
        ordered = sorted(set(names))
        versions = [self._resolve_version(name, api_version) for name in ordered]
        loaded = {}
        with gc_paused(), ThreadPoolExecutor(max_workers=1) as pool:
            # Reading and gunzipping release the GIL: a thread does them a few
            # services ahead while this one parses and builds (about a sixth of
            # the time for whole botocore on two cores).
            ahead = [
                pool.submit(self._read_ahead, name, version)
                for name, version in zip(ordered[:_READ_AHEAD], versions, strict=False)
            ]
            try:
                for i, (name, version) in enumerate(zip(ordered, versions, strict=True)):
                    if i + _READ_AHEAD < len(ordered):
                        next_up = i + _READ_AHEAD
                        ahead.append(
                            pool.submit(self._read_ahead, ordered[next_up], versions[next_up])
                        )
                    self._files.prefetched = ahead[i].result()
                    loaded[name] = self.load(name, version)
            finally:
                self._files.prefetched = {}
                for future in ahead:
                    future.cancel()
        return ModelSet(source=self.spec, botocore_version=self.botocore_version, services=loaded)
