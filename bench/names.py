"""Benchmark: the names our stub packages export against the published mypy-boto3 ones.

For each service, downloads the published ``mypy-boto3-<service>`` of the same
botocore release (the newest version not above it, as boto3-stubs' extras pick
it), never installing it, into ``~/.cache/boto-codegen/published/``; with
``--product aiobotocore``, ``types-aiobotocore-<service>`` of the installed
aiobotocore's version (those are versioned by aiobotocore release and built
from the newest botocore it allows, so ``--models botocore==<that>`` compares
like with like). aiobotocore has no resource layer: the published
``service_resource`` (aioboto3's) is left out, and so are the names our boto3
packages of the same run define but our aiobotocore ones do not (boto3's
resources and managed transfers), counted in the ``boto3`` column; writes our
packages from the same models; and compares, per module (``__init__``,
``client``, ``type_defs``, ``literals``, ``paginator``, ``waiter``,
``service_resource``), the public names and their kinds (TypedDict, Literal,
alias, class; in ``service_resource`` also each class's methods and attributes,
``Bucket.upload_file``). Prints one row per service (its ``service_resource``
names apart) and the total.

    python bench/names.py [--models SRC] [--service NAME ...] [--show N] [--cut FILE]
                          [--product boto3|aiobotocore]

``--cut FILE`` writes the published export lists as the JSON fixture the
offline test (``tests/test_stubs.py``) compares against.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.sources import open_models
from codegen.stubs.names import RESOURCE_MODULE, Comparison, package_names
from codegen.stubs.package import package_name
from codegen.stubs.product import BOTO3, PRODUCTS, Product
from codegen.stubs.write import write_stubs

# The first 15, and the three other services boto3 has resources for.
DEFAULT_SERVICES = [
    "athena", "dynamodb", "ec2", "ecs", "iam", "kinesis", "lambda", "logs", "rds", "s3",
    "secretsmanager", "sns", "sqs", "ssm", "sts", "cloudformation", "cloudwatch", "glacier",
]  # fmt: skip
CACHE = Path(os.environ.get("BOTO_CODEGEN_CACHE", Path.home() / ".cache" / "boto-codegen"))


def published(service: str, release: str, product: Product = BOTO3) -> tuple[str, dict[str, str]]:
    """``mypy-boto3-<service>==<version>`` (or ``types-aiobotocore-...``) and its modules'
    text, module -> stub source. ``release``: the newest version wanted."""
    folder = CACHE / "published"
    folder.mkdir(parents=True, exist_ok=True)
    project = product.package_prefix.rstrip("_").replace("_", "-") + "-" + service
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--only-binary", ":all:", "-d", str(folder), f"{project}<={release}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"bench/names.py: pip download {project}<={release} failed")
    prefix = project.replace("-", "_") + "-"
    wheels = [w for w in folder.glob(f"{prefix}*.whl") if _version(w, prefix) <= _key(release)]
    wheel = max(wheels, key=lambda w: _version(w, prefix))
    package = package_name(service, product)
    with zipfile.ZipFile(wheel) as archive:
        modules = {
            Path(name).stem: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith(f"{package}/") and name.endswith(".pyi")
        }
    version = wheel.name[len(prefix) :].split("-")[0]
    return f"{project}=={version}", modules


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def _version(wheel: Path, prefix: str) -> tuple[int, ...]:
    return _key(wheel.name[len(prefix) :].split("-")[0])


def ours(folder: Path, service: str, product: Product = BOTO3) -> dict[str, str]:
    package = folder / package_name(service, product)
    return {p.stem: p.read_text(encoding="utf-8") for p in package.glob("*.pyi")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="installed")
    parser.add_argument("--service", action="append", dest="services")
    parser.add_argument("--show", type=int, default=8, help="missing names listed per service")
    parser.add_argument("--cut", type=Path, help="write the published export lists here")
    parser.add_argument("--product", choices=sorted(PRODUCTS), default="boto3")
    args = parser.parse_args()
    product = PRODUCTS[args.product]
    source = open_models(args.models)
    release = source.botocore_version or "unknown"
    wanted = release if product is BOTO3 else importlib.metadata.version("aiobotocore")
    services = args.services or DEFAULT_SERVICES
    fixture: dict[str, object] = {}
    total = matched = resource_total = resource_matched = boto3_only = 0
    print(f"botocore {release}: published {product.package_prefix}* names (<= {wanted})"
          " present in ours, same kind")  # fmt: skip
    print(f"{'service':16} {'package':32} {'names':>6} {'same':>6} {'missing':>8} {'kind':>5} "
          f"{'resource':>8} {'same':>6} {'boto3':>6}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-names-") as out:
        write_stubs(source, services, Path(out))
        if product is not BOTO3:
            write_stubs(source, services, Path(out), product=product)
        for service in services:
            pin, modules = published(service, wanted, product)
            mine = package_names(ours(Path(out), service, product))
            skipped: frozenset[str] = frozenset()
            if product is not BOTO3:
                modules.pop(RESOURCE_MODULE, None)
                boto3 = package_names(ours(Path(out), service))
                skipped = frozenset().union(
                    *(set(n) - set(mine.get(m, {})) for m, n in boto3.items())
                )
            names = package_names(modules)
            result = Comparison(names, mine, skipped)
            skipped_here = sum(1 for n in names.values() for name in n if name in skipped)
            boto3_only += skipped_here
            total += result.total
            matched += result.matched
            resources = result.totals.get(RESOURCE_MODULE, 0)
            resource_total += resources
            resource_matched += result.matched_in(RESOURCE_MODULE)
            missing = sum(len(v) for v in result.missing.values())
            other = sum(len(v) for v in result.other_kind.values())
            print(f"{service:16} {pin:32} {result.total:>6} {result.matched:>6} {missing:>8} "
                  f"{other:>5} {resources:>8} {result.matched_in(RESOURCE_MODULE):>6}"
                  f" {skipped_here:>6}")  # fmt: skip
            for module, missed in result.missing.items():
                shown = ", ".join(missed[: args.show]) + (" ..." if len(missed) > args.show else "")
                print(f"    missing in {module}: {shown}")
            for module, kinds in result.other_kind.items():
                for name, theirs, mine in kinds[: args.show]:
                    print(f"    {module}.{name}: {theirs} published, {mine} here")
            fixture[service] = {"package": pin, "modules": names}
    share = 100.0 * matched / total if total else 0.0
    print(f"total: {matched} of {total} published names ({share:.1f}%) present with the same kind;"
          f" of them in service_resource: {resource_matched} of {resource_total};"
          f" {boto3_only} more only boto3's resources and transfers use")  # fmt: skip
    if args.cut is not None:
        args.cut.write_text(
            json.dumps({"botocore": release, "services": fixture}, indent=1, sort_keys=True) + "\n"
        )
        print(f"wrote {args.cut}")


if __name__ == "__main__":
    main()
