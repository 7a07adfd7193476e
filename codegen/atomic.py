"""Write outputs whole or not at all: into a temporary place, then moved into place.

Every fault of the file system (a full disk, a read-only or pseudo filesystem,
a file where a folder must be) comes out of here as one ``CodegenError``
naming the path the user asked for and the cause, never a temporary name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from codegen.errors import CodegenError, is_os_fault, os_error

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: staging folders are never reclaimed
    fcntl = None  # type: ignore[assignment]

# Staging folders are ``.<name>.new-<random>`` and ``.<name>.old-<random>`` beside
# their target (ignored by git: see .gitignore); the run building one holds an
# ``flock`` on it, which the kernel drops when the run ends however it ends.
_STAGING_KINDS = ("new", "old")


def write_file(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; readers see the old or the new file.

    A path that is not a regular file (``/dev/null``, ``/dev/full``, a pipe) is
    written to, not replaced: renaming over a device would replace the device.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _make_parent(target)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise os_error(exc, target) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise CodegenError("is a folder, not a file", path=str(target))
    if mode is not None and not stat.S_ISREG(mode):
        try:
            with open(target, "wb") as out:
                out.write(payload)
        except OSError as exc:
            raise os_error(exc, target) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_create(exc, target) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        if mode is not None:
            shutil.copymode(target, tmp)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and is_os_fault(exc):
            raise os_error(exc, target) from None
        raise


def write_staged(path: Path, text: str) -> None:
    """Write a new file inside a staging folder (``directory``): nothing to replace.

    Plain ``os`` calls: ``Path.write_text`` wraps each file in two buffered
    stream objects, a third of the time of writing a small page.
    """
    data = memoryview(text.encode("utf-8"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


@contextlib.contextmanager
def directory(path: str | os.PathLike[str], *, from_old: bool = False) -> Iterator[Path]:
    """Build a folder in a temporary sibling and swap it in only if the block succeeds.

    With ``from_old`` the staging folder starts as a copy of ``path``. On any
    error (or Ctrl-C) the temporary folder is removed and an existing ``path``
    is left exactly as it was; an ``OSError`` becomes one line naming the file
    under ``path`` it concerns and saying the old folder is whole. Staging
    folders left by runs that were killed are removed first.
    """
    target = Path(path)
    existed = target.is_dir()
    if target.exists() and not existed:
        raise CodegenError("is a file, not a folder", path=str(target))
    _make_parent(target)
    remove_stale_staging(target)
    try:
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    except OSError as exc:
        raise _cannot_create(exc, target) from None
    owner = _hold(staging)
    try:
        if from_old and existed:
            _copy_tree(target, staging)
        yield staging
        os.chmod(staging, 0o755)
        if existed:
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
            os.rmdir(old)
            os.replace(target, old)
            os.replace(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError) and is_os_fault(exc):
            kept = f"{target} is left as it was" if existed else "nothing was written"
            error = os_error(exc, _user_path(exc, staging, target))
            raise CodegenError(f"{error.message}; {kept}", path=error.path) from None
        raise
    finally:
        os.close(owner)


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove the staging folders beside ``target`` whose run has ended; return them.

    A run holds an ``flock`` on its staging folder while it lives (a killed run
    loses it): a folder whose lock can be taken belongs to no running process.
    """
    if fcntl is None:  # pragma: no cover
        return []
    removed = []
    prefixes = tuple(f".{target.name}.{kind}-" for kind in _STAGING_KINDS)
    try:
        siblings = list(os.scandir(target.parent))
    except OSError:
        return []
    for entry in siblings:
        if not entry.name.startswith(prefixes) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)  # a live run's
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        os.close(fd)
        removed.append(Path(entry.path))
    return removed


def _hold(staging: Path) -> int:
    """Lock ``staging`` for as long as this run (and its forked workers) lives."""
    fd = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _copy_tree(source: Path, destination: Path) -> None:
    """Copy ``source`` into the existing ``destination``, stopping at the first error.

    ``shutil.copytree`` goes on past a failed file and gathers one error per
    file: on a full disk, one for every file of the tree.
    """
    for dirpath, dirnames, filenames in os.walk(source):
        here = destination / os.path.relpath(dirpath, source)
        for name in dirnames:
            (here / name).mkdir(exist_ok=True)
        for name in filenames:
            origin = os.path.join(dirpath, name)
            if os.path.islink(origin):
                os.symlink(os.readlink(origin), here / name)
            else:
                shutil.copy2(origin, here / name)


def _make_parent(target: Path) -> None:
    """Create the folders above ``target``, or say which path on the way is not a folder."""
    for parent in reversed(target.parents):
        if parent.exists() and not parent.is_dir():
            raise CodegenError(f"cannot write: {parent} is a file, not a folder", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_create(exc, target) from None


def _cannot_create(exc: OSError, target: Path) -> CodegenError:
    # A folder that exists but refuses new entries with ENOENT is a pseudo
    # filesystem (/proc, /sys): the bare cause would say the folder is missing.
    if isinstance(exc, FileNotFoundError):
        folder = next(parent for parent in target.parents if parent.exists())
        if folder.is_dir():
            return CodegenError(
                f"cannot create files in {folder} (a pseudo filesystem?)", path=str(target)
            )
    return os_error(exc, target)


def _user_path(exc: OSError, staging: Path, target: Path) -> str | None:
    """The path of a failed call, with the staging folder's name replaced by the target's."""
    if exc.filename is None:
        return str(target)
    failed = os.fsdecode(exc.filename)
    base = str(staging)
    if failed == base or failed.startswith(base + os.sep):
        return str(target) + failed[len(base) :]
    return failed
