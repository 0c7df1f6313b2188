"""Output files: checked before a run reads anything, written whole or not at all.

Every output is written to a hidden temporary file beside it that replaces it in one step
(`publish`) or disappears (`discard`). While it exists, its writer holds a lock on it: a run
killed outright (SIGKILL, a power cut) leaves an unlocked temporary file, which the next run
writing that output removes (`remove_stale`); a live run's is left alone, even on a shared
drive (flock is honoured over NFS).
"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from pathlib import Path

from .paths import shown

_SUFFIX = ".part"
_NAME_BYTES = 200  # of an output's name kept in its temporary file's, which must fit in 255 bytes
_LOCKS: dict[Path, int] = {}  # temporary file -> the descriptor holding its lock


class OutputError(ValueError):
    """An output that cannot be written where it is named; str() is one line naming it."""


def check_outputs(outputs: list, unparsed=None, manifests=()) -> list[Path]:
    """The output paths, each checked before anything is read: not named twice, not a folder,
    not a manifest the run reads, in a folder that exists (made if missing) and takes a new file
    of that name. Temporary files that killed runs left for them are removed."""
    paths, seen = [], {}
    read = {os.path.realpath(m) for m in manifests}
    for name, option in [*((o, "-o") for o in outputs), *([(unparsed, "--unparsed")] if unparsed else [])]:
        path = Path(name)
        key = os.path.realpath(path)
        if key in seen:
            raise OutputError(f"{shown(path)}: named twice as an output ({seen[key]} and {option})")
        seen[key] = option
        if key in read:
            raise OutputError(f"{shown(path)}: is a manifest this run reads; {option} would overwrite it")
        if os.path.isdir(path):
            raise OutputError(f"{shown(path)}: is a folder; name a file in it")
        if os.path.exists(path) and not os.path.isfile(path):  # replacing /dev/null would remove the device
            raise OutputError(f"{shown(path)}: is not a regular file (a device or a pipe); name a file")
        _check_folder(path)
        remove_stale(path)
        paths.append(path)
    return paths


def _check_folder(path: Path) -> None:
    """The folder exists (made if missing) and a file of this name can be made in it."""
    blocking = next((p for p in path.parents if os.path.lexists(p) and not os.path.isdir(p)), None)
    if blocking is not None:
        raise OutputError(f"{shown(path)}: cannot be written ({shown(blocking)} is a file, not a folder)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        longest = os.pathconf(path.parent, "PC_NAME_MAX")
        if len(os.fsencode(path.name)) > longest:
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))  # said before the run, not after
        discard(temporary(path))
    except OSError as error:
        raise OutputError(f"{shown(path)}: cannot be written ({error.strerror or error})") from None


def temporary(target: Path, suffix: str = _SUFFIX) -> Path:
    """A new, locked, empty hidden file beside `target`, with the mode a new file gets; its name
    ends in `suffix` (.part, or .part.ipynb for a tool that wants its own suffix)."""
    fd, name = tempfile.mkstemp(prefix=_prefix(target), suffix=suffix, dir=target.parent)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.fchmod(fd, _default_mode())  # mkstemp's files are private (0600); an output is not
    except OSError:
        os.close(fd)
        os.unlink(name)
        raise
    _LOCKS[Path(name)] = fd
    return Path(name)


def publish(tmp: Path, target: Path) -> Path:
    """The finished temporary file becomes `target`, in one step."""
    os.replace(tmp, target)
    _release(tmp)
    return target


def discard(tmp: Path) -> None:
    """Remove a temporary file that will not become its output."""
    Path(tmp).unlink(missing_ok=True)
    _release(Path(tmp))


def _release(tmp: Path) -> None:
    fd = _LOCKS.pop(tmp, None)
    if fd is not None:
        os.close(fd)


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporary files of `target` that no live writer holds; returns them."""
    return _remove_unlocked(target.parent, _prefix(target))


def remove_stale_in(folder: Path) -> list[Path]:
    """Remove every temporary file of this tool in `folder` (a folder only it writes, such as
    reports/) that no live writer holds; returns them."""
    return _remove_unlocked(Path(folder), ".")


def remove_stale_folders(parent: Path, prefix: str) -> list[Path]:
    """Remove the working folders of this tool in `parent` (named `prefix`…) whose run was killed:
    those whose temporary files no live writer holds; returns them. A live run's folder holds its
    locked file from the moment it is made, and is left alone."""
    removed = []
    try:
        folders = [p for p in Path(parent).iterdir() if p.name.startswith(prefix) and p.is_dir()]
    except OSError:
        return removed
    for folder in folders:
        if remove_stale_in(folder):
            try:
                folder.rmdir()  # empty now, unless a live run put something there since
                removed.append(folder)
            except OSError:
                pass
    return removed


def _remove_unlocked(folder: Path, prefix: str) -> list[Path]:
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix) and _SUFFIX in p.suffixes]
    except OSError:
        return removed
    for path in candidates:
        if path in _LOCKS:
            continue  # this process's own
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            path.unlink()
            removed.append(path)
        except OSError:
            pass  # a live run's: it holds the lock
        finally:
            os.close(fd)
    return removed


def _prefix(target: Path) -> str:
    """".<name>.", the name cut to _NAME_BYTES bytes so that a long output name still has a
    temporary file (the file system allows 255 bytes)."""
    return "." + os.fsdecode(os.fsencode(target.name)[:_NAME_BYTES]) + "."


def _default_mode() -> int:
    """The mode a new file gets under this process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_whole(target: Path, write) -> Path:
    """`write(temporary_path)` then publish it as `target`: a file whole or not at all."""
    tmp = temporary(Path(target))
    try:
        write(tmp)
    except BaseException:
        discard(tmp)
        raise
    return publish(tmp, Path(target))
