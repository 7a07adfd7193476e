"""Read a folder in botocore's data layout as botocore does.

Services, API versions and files are found by botocore's ``Loader`` rules, and
``*.sdk-extras.json`` files merged by its ``ExtrasProcessor`` rules (the
``merge`` object, deep-merged), but without importing ``botocore.loaders``:
that module pulls in botocore's HTTP stack (urllib3, http.client, email),
about 0.1 s of every command's start, more than finding and reading a large
service costs. ``tests/test_sources.py`` checks both against botocore's own
on the installed release. A service is a folder of a search path with an API
version folder holding its ``service-2`` file; the newest version is the
greatest name; each file comes from the first search path that has it, plain
before gzipped. Files are parsed with plain ``json`` (botocore builds
OrderedDicts, which is much slower). Unreadable files become one-line errors
naming the file and the place.
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

import botocore

from codegen.errors import CodegenError, ModelError
from codegen.ir.build import RawService, build_service
from codegen.ir.model import ModelSet, Service
from codegen.ir.resources import build_resources
from codegen.sources.boto3_data import Boto3Data

_EXTENSIONS = (".json", ".json.gz")
SERVICE_TYPE = "service-2"
PAGINATORS_TYPE = "paginators-1"
WAITERS_TYPE = "waiters-2"
EXAMPLES_TYPE = "examples-1"
_MODEL_TYPES = (SERVICE_TYPE, PAGINATORS_TYPE, WAITERS_TYPE, EXAMPLES_TYPE)
# botocore's Loader.BUILTIN_EXTRAS_TYPES: the extras files merged into each model.
EXTRAS_TYPES = ("sdk",)
_EXTRAS_OF = {
    type_name: tuple(f"{type_name}.{kind}-extras" for kind in EXTRAS_TYPES)
    for type_name in _MODEL_TYPES
}
_MODEL_FILES = tuple(name for t in _MODEL_TYPES for name in (t, *_EXTRAS_OF[t]))


def read_json(path: str) -> Any:
    """Parse one model file, plain or gzipped, raising ModelError on anything unreadable."""
    payload = model_bytes(path)
    try:
        return json.loads(payload)
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"invalid JSON: {exc.msg}", path=path, place=f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except UnicodeDecodeError as exc:
        raise ModelError(f"not UTF-8 at byte {exc.start}", path=path) from None


def model_bytes(path: str) -> bytes:
    """A model file's JSON text as stored, gunzipped; ModelError if it cannot be read."""
    try:
        with open(path, "rb") as fp:
            payload = fp.read()
        return _gunzip(payload) if path.endswith(".gz") else payload
    except (OSError, EOFError, zlib.error) as exc:
        raise ModelError(f"cannot read: {exc}", path=path) from None


def _gunzip(data: bytes) -> bytes:
    # One zlib call for the usual single-member file, checksum included
    # (gzip.decompress parses the header in Python, copies the data and checks
    # the CRC in a second pass); gzip.decompress for anything else, and for
    # its error messages.
    try:
        inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        text = inflate.decompress(data)
        if inflate.eof and not inflate.unused_data:
            return text
    except zlib.error:
        pass
    return gzip.decompress(data)


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


def default_search_paths() -> list[str]:
    """botocore's Loader's default search paths: the user's models, then botocore's data."""
    return [
        os.path.join(os.path.expanduser("~"), ".aws", "models"),
        os.path.join(botocore.BOTOCORE_ROOT, "data"),
    ]


def merge_extras(model: Any, extras: Iterable[Any]) -> None:
    """botocore's ExtrasProcessor: each extras file's ``merge`` object deep-merged in."""
    for extra in extras:
        if "merge" in extra:
            _deep_merge(model, extra["merge"])


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    # botocore.utils.deep_merge: objects on both sides merge; anything else is replaced.
    for key, value in extra.items():
        if key in base and isinstance(base[key], dict) and isinstance(value, dict):
            _deep_merge(base[key], value)
        else:
            base[key] = value


def _has_model(folder: str, type_name: str) -> bool:
    # botocore's JSONFileLoader.exists
    return any(os.path.isfile(os.path.join(folder, type_name + ext)) for ext in _EXTENSIONS)


class BotocoreData:
    """A model source backed by one botocore data folder (or botocore's default search path)."""

    def __init__(
        self,
        spec: str,
        root: str | None,
        botocore_version: str | None,
        resources: Boto3Data | None = None,
    ):
        self.spec = spec
        self.root = root
        self.botocore_version = botocore_version
        # boto3's resource models and examples that go with these models, if any.
        self.resources = resources
        self.search_paths = default_search_paths() if root is None else [root]
        self._services: list[str] | None = None
        self._versions: dict[str, list[str]] = {}

    def __repr__(self) -> str:
        return f"<models {self.spec}>"

    def services(self) -> list[str]:
        """Every service with a model in some API version, sorted."""
        if self._services is None:
            found: set[str] = set()
            for location in self.search_paths:
                if not os.path.isdir(location):
                    continue
                for name in os.listdir(location):
                    if os.path.isdir(os.path.join(location, name)) and self._versions_of(name):
                        found.add(name)
            self._services = sorted(found)
        return self._services

    def _versions_of(self, service: str) -> list[str]:
        """The service's API versions with a model, sorted; none for an unknown service."""
        versions = self._versions.get(service)
        if versions is None:
            found: set[str] = set()
            for location in self.search_paths:
                folder = os.path.join(location, service)
                if os.path.isdir(location) and os.path.isdir(folder):
                    found.update(
                        version
                        for version in os.listdir(folder)
                        if _has_model(os.path.join(folder, version), SERVICE_TYPE)
                    )
            versions = self._versions[service] = sorted(found)
        return versions

    def _check_service(self, service: str) -> None:
        # A name that is a path (or nothing) is no service, whatever folders it reaches.
        known = service not in ("", ".", "..") and "/" not in service and os.sep not in service
        if not (known and self._versions_of(service)):
            import difflib

            close = difflib.get_close_matches(service, self.services(), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CodegenError(f"unknown service {service!r}{hint}", path=self.spec)

    def api_versions(self, service: str) -> list[str]:
        self._check_service(service)
        return list(self._versions_of(service))

    def latest_api_version(self, service: str) -> str:
        self._check_service(service)
        return self._versions_of(service)[-1]

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

    def model_files(self, service: str, api_version: str | None = None) -> list[str]:
        """Every file that makes up the service's model, extras included, in a stable order."""
        return list(self._files_of(service, self._resolve_version(service, api_version)).values())

    def model_size(self, service: str) -> int:
        """Bytes on disk of the service's model files: how large a job it is to schedule."""
        return sum(os.path.getsize(path) for path in self.model_files(service))

    def _files_of(self, service: str, version: str) -> dict[str, str]:
        """The service's model files by name (``service-2.sdk-extras``), as botocore's Loader
        finds them: each from the first search path that has it, plain before gzipped."""
        found: dict[str, str] = {}
        for location in self.search_paths:
            folder = os.path.join(location, service, version)
            try:
                # One listing rather than a stat per candidate name: this runs
                # for every service of a whole-botocore load.
                entries = set(os.listdir(folder))
            except OSError:
                continue
            for name in _MODEL_FILES:
                for ext in _EXTENSIONS:
                    if name not in found and name + ext in entries:
                        found[name] = os.path.join(folder, name + ext)
        return {name: found[name] for name in _MODEL_FILES if name in found}

    def fingerprint(self, service: str, api_version: str | None = None) -> str:
        """A hash of the service's model files as stored: equal bytes, equal hash."""
        digest = hashlib.sha256()
        for path in self.model_files(service, api_version):
            # Gunzipped: gzip headers carry a timestamp; hash what the file says,
            # not when it was packed.
            data = model_bytes(path)
            digest.update(os.path.basename(path).removesuffix(".gz").encode() + b"\0")
            digest.update(hashlib.sha256(data).digest())
        for path in self._boto3_files(service, self._resolve_version(service, api_version)):
            digest.update(os.path.basename(path).encode() + b"\0")
            digest.update(hashlib.sha256(model_bytes(path)).digest())
        return digest.hexdigest()

    def _boto3_files(self, service: str, version: str) -> list[str]:
        """boto3's resource model and examples of the service, those that exist."""
        if self.resources is None:
            return []
        found = (
            self.resources.resource_file(service, version),
            self.resources.examples_file(service),
        )
        return [path for path in found if path is not None]

    def raw(self, service: str, api_version: str | None = None) -> RawService:
        version = self._resolve_version(service, api_version)
        files = self._files_of(service, version)
        if SERVICE_TYPE not in files:
            raise CodegenError(f"no service-2.json for {service} {version}", path=self.spec)
        model, paginators, waiters, examples = (
            self._merged(files, type_name) for type_name in _MODEL_TYPES
        )
        return RawService(
            name=service,
            api_version=version,
            service=model[0],
            service_path=files[SERVICE_TYPE],
            paginators=paginators[0],
            paginators_path=paginators[1],
            waiters=waiters[0],
            waiters_path=waiters[1],
            examples=examples[0],
            examples_path=examples[1],
        )

    @staticmethod
    def _merged(files: dict[str, str], type_name: str) -> tuple[Any, str | None]:
        """One model file parsed, with its extras merged in as botocore merges them."""
        path = files.get(type_name)
        if path is None:
            return None, None
        data = read_json(path)
        merge_extras(data, [read_json(files[n]) for n in _EXTRAS_OF[type_name] if n in files])
        return data, path

    def load(self, service: str, api_version: str | None = None) -> Service:
        with gc_paused():
            return self._with_resources(build_service(self.raw(service, api_version)))

    def _with_resources(self, service: Service) -> Service:
        """The service with boto3's resource model and examples, when boto3 has them."""
        boto3 = self.resources
        if boto3 is None:
            return service
        resource_file = boto3.resource_file(service.name, service.api_version)
        examples_file = boto3.examples_file(service.name)
        if resource_file is None and examples_file is None:
            return service
        return service._replace(
            resources=None
            if resource_file is None
            else build_resources(
                read_json(resource_file), resource_file, service, boto3.boto3_version
            ),
            boto3_examples=None
            if examples_file is None
            else model_bytes(examples_file).decode("utf-8"),
        )

    def load_set(
        self, services: Iterable[str] | None = None, api_version: str | None = None
    ) -> ModelSet:
        names = self.services() if services is None else list(services)
        for name in names:
            self._check_service(name)
        with gc_paused():
            loaded = {
                name: self._with_resources(build_service(self.raw(name, api_version)))
                for name in sorted(set(names))
            }
        return ModelSet(source=self.spec, botocore_version=self.botocore_version, services=loaded)
