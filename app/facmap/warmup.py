"""Get the extractor ready in the background, saying how far it is: no silent grey page.

The first "Add article" of a page used to grey the whole page for 18-29 s with no word
(issue 10): the place index was built (once per machine, 15-60 s on a loaded two-core host),
then the gazetteer, cue words and airfields were loaded and the word lists read by the first
extraction (about 10 s more each time the server starts). :func:`prepare_extractor` does that
work in named steps that report a share done and a sentence; :class:`Warmup` runs it once per
process in a background thread that any page session can start, watch and wait for, so the
page shows a progress bar beside a form the user can already fill in, and stays usable.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from . import places

if TYPE_CHECKING:
    from .extract import Extractor

__all__ = ["Progress", "Warmup", "extractor_warmup", "prepare_extractor"]

T = TypeVar("T")
#: the share done (0 to 1) and what is being done, in words for a person
Progress = Callable[[float, str], None]

#: a sentence that makes the first extraction read its word lists and indexes
_SAMPLE = (
    "Su-34 bombers flew from the Olenya air base near Murmansk, and the Plesetsk Cosmodrome "
    "launched a rocket, officials said in Moscow on Monday."
)


def prepare_extractor(progress: Progress) -> Extractor:
    """Build the place index if missing, then an extractor that has run once; report each step.

    Parameters
    ----------
    progress
        Called with the share done and a sentence before each step and at the end (1.0).
        The place index build, when needed, takes most of the bar.

    Returns
    -------
    facmap.extract.Extractor
        Ready: a first real article is extracted at the speed of later ones.
    """
    from .intake import new_article

    index_share = 0.0 if places.place_index_ready() else 0.7
    if index_share:

        def index_progress(done: float, what: str) -> None:
            progress(
                index_share * done,
                f"Building the place index, once on this machine (about a minute): {what}",
            )

        # no writable cache folder: place_index() below builds a private copy
        with contextlib.suppress(OSError):
            places.build_place_index(index_progress)
    progress(index_share, "Opening the place index")
    places.place_index()
    rest = 1.0 - index_share
    progress(index_share + 0.1 * rest, "Loading the facility gazetteer, cue words and airfields")
    from .extract import Extractor

    extractor = Extractor()
    progress(index_share + 0.6 * rest, "Reading the word lists (a first sample article)")
    # as the page builds an article: language detection's profiles load here, not at the add
    extractor.extract(new_article(_SAMPLE, title="warm-up", date="2025-01-01"))
    progress(1.0, "Ready to add articles")
    return extractor


class Warmup(Generic[T]):
    """Slow work run once in a background thread, with its progress readable at any time.

    Thread-safe: many sessions may :meth:`start` it (only the first starts the thread),
    read :attr:`progress` and :attr:`done`, and :meth:`result` waits for it. Work that raised
    may be started again; :meth:`result` re-raises its error until then.
    """

    def __init__(self, work: Callable[[Progress], T]) -> None:
        self._work = work
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None
        self._state: tuple[float, str] = (0.0, "Not started")
        self._value: T | None = None
        self._error: BaseException | None = None

    def _report(self, done: float, what: str) -> None:
        with self._lock:
            self._state = (min(max(float(done), 0.0), 1.0), what)

    def _run(self) -> None:
        try:
            value = self._work(self._report)
        except BaseException as exc:  # kept for result(); a page shows it as text
            with self._lock:
                self._error = exc
        else:
            with self._lock:
                self._value, self._error = value, None
                self._state = (1.0, self._state[1])
        finally:
            self._finished.set()

    def start(self) -> None:
        """Start the work unless it is running or done (again after a failure)."""
        with self._lock:
            running = self._thread is not None and not self._finished.is_set()
            if running or (self._finished.is_set() and self._error is None):
                return
            self._finished.clear()
            self._error = None
            self._state = (0.0, "Starting")
            self._thread = threading.Thread(target=self._run, name="facmap-warmup", daemon=True)
            self._thread.start()

    @property
    def started(self) -> bool:
        """Whether :meth:`start` was called (the work may be done)."""
        return self._thread is not None

    @property
    def done(self) -> bool:
        """Whether the work finished without an error (then :meth:`result` returns at once)."""
        return self._finished.is_set() and self._error is None

    @property
    def failed(self) -> BaseException | None:
        """The error the last run raised, if it finished with one."""
        return self._error if self._finished.is_set() else None

    @property
    def progress(self) -> tuple[float, str]:
        """The share done (0 to 1) and the current step, as last reported."""
        with self._lock:
            return self._state

    def result(self, timeout: float | None = None) -> T:
        """Start the work if needed, wait for it and return its value.

        Raises
        ------
        TimeoutError
            If it is not done within ``timeout`` seconds.
        BaseException
            The work's own error, if it raised.
        """
        self.start()
        if not self._finished.wait(timeout):
            msg = f"Expected the preparation to finish within {timeout} s; it is still running."
            raise TimeoutError(msg)
        with self._lock:
            if self._error is not None:
                raise self._error
            return self._value  # type: ignore[return-value]


_EXTRACTOR: Warmup[Extractor] = Warmup(prepare_extractor)


def extractor_warmup() -> Warmup[Extractor]:
    """Return this process's extractor warm-up (one for every page session of a server)."""
    return _EXTRACTOR
