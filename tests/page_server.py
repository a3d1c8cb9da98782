"""Start ``streamlit run`` on 127.0.0.1 and drive it with headless Chromium (tests, benchmarks).

Kept out of conftest so the benchmark can reuse it. Waits are on conditions (a port accepting
connections, the health endpoint, a selector), never sleeps.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app" / "streamlit_app.py"
#: what ``make app`` runs: ``streamlit run APP`` with the heavy imports done before the first visit
LAUNCHER = ROOT / "app" / "run_app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MARKERS = ".leaflet-marker-pane .facmap-marker"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
            return bool(r.status == 200)
    except OSError:
        return False


@contextlib.contextmanager
def streamlit_server(
    dataset: Path | None = None,
    timeout: float = 60.0,
    *,
    edit: bool = False,
    env_extra: dict[str, str] | None = None,
) -> Iterator[str]:
    """Run the page on a free loopback port; yield its base URL; stop it afterwards.

    ``edit``: the operator enabled adding articles (``FACMAP_EDIT=1``); read-only otherwise.
    ``env_extra``: more environment for the server (``FACMAP_DATA_DIR`` of a test).
    """
    port = free_port()
    env = dict(os.environ) | (env_extra or {})
    env.pop("FACMAP_EDIT_PASSWORD_HASH", None)
    if edit:
        env["FACMAP_EDIT"] = "1"
    else:
        env.pop("FACMAP_EDIT", None)
    if dataset is not None:
        env["FACMAP_DATASET"] = str(dataset)
    cmd = [
        sys.executable, str(LAUNCHER),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while not _healthy(url):
            if proc.poll() is not None:
                err = proc.stderr.read() if proc.stderr else ""
                msg = f"streamlit exited with {proc.returncode} before serving: {err[-2000:]}"
                raise RuntimeError(msg)
            if time.monotonic() > deadline:
                msg = f"streamlit did not answer on {url} within {timeout} s"
                raise RuntimeError(msg)
            # wait on the condition: the health probe itself blocks up to 1 s
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def block_network(page: Any, blocked: list[str]) -> None:
    """Abort every request that is not to the loopback server (or inline data)."""

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", handle)


def synthetic_collection(n: int, *, seed: int = 0) -> dict[str, Any]:
    """A valid facilities collection of ``n`` point facilities scattered over Eurasia."""
    import random

    from facmap.dataset import empty_collection
    from facmap.types import FacilityType

    rng = random.Random(seed)
    types = [t.value for t in FacilityType]
    countries = ["RU", "KZ", "BY", "AM", "KG", "TJ"]
    fc = empty_collection()
    fc["facmap"]["articles"] = [{"id": "synthetic", "outlet": "Synthetic", "date": "2025-01-01"}]
    for i in range(n):
        lat, lon = round(rng.uniform(35, 70), 4), round(rng.uniform(25, 140), 4)
        name = f"Facility {i:05d}"
        excerpt = f"The article names {name} near the border in sentence {i}."
        props = {
            "id": f"syn-{i:05d}",
            "name": name,
            "type": types[i % len(types)],
            "country": countries[i % len(countries)],
            "operator": "Synthetic operator",
            "inferred": i % 7 == 0,
            "confidence": "high",
            "needs_review": False,
            "precision_km": 5.0,
            "placed_by": "synthetic",
            "point_basis": "random",
            "lat": lat,
            "lon": lon,
            "aliases": [],
            "sources": [{"name": "Synthetic source", "url": "https://example.invalid/"}],
            "article_count": 1,
            "mentions": [
                {
                    "article": "synthetic",
                    "surface": name,
                    "excerpt": excerpt,
                    "start": 100 * i + 18,
                    "end": 100 * i + 18 + len(name),
                    "match": "inferred" if i % 7 == 0 else "exact",
                    "score": 1.0,
                    "outlet": "Synthetic",
                    "date": "2025-01-01",
                }
            ],
        }
        fc["features"].append(
            {
                "type": "Feature",
                "id": props["id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return fc
