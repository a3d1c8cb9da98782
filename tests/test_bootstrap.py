"""`make app` says what it installs: scripts/bootstrap.sh run against a stand-in pip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib

from .conftest import ROOT

#: a .venv/bin/python that runs Python for scripts but only records pip's installs
FAKE_PYTHON = f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "$@" >> "$(dirname "$0")/pip.log"; exit 0; fi
exec {sys.executable} "$@"
"""


def _project(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", tmp_path / "scripts" / "bootstrap.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(FAKE_PYTHON, "utf-8")
    (bin_dir / "python").chmod(0o755)
    return tmp_path


def _bootstrap(project, *args):
    env = {**os.environ, "PYTHON": sys.executable}
    return subprocess.run(
        ["bash", str(project / "scripts" / "bootstrap.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_first_install_says_what_it_installs_then_stays_quiet(tmp_path):
    project = _project(tmp_path)
    res = _bootstrap(project)
    assert res.returncode == 0, res.stderr
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    assert "installing facmap" in res.stderr and "1-3 minutes" in res.stderr
    for name in ("geopandas", "streamlit", "matplotlib"):
        assert any(d.startswith(name) for d in deps) and name in res.stderr
    assert "installed" in res.stderr.splitlines()[-1]
    log = (project / ".venv" / "bin" / "pip.log").read_text("utf-8")
    assert "install --quiet -e ." in log
    again = _bootstrap(project)  # installed: nothing to say, nothing installed
    assert again.returncode == 0 and again.stderr == ""
    assert (project / ".venv" / "bin" / "pip.log").read_text("utf-8") == log


def test_test_extras_are_named(tmp_path):
    project = _project(tmp_path)
    # chromium and postgis are present on this machine, so only the pip part speaks
    res = _bootstrap(project, "--test")
    assert res.returncode == 0, res.stderr
    assert "facmap[test]" in res.stderr and "test tools: " in res.stderr
    assert "pytest" in res.stderr
