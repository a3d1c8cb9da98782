#!/usr/bin/env bash
# Install what facmap needs into ./.venv (idempotent). With --test, also the test tools and
# Debian's Chromium for the browser tests and PostgreSQL with PostGIS for the store tests (needs
# root or sudo; skipped if already present).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "facmap needs Python 3.11 or newer; $PY is $("$PY" --version 2>&1). Set PYTHON=python3.11." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "facmap: creating a virtual environment in .venv ($("$PY" --version 2>&1))..." >&2
  "$PY" -m venv .venv
fi
extra=""
if [ "${1:-}" = "--test" ]; then extra="[test]"; fi
stamp=".venv/.facmap-installed$extra"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  # say what is installed and why it takes a while, instead of a silent half minute
  deps=$(.venv/bin/python - "$extra" <<'PY'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
names = [d.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].split("~")[0]
         for d in project["dependencies"]]
if sys.argv[1]:
    names += ["test tools: " + ", ".join(
        d.split("[")[0].split("<")[0].split(">")[0].split("=")[0]
        for d in project.get("optional-dependencies", {}).get("test", []))]
print(", ".join(n.strip() for n in names))
PY
  ) || deps="the packages listed in pyproject.toml"
  echo "facmap: installing facmap${extra} and its dependencies into .venv (first run: 1-3 minutes;" >&2
  echo "        later runs skip this): $deps" >&2
  echo "facmap: updating pip..." >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  echo "facmap: installing..." >&2
  .venv/bin/python -m pip install --quiet -e ".$extra"
  touch "$stamp"
  echo "facmap: installed; the next 'make app' starts at once." >&2
fi
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing Debian's chromium for the browser tests..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# PostgreSQL and PostGIS: the PostGIS store's tests start a throwaway cluster from them
if [ "${1:-}" = "--test" ] && ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing Debian's postgresql and postgis for the store tests..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-postgis >/dev/null
fi
