"""Who may change the dataset from the page: read-only by default, editing by the operator.

The page can be shared on a network, and issue 12 found that any visitor could then grow the
dataset past what anything can open again. So the page writes nothing unless the person who
started it says so (``FACMAP_EDIT=1``), and when it listens beyond this machine (any address
other than loopback, which includes Streamlit's default of every interface) editing also needs
a password the operator chose. Only a salted scrypt hash of it is kept, in the operator's
environment (``FACMAP_EDIT_PASSWORD_HASH``, made by ``facmap edit-password``), never in the
repository; the page checks it on the server for every write, in constant time, and a burst of
wrong passwords is refused for a while so guessing costs hours, not seconds.

The page only asks :func:`edit_policy` what to show and calls :meth:`EditGate.check` before
each write; everything that decides lives here, where the CLI and the tests reach it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import FacmapError

__all__ = [
    "EDIT_ENV",
    "PASSWORD_HASH_ENV",
    "EditGate",
    "EditPolicy",
    "edit_policy",
    "hash_password",
    "is_loopback",
    "recent_adds",
    "server_gate",
    "verify_password",
]

#: set to 1 (or true/yes/on) by the operator to let the page add articles
EDIT_ENV = "FACMAP_EDIT"
#: the scrypt hash of the editing password (``facmap edit-password`` prints it)
PASSWORD_HASH_ENV = "FACMAP_EDIT_PASSWORD_HASH"

# scrypt at n=2**14, r=8: 16 MB and about 50 ms a check on this class of machine, so a guess
# costs the server little and an offline guesser of a stolen hash a great deal
_SCHEME = "scrypt"
_N, _R, _P = 2**14, 8, 1
_SALT_BYTES = 16
_KEY_BYTES = 32
#: the shortest password accepted: a long passphrase is the real defence against guessing
MIN_PASSWORD_CHARS = 12
#: wrong passwords the whole server accepts in a window before refusing every attempt
MAX_FAILURES = 10
FAILURE_WINDOW_S = 60.0

#: adds one page session may make in a minute: an analyst adds an article every few minutes;
#: a script pasting in a loop would otherwise hold the extractor and the writers' lock
MAX_ADDS_PER_MINUTE = 6
ADD_WINDOW_S = 60.0

_TRUE = {"1", "true", "yes", "on"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """Return a storable hash of ``password``: ``scrypt$n$r$p$salt$key`` (base64 parts).

    Parameters
    ----------
    password
        At least :data:`MIN_PASSWORD_CHARS` characters.
    salt
        Random by default (16 bytes); given only to make a test repeatable.

    Raises
    ------
    FacmapError
        If the password is too short.
    """
    if len(password) < MIN_PASSWORD_CHARS:
        msg = (
            f"Expected a password of at least {MIN_PASSWORD_CHARS} characters, got "
            f"{len(password)}. Choose a longer one, e.g. four unrelated words."
        )
        raise FacmapError(msg)
    salt = secrets.token_bytes(_SALT_BYTES) if salt is None else salt
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_KEY_BYTES
    )
    return f"{_SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(key)}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """Split a stored hash; raise a FacmapError saying how to make a valid one."""
    parts = stored.strip().split("$")
    try:
        if len(parts) != 6 or parts[0] != _SCHEME:
            raise ValueError
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, key = _unb64(parts[4]), _unb64(parts[5])
        # bounds: a forged hash must not make each check cost gigabytes or minutes
        if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError
        if len(salt) < 8 or len(key) < 16:
            raise ValueError
    except (ValueError, TypeError):
        msg = (
            f"Expected {PASSWORD_HASH_ENV} to hold a hash made by `facmap edit-password` "
            "(scrypt$N$r$p$salt$key), but it does not. Make one again and set it."
        )
        raise FacmapError(msg) from None
    return n, r, p, salt, key


def verify_password(password: str, stored: str) -> bool:
    """Return whether ``password`` matches ``stored`` (compared in constant time).

    Raises
    ------
    FacmapError
        If ``stored`` is not a hash :func:`hash_password` made.
    """
    n, r, p, salt, key = _parse_hash(stored)
    got = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(key), maxmem=2**31 - 1
    )
    return hmac.compare_digest(got, key)


def is_loopback(address: str | None) -> bool:
    """Return whether a server bound to ``address`` is reachable from this machine only.

    ``None`` or an empty address is Streamlit's default, every interface: not loopback.
    """
    if not address:
        return False
    host = address.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to any interface
        return False


@dataclass(frozen=True)
class EditPolicy:
    """What the page may do with the dataset, and what to tell its visitors."""

    #: the write widgets are shown
    editing: bool
    #: each write needs the operator's password
    needs_password: bool
    #: the notice the page shows (why it is read-only, or that writes need the password)
    notice: str
    #: the stored hash, when a password is needed
    password_hash: str | None = None


def edit_policy(env: Mapping[str, str] | None = None, address: str | None = None) -> EditPolicy:
    """Decide the page's editing from the operator's environment and the server's address.

    Parameters
    ----------
    env
        The environment (``os.environ`` by default): :data:`EDIT_ENV` and
        :data:`PASSWORD_HASH_ENV`.
    address
        Streamlit's ``server.address`` (``None``: every interface).

    Returns
    -------
    EditPolicy
        Read-only unless editing is enabled; on a non-loopback address, read-only too unless
        a valid password hash is set (the notice then tells the operator how to set one).
    """
    env = os.environ if env is None else env
    if env.get(EDIT_ENV, "").strip().lower() not in _TRUE:
        return EditPolicy(
            editing=False,
            needs_password=False,
            notice="This page is read-only: its operator has not enabled adding articles.",
        )
    if is_loopback(address):
        return EditPolicy(editing=True, needs_password=False, notice="")
    stored = env.get(PASSWORD_HASH_ENV, "").strip()
    where = address or "every network interface"
    if not stored:
        return EditPolicy(
            editing=False,
            needs_password=False,
            notice=(
                f"This page is read-only: editing is enabled but the page listens on {where}, "
                f"beyond this machine, and no editing password is set. The operator can make "
                f"one with `facmap edit-password` and set {PASSWORD_HASH_ENV}."
            ),
        )
    try:
        _parse_hash(stored)
    except FacmapError as exc:
        return EditPolicy(editing=False, needs_password=False, notice=f"Read-only: {exc}")
    return EditPolicy(
        editing=True,
        needs_password=True,
        notice="Adding articles needs the editing password the operator set.",
        password_hash=stored,
    )


class EditGate:
    """Check every write against the policy, and throttle wrong passwords server-wide.

    One gate serves the whole server (all sessions), so a guesser cannot escape the throttle
    by opening new sessions.
    """

    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window_s: float = FAILURE_WINDOW_S,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._max = max_failures
        self._window = window_s
        self._clock = clock or time.monotonic
        self._failures: deque[float] = deque()
        self._lock = threading.Lock()

    def _recent(self, now: float) -> int:
        while self._failures and now - self._failures[0] > self._window:
            self._failures.popleft()
        return len(self._failures)

    def check(self, policy: EditPolicy, password: str | None) -> None:
        """Return if this write is allowed; raise a FacmapError saying why not otherwise.

        Raises
        ------
        FacmapError
            If editing is off, the password is missing or wrong, or too many wrong
            passwords were given in the last minute (then even the right one waits).
        """
        if not policy.editing:
            raise FacmapError(policy.notice)
        if not policy.needs_password:
            return
        with self._lock:
            if self._recent(self._clock()) >= self._max:
                msg = (
                    f"Expected the editing password, but {self._max} wrong ones were given in "
                    f"the last {self._window:.0f} s; try again in a minute."
                )
                raise FacmapError(msg)
        if not password:
            msg = "Expected the editing password (the operator set one); nothing was changed."
            raise FacmapError(msg)
        if not verify_password(password, policy.password_hash or ""):
            with self._lock:
                self._failures.append(self._clock())
            msg = "The editing password is wrong; nothing was changed."
            raise FacmapError(msg)


def recent_adds(
    times: list[float],
    now: float,
    max_adds: int | None = None,
    window_s: float = ADD_WINDOW_S,
) -> list[float]:
    """Return the add times still inside the window, plus ``now``, if one more add is allowed.

    Parameters
    ----------
    times
        When this session's earlier adds started (monotonic seconds).
    now
        The time of the add asked for.
    max_adds
        :data:`MAX_ADDS_PER_MINUTE` (read at call time) unless given.

    Raises
    ------
    FacmapError
        If ``max_adds`` adds already started in the last ``window_s`` seconds; it says when
        the next one is possible.
    """
    max_adds = MAX_ADDS_PER_MINUTE if max_adds is None else max_adds
    kept = [t for t in times if now - t < window_s]
    if len(kept) >= max_adds:
        wait = window_s - (now - min(kept))
        msg = (
            f"Expected at most {max_adds} articles added a minute from one page, but this is "
            f"one more; nothing was changed. Try again in {max(1, round(wait))} s."
        )
        raise FacmapError(msg)
    return [*kept, now]


_SERVER_GATE = EditGate()


def server_gate() -> EditGate:
    """Return the process's one gate: every session of a page server shares its throttle."""
    return _SERVER_GATE
