"""boto3's resource models and hand-written examples, read from a boto3 package folder.

A folder in boto3's package layout holds ``data/<service>/<api-version>/resources-1.json``
and ``examples/<service>.rst``. The installed boto3 is found without importing
it (importing boto3 builds a botocore session). Which resource model goes with
a service follows boto3: the one of the API version the client is built for;
when the botocore models give an API version the resource models do not have,
that is an error, not a silent mismatch.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

from codegen.errors import CodegenError

RESOURCES_FILE = "resources-1.json"
_VERSION_LINE = re.compile(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


class Boto3Data:
    """The resource models and examples of one boto3 package folder."""

    def __init__(self, spec: str, data: str, examples: str | None, boto3_version: str | None):
        self.spec = spec
        self.boto3_version = boto3_version
        self._data = data
        self._examples = examples

    def __repr__(self) -> str:
        return f"<resources {self.spec}>"

    def services(self) -> list[str]:
        """Every service with a resource model, sorted."""
        try:
            names = os.listdir(self._data)
        except OSError:
            return []
        return sorted(n for n in names if self._versions(n))

    def _versions(self, service: str) -> list[str]:
        folder = os.path.join(self._data, service)
        try:
            entries = os.listdir(folder)
        except OSError:
            return []
        return sorted(v for v in entries if os.path.isfile(os.path.join(folder, v, RESOURCES_FILE)))

    def resource_file(self, service: str, api_version: str) -> str | None:
        """The resource model of ``service`` at ``api_version``; None if boto3 has none for
        the service; an error if it has one only for other API versions."""
        versions = self._versions(service)
        if not versions:
            return None
        if api_version not in versions:
            raise CodegenError(
                f"the models give {service} API version {api_version}, its resource models"
                f" are for {', '.join(versions)}",
                path=os.path.join(self._data, service),
            )
        return os.path.join(self._data, service, api_version, RESOURCES_FILE)

    def examples_file(self, service: str) -> str | None:
        """boto3's hand-written examples of the service (``examples/<service>.rst``), if any."""
        if self._examples is None:
            return None
        path = os.path.join(self._examples, f"{service}.rst")
        return path if os.path.isfile(path) else None


def installed_boto3() -> Boto3Data | None:
    """The boto3 installed next to the tool, if there is one (it is not a dependency)."""
    spec = importlib.util.find_spec("boto3")
    if spec is None or spec.origin is None:
        return None
    return _package("installed", Path(spec.origin).parent)


def boto3_release(version: str) -> tuple[Boto3Data, str]:
    """boto3 ``version`` from the package index (cached), and the botocore release it pairs with."""
    from codegen.sources import release

    root = release.boto3_release(version)
    botocore_version = (root / release.BOTOCORE_FILE).read_text().strip()
    return _package(f"boto3=={version}", root, version), botocore_version


def beside_models(spec: str, data_root: Path) -> Boto3Data | None:
    """The resource models that go with a folder of botocore models, as boto3 finds them:
    ``resources-1.json`` files in the models folder itself (boto3 adds its data folder
    to botocore's search path), else a boto3 package next to the botocore one
    (a site-packages folder, or a folder holding ``botocore/`` and ``boto3/``)."""
    for near in (data_root.parent.parent / "boto3", data_root.parent / "boto3"):
        if (near / "data").is_dir():
            return _package(spec, near)
    if any(data_root.glob(f"*/*/{RESOURCES_FILE}")):
        examples = data_root.parent / "examples"
        return Boto3Data(spec, str(data_root), str(examples) if examples.is_dir() else None, None)
    return None


def _package(spec: str, root: Path, version: str | None = None) -> Boto3Data:
    return Boto3Data(
        spec, str(root / "data"), str(root / "examples"), version or _package_version(root)
    )


def _package_version(root: Path) -> str | None:
    init = root / "__init__.py"
    if init.is_file():
        match = _VERSION_LINE.search(init.read_text(encoding="utf-8", errors="replace"))
        if match:
            return match.group(1)
    return None
