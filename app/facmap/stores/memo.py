"""One read of a store's collection per version, shared by every visit to the page.

Reading and validating a dataset is the slowest part of a page's first visit (10,000
facilities: 1.4 s of JSON parsing and schema checks on a 2-core machine). The page used to
cache the read inside Streamlit, so the first visitor after a server start paid for it.
:func:`read_shown` keeps it here instead, in the process, so that the page launcher
(``app/run_app.py``) can read the dataset in the background while the server starts, and the
first visit finds it ready; the page and the launcher share one copy.

The cache is keyed by the store's location and :meth:`facmap.stores.Store.version`, so a
changed file or database is read again; it keeps the last few datasets only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from . import open_store

#: datasets kept (the shown one, an opened alternative, and one version back while it changes)
MAX_KEPT = 4

_lock = threading.Lock()
_kept: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()


def read_shown(location: str | Path, version: str) -> dict[str, Any]:
    """Return the collection of the store at ``location`` as of ``version``.

    The first call for a (location, version) reads and validates the store; later ones return
    the same dict, which callers must treat as read-only. Calls for the same key made while it
    is being read wait for that read rather than starting another.

    Raises
    ------
    OSError, facmap.errors.FacmapError
        As :meth:`facmap.stores.Store.query` does; nothing is kept then.
    """
    key = (str(location), version)
    with _lock:  # one reader at a time: a second visitor waits for the first read, not redo it
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
        fc = open_store(location).query()
        _kept[key] = fc
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
        return fc


def warm(location: str | Path) -> threading.Thread:
    """Read the store at ``location`` into the cache in a background thread; return it.

    Any error is left for the page to report where the user sees it: a background read has no
    one to tell.
    """

    def read() -> None:
        try:
            store = open_store(location)
            if store.exists():
                read_shown(location, store.version())
        except Exception:  # the page reads again and shows the error
            pass

    thread = threading.Thread(target=read, name="facmap-dataset-warm", daemon=True)
    thread.start()
    return thread


def clear() -> None:
    """Forget every kept collection (tests, and a page that must re-read)."""
    with _lock:
        _kept.clear()
