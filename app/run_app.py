"""Start the facmap page with its heavy libraries already imported.

Run ``python app/run_app.py [streamlit options] [-- --dataset PATH]``; it is
``streamlit run app/streamlit_app.py`` with one difference. Streamlit runs a page's script only
when the first browser connects, so that first visit would also pay for importing folium,
pandas, pyarrow and altair (about half a second on a 2-core machine). This launcher imports
them in the server process before the server starts, so the first visit is as fast as later ones.

``streamlit_folium`` itself is not preloaded: it registers its component only when imported
inside a running script, and importing it earlier leaves the map frame empty.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().with_name("streamlit_app.py")
#: the page's default dataset (``streamlit_app.DEFAULT_DATASET``; a test keeps them equal)
SEED = PAGE.parents[1] / "data" / "facilities.geojson"

#: imported before the server starts; each is safe to import outside a script run. The
#: server's own modules come first (``streamlit run`` imports them anyway), then the page's.
PRELOAD = (
    "streamlit.web.bootstrap",
    "streamlit.emojis",  # the page icon is looked up in it: a 0.16 s regex compile
    "pandas",
    "pyarrow",
    "altair",
    "folium",
    "folium.plugins",
    "facmap.access",
    "facmap.charts",
    "facmap.dataset",
    "facmap.export",
    "facmap.mapview",
    "facmap.phrasing",
    "facmap.pipeline",
    "facmap.stores",
    "facmap.stores.memo",
    "facmap.timeline",
    "facmap.userdata",
    "facmap.viewstate",
    "facmap.warmup",
)


#: defaults for an analyst's machine, often air-gapped; flags given by the user come later and win
DEFAULT_FLAGS = (
    "--browser.gatherUsageStats", "false",  # no telemetry calls from an offline machine
    "--client.toolbarMode", "minimal",  # no "Deploy" button: this page is not a hosted app
    # this machine only: the page can write the dataset (add an article), so it is not offered
    # to the network by default; binding an address also skips Streamlit's external-IP lookup
    "--server.address", "localhost",
)  # fmt: skip


def preload(modules: tuple[str, ...] = PRELOAD) -> list[str]:
    """Import ``modules`` now; return the names that could not be imported.

    A module that fails to import is not fatal here: the page imports it again and shows the
    real error where the user sees it.
    """
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def prepare(argv: list[str] | None = None) -> None:
    """Do now, once, the work the first visit would otherwise wait for.

    - The dataset's schema validator is compiled (about 0.1 s): every dataset read uses it.
    - Python's table of which file belongs to which module is filled. Declaring a Streamlit
      component (streamlit_folium does it when the page imports it) asks
      :func:`inspect.getmodule` for its caller, which resolves the real path of every loaded
      module it has not seen before: about 1,700 modules and 0.2 s on the first visit, a few
      milliseconds once the preloaded ones are known.
    - The dataset the page will show (``--dataset`` in ``argv``, ``FACMAP_DATASET``, or the
      seed's working copy) is read and validated in a background thread: 1.4 s for 10,000
      facilities that the first visit no longer waits for (see :mod:`facmap.stores.memo`).
    """
    from facmap import userdata
    from facmap.dataset import prepare_validator
    from facmap.stores import memo

    prepare_validator()
    inspect.getmodule(inspect.currentframe())
    try:
        shown = userdata.workspace(SEED, userdata.chosen_dataset(argv or [])).shown()
    except Exception:  # the page reports a dataset it cannot open
        return
    memo.warm(shown)


def main(argv: list[str] | None = None) -> None:
    """Preload, then hand over to ``streamlit run`` with the page, the defaults and ``argv``."""
    from streamlit.web import cli

    given = sys.argv[1:] if argv is None else argv
    preload()
    prepare(given)
    args = ["run", str(PAGE), *DEFAULT_FLAGS, *given]
    cli.main(args=args, prog_name="streamlit")


if __name__ == "__main__":
    main()
