"""facmap.access: who may write from the page (issue 12, roles). The page side is in
test_page_apptest (read-only default, loopback, password, throttle) and test_page_browser."""

from __future__ import annotations

import subprocess
import sys

import pytest

from facmap.access import (
    EDIT_ENV,
    PASSWORD_HASH_ENV,
    EditGate,
    edit_policy,
    hash_password,
    is_loopback,
    verify_password,
)
from facmap.errors import FacmapError

from .conftest import ROOT

SECRET = "four unrelated words here"


@pytest.fixture(scope="module")
def stored():
    return hash_password(SECRET)


def test_hash_is_salted_and_verifies_only_the_password(stored):
    again = hash_password(SECRET)
    assert stored != again  # a new salt each time: equal passwords do not show
    assert SECRET not in stored
    assert verify_password(SECRET, stored) and verify_password(SECRET, again)
    for wrong in ("", SECRET[:-1], SECRET + " ", SECRET.upper(), "x" * 10_000):
        assert not verify_password(wrong, stored)


def test_short_password_is_refused_with_the_minimum():
    with pytest.raises(FacmapError, match="at least 12 characters, got 5"):
        hash_password("short")


@pytest.mark.parametrize(
    "bad",
    ["", "plain-text-password", "scrypt$16384$8$1$salt", "bcrypt$16384$8$1$c2FsdHNhbHQ$a2V5",
     # a forged cost would make every check take gigabytes or minutes
     "scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",
     "scrypt$16384$64$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5"],
)  # fmt: skip
def test_a_malformed_or_costly_hash_is_refused_in_one_line(bad):
    with pytest.raises(FacmapError, match="facmap edit-password"):
        verify_password(SECRET, bad)


@pytest.mark.parametrize(
    ("address", "loopback"),
    [("127.0.0.1", True), ("127.0.1.1", True), ("localhost", True), ("::1", True),
     ("[::1]", True), (None, False), ("", False), ("0.0.0.0", False), ("::", False),
     ("192.168.1.20", False), ("myhost.lan", False)],
)  # fmt: skip
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) is loopback


def test_policy_matrix(stored):
    off = edit_policy({}, "127.0.0.1")
    assert not off.editing and "read-only" in off.notice
    assert not edit_policy({EDIT_ENV: "0"}, "127.0.0.1").editing
    local = edit_policy({EDIT_ENV: "1"}, "localhost")
    assert local.editing and not local.needs_password
    for address in (None, "0.0.0.0"):
        shared = edit_policy({EDIT_ENV: "yes"}, address)
        assert not shared.editing and PASSWORD_HASH_ENV in shared.notice
        guarded = edit_policy({EDIT_ENV: "1", PASSWORD_HASH_ENV: stored}, address)
        assert guarded.editing and guarded.needs_password
    broken = edit_policy({EDIT_ENV: "1", PASSWORD_HASH_ENV: "oops"}, "0.0.0.0")
    assert not broken.editing and "facmap edit-password" in broken.notice


def test_gate_checks_each_write(stored):
    gate = EditGate()
    with pytest.raises(FacmapError, match="read-only"):
        gate.check(edit_policy({}, "127.0.0.1"), SECRET)
    gate.check(edit_policy({EDIT_ENV: "1"}, "127.0.0.1"), None)
    guarded = edit_policy({EDIT_ENV: "1", PASSWORD_HASH_ENV: stored}, "0.0.0.0")
    with pytest.raises(FacmapError, match="Expected the editing password"):
        gate.check(guarded, "")
    with pytest.raises(FacmapError, match="wrong"):
        gate.check(guarded, "guess")
    gate.check(guarded, SECRET)


def test_gate_throttles_wrong_passwords_for_a_window(stored):
    now = [1000.0]
    gate = EditGate(max_failures=3, window_s=60, clock=lambda: now[0])
    guarded = edit_policy({EDIT_ENV: "1", PASSWORD_HASH_ENV: stored}, "0.0.0.0")
    for _ in range(3):
        with pytest.raises(FacmapError, match="wrong"):
            gate.check(guarded, "guess")
    with pytest.raises(FacmapError, match="try again in a minute"):
        gate.check(guarded, SECRET)
    now[0] += 61
    gate.check(guarded, SECRET)


def test_cli_edit_password_prints_a_hash_that_verifies():
    run = subprocess.run(
        [sys.executable, "-m", "facmap.cli", "edit-password", "--stdin"],
        input=SECRET + "\n", capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    line = run.stdout.strip()
    assert "\n" not in line and verify_password(SECRET, line)
    assert SECRET not in run.stdout + run.stderr
    assert PASSWORD_HASH_ENV in run.stderr


def test_cli_edit_password_refuses_a_short_one_in_one_line():
    run = subprocess.run(
        [sys.executable, "-m", "facmap.cli", "edit-password", "--stdin"],
        input="short\n", capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "at least 12" in run.stderr


def test_adds_per_minute_are_limited_and_the_wait_is_said():
    from facmap.access import recent_adds

    times: list[float] = []
    for t in (0.0, 10.0, 20.0):
        times = recent_adds(times, t, max_adds=3)
    with pytest.raises(FacmapError, match=r"at most 3 articles .* Try again in 35 s"):
        recent_adds(times, 25.0, max_adds=3)
    assert recent_adds(times, 60.0, max_adds=3) == [10.0, 20.0, 60.0]  # the first has aged out
