"""Benchmark: the es-to-opensearch codemod over a synthetic repository.

Writes a repository of FILES Python modules (default 5,000) in a temporary folder,
1% of them calling the es client the way real code does (classes, functions,
nested config dicts), the rest ordinary boto3 code for other services; then
times the codemod as CI runs it (--check: read, pre-filter, parse, rewrite,
no writes) and as a developer runs it (in place), on every core and on one.

    python bench/codemod.py [FILES]

Target: under 10 s for 5,000 files on a 2-core machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from codegen.codemod.clients import ClientConfig
from codegen.codemod.migrations import migration_rules
from codegen.codemod.rules import RuleSet
from codegen.codemod.runner import Options, RunResult, run
from codegen.sources import open_models

RELEVANT = '''"""Search domains for team {n}."""
import boto3

from mypy_boto3_es import ElasticsearchServiceClient


class Domains{n}:
    def __init__(self, region: str) -> None:
        self.es = boto3.client("es", region_name=region)

    def create(self, name: str, version: str) -> None:
        self.es.create_elasticsearch_domain(
            DomainName=name,
            ElasticsearchVersion="7.10",
            ElasticsearchClusterConfig={{
                "InstanceType": "r6g.large.elasticsearch",
                "InstanceCount": {n},
                "ZoneAwarenessConfig": {{"AvailabilityZoneCount": 2}},
            }},
        )

    def status(self, name: str) -> dict:
        return self.es.describe_elasticsearch_domain(DomainName=name)["DomainStatus"]


def names(client: ElasticsearchServiceClient) -> list[str]:
    return [d["DomainName"] for d in client.list_domain_names()["DomainNames"]]
'''

ORDINARY = '''"""Storage helpers, module {n}."""
import json
import logging

import boto3

log = logging.getLogger(__name__)


class Store{n}:
    """Objects and items for feature {n}."""

    def __init__(self, bucket: str, table: str) -> None:
        self.s3 = boto3.client("s3")
        self.table = boto3.resource("dynamodb").Table(table)
        self.bucket = bucket

    def put(self, key: str, value: dict) -> None:
        body = json.dumps(value, sort_keys=True)
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body.encode())
        self.table.put_item(Item={{"pk": key, "size": len(body)}})
        log.info("stored %s (%d bytes)", key, len(body))

    def get(self, key: str) -> dict:
        response = self.s3.get_object(Bucket=self.bucket, Key=key)
        return json.loads(response["Body"].read())

    def keys(self, prefix: str) -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=prefix
        )
        return [item["Key"] for page in pages for item in page.get("Contents", [])]


def summarize(values: list[int]) -> dict[str, float]:
    if not values:
        return {{"count": 0, "mean": 0.0}}
    return {{"count": len(values), "mean": sum(values) / len(values)}}
''' + "".join(
    f"""

def step_{i}_{{n}}(data: dict) -> dict:
    result = dict(data)
    result["step"] = {i}
    return result
"""
    for i in range(12)
)


def build(root: Path, files: int) -> None:
    shutil.rmtree(root, ignore_errors=True)
    for n in range(files):
        package = root / f"pkg{n // 100:03d}"
        package.mkdir(parents=True, exist_ok=True)
        text = RELEVANT if n % 100 == 0 else ORDINARY
        (package / f"module_{n:05d}.py").write_text(text.format(n=n))


def _cpu() -> float:
    """CPU seconds of this process and its finished workers.

    Steadier than wall time on a machine others are using.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def timed(label: str, roots: list[str], options: Options, rules: RuleSet) -> RunResult:
    start, cpu = time.perf_counter(), _cpu()
    result = run(roots, rules, ClientConfig(), options)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    print(
        f"{label:<26} {seconds:6.2f} s wall {cpu:6.2f} s cpu "
        f"{result.scanned / seconds:6.0f} files/s   {result.summary(applied=options.write)}"
    )
    return result


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    start = time.perf_counter()
    rules = migration_rules("es-to-opensearch", open_models("installed"))
    print(f"rules from the installed es/opensearch models: {time.perf_counter() - start:.2f} s")
    with tempfile.TemporaryDirectory(prefix="boto-codegen-bench-") as folder:
        measure(Path(folder), files, rules)


def measure(out: Path, files: int, rules: RuleSet) -> None:
    build(out, files)
    size = sum(p.stat().st_size for p in out.rglob("*.py"))
    load = os.getloadavg()[0]
    print(
        f"repository: {files} files, {size / 1e6:.1f} MB, 1% relevant; "
        f"{os.cpu_count()} cores, load average {load:.1f}"
    )
    roots = [str(out)]
    timed("--check, all cores", roots, Options(), rules)
    timed("--check, 1 core", roots, Options(jobs=1), rules)
    timed("--diff, all cores", roots, Options(diff=True), rules)
    timed("in place, all cores", roots, Options(write=True), rules)
    again = timed("second run (idempotent)", roots, Options(write=True), rules)
    assert not again.changed, "a second run changed files"


if __name__ == "__main__":
    main()
