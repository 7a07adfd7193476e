"""Each kind of model source, read by botocore's rules."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import botocore
import pytest
from botocore.loaders import ExtrasProcessor, Loader

from codegen.errors import CodegenError
from codegen.sources import open_models
from codegen.sources.botocore_data import EXTRAS_TYPES, merge_extras, read_json
from tests.conftest import release_folder


def test_installed_source_reads_the_botocore_next_to_the_tool():
    source = open_models("installed")
    assert source.botocore_version == botocore.__version__
    assert "license-manager" in source.services()
    service = source.load("license-manager")
    assert service.service_id == "License Manager"
    assert service.operations["CreateGrantVersion"].method_name == "create_grant_version"


@pytest.mark.parametrize("layout", ["data", "package", "parent"])
def test_folder_source_accepts_data_package_and_parent_folders(tmp_path, layout):
    release = release_folder("1.29.105")
    if layout == "data":
        spec = release / "data"
    elif layout == "package":
        spec = tmp_path / "botocore"
        shutil.copytree(release / "data", spec / "data")
        (spec / "__init__.py").write_text("__version__ = '1.29.105'\n")
    else:
        spec = release
    source = open_models(str(spec))
    assert source.services() == ["amplifyuibuilder", "dynamodb", "license-manager", "securitylake"]
    assert source.botocore_version == "1.29.105"
    assert "Options" in [
        m.name for m in source.load("license-manager").shapes["CreateGrantVersionRequest"].members
    ]


def test_gzipped_models_and_sdk_extras_merge_as_botocore_merges_them():
    data = release_folder("1.43.11") / "data"
    source = open_models(str(data))
    stock = Loader(extra_search_paths=[str(data)], include_default_search_paths=False)
    for name in ("eks", "secretsmanager"):
        assert source.model_files(name)[0].endswith("service-2.json.gz")
        expected = stock.load_service_model(name, "service-2")
        service = source.load(name)
        assert dict(service.metadata) == dict(expected["metadata"])
        assert set(service.shapes) == set(expected["shapes"])
    assert source.load("eks").service_id == "EKS"


def test_services_versions_and_search_paths_follow_botocores_loader():
    """The installed release listed by botocore's Loader and by us: the same answers."""
    stock = Loader()
    source = open_models("installed")
    assert source.search_paths == stock.search_paths
    assert source.services() == stock.list_available_services("service-2")
    for name in source.services():
        assert source.api_versions(name) == stock.list_api_versions(name, "service-2")
        assert source.latest_api_version(name) == stock.determine_latest_version(name, "service-2")
    assert list(EXTRAS_TYPES) == Loader.BUILTIN_EXTRAS_TYPES


def test_extras_merge_as_botocores_extras_processor_merges_them():
    """Every sdk-extras file of the installed release, merged by botocore and by us."""
    data = Path(botocore.__file__).parent / "data"
    extras_files = sorted(data.glob("*/*/*.sdk-extras.json"))
    assert len(extras_files) > 20
    for extras_path in extras_files:
        name = extras_path.name.removesuffix(".sdk-extras.json")
        folder = extras_path.parent
        model_path = next(folder.glob(f"{name}.json*"))
        extras = read_json(str(extras_path))
        expected, ours = read_json(str(model_path)), read_json(str(model_path))
        ExtrasProcessor().process(expected, [extras])
        merge_extras(ours, [extras])
        assert ours == expected, extras_path


def test_a_gzip_file_of_several_members_reads_whole(tmp_path):
    """gzip allows concatenated members; botocore's reader takes them all, and so do we."""
    data = tmp_path / "data"
    shutil.copytree(release_folder("1.43.11") / "data" / "eks", data / "eks")
    model = next((data / "eks").glob("*/service-2.json.gz"))
    text = gzip.decompress(model.read_bytes())
    half = len(text) // 2
    model.write_bytes(gzip.compress(text[:half]) + gzip.compress(text[half:]))
    two_members = open_models(str(data)).load("eks")
    assert two_members == open_models(str(release_folder("1.43.11") / "data")).load("eks")


def test_extras_override_the_model(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(
        release_folder("1.29.105") / "data" / "license-manager", data / "license-manager"
    )
    extras = data / "license-manager" / "2018-08-01" / "service-2.sdk-extras.json"
    extras.write_text('{"version": 1.0, "merge": {"metadata": {"serviceId": "Renamed"}}}')
    assert open_models(str(data)).load("license-manager").service_id == "Renamed"


def test_newest_api_version_by_default_and_a_chosen_one():
    source = open_models(str(release_folder("1.43.11")))
    assert source.api_versions("appmesh") == ["2018-10-01", "2019-01-25"]
    assert source.load("appmesh").api_version == "2019-01-25"
    older = source.load("appmesh", "2018-10-01")
    assert older.api_version == "2018-10-01"
    assert older.shapes.keys() != source.load("appmesh").shapes.keys()
    with pytest.raises(CodegenError, match="has no API version '2000-01-01'"):
        source.load("appmesh", "2000-01-01")


def test_unknown_service_suggests_the_close_name():
    source = open_models(str(release_folder("1.29.105")))
    with pytest.raises(
        CodegenError,
        match="unknown service 'license-manger' \\(did you mean 'license-manager'\\?\\)",
    ):
        source.load("license-manger")


def test_fingerprint_changes_with_the_model_and_not_with_gzip_packing(tmp_path):
    old = open_models(str(release_folder("1.29.104")))
    new = open_models(str(release_folder("1.29.105")))
    assert old.fingerprint("license-manager") != new.fingerprint("license-manager")
    # The same model gzipped hashes like the plain file: the hash is of content, not packing.
    import gzip

    data = tmp_path / "data" / "license-manager" / "2018-08-01"
    data.mkdir(parents=True)
    src = release_folder("1.29.105") / "data" / "license-manager" / "2018-08-01"
    (data / "service-2.json.gz").write_bytes(gzip.compress((src / "service-2.json").read_bytes()))
    for extra in ("paginators-1.json", "examples-1.json"):
        shutil.copy(src / extra, data)
    assert open_models(str(tmp_path / "data")).fingerprint("license-manager") == new.fingerprint(
        "license-manager"
    )


def _fixture_wheel(directory: Path, version: str) -> Path:
    """A wheel holding real fixture models, for a local package index the test controls."""
    wheel = directory / f"botocore-{version}-py3-none-any.whl"
    dist = f"botocore-{version}.dist-info"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path in sorted((release_folder("1.29.105") / "data").rglob("*.json")):
            rel = path.relative_to(release_folder("1.29.105"))
            archive.write(path, f"botocore/{rel}")
        archive.writestr(
            f"{dist}/METADATA", f"Metadata-Version: 2.1\nName: botocore\nVersion: {version}\n"
        )
        archive.writestr(
            f"{dist}/WHEEL",
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        archive.writestr(f"{dist}/RECORD", "")
    return wheel


def test_release_source_reads_a_prefilled_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(release_folder("1.29.104") / "data", cache / "botocore-1.29.104" / "data")
    monkeypatch.setenv("BOTO_CODEGEN_CACHE", str(cache))
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # proves nothing is downloaded
    source = open_models("botocore==1.29.104")
    assert source.botocore_version == "1.29.104"
    assert source.services() == ["license-manager"]


def test_release_source_downloads_once_from_a_local_index(tmp_path, monkeypatch):
    index = tmp_path / "index"
    index.mkdir()
    _fixture_wheel(index, "9.9.9")
    monkeypatch.setenv("BOTO_CODEGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(index))
    source = open_models("botocore==9.9.9")
    assert source.load("dynamodb").shapes["AttributeValue"].type == "structure"
    assert (tmp_path / "cache" / "botocore-9.9.9" / "data" / "dynamodb").is_dir()
    # Second use: the cache answers even with the index gone.
    shutil.rmtree(index)
    assert open_models("botocore==9.9.9").services() == [
        "amplifyuibuilder",
        "dynamodb",
        "license-manager",
        "securitylake",
    ]


def test_release_source_offline_and_not_cached_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("BOTO_CODEGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path))
    with pytest.raises(CodegenError) as error:
        open_models("botocore==1.2.3")
    message = str(error.value)
    assert message.startswith("botocore==1.2.3: release is not in the cache")
    assert "offline" in message
    assert not (tmp_path / "cache" / "botocore-1.2.3").exists()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("botocore==latest", "not a release version"),
        ("/no/such/folder", "no such model source"),
    ],
)
def test_bad_source_specs(spec, message):
    with pytest.raises(CodegenError, match=message):
        open_models(spec)


def test_folder_without_models_is_refused(tmp_path):
    with pytest.raises(CodegenError, match="no botocore models here"):
        open_models(str(tmp_path))
