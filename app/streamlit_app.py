"""The facmap page: explore facilities on an offline map, filter them, read what articles say.

Run ``streamlit run app/streamlit_app.py`` (optionally ``-- --dataset PATH``, or set
``FACMAP_DATASET``). A thin layer: filtering, drawing and escaping live in :mod:`facmap`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from facmap import viewstate
from facmap.dataset import MAX_DATASET_BYTES, load_geojson, parse_geojson
from facmap.errors import FacmapError
from facmap.mapview import MAP_CSS, build_map, facility_html
from facmap.types import FacilityType

DEFAULT_DATASET = Path(__file__).resolve().parents[1] / "data" / "facilities.geojson"
MAP_HEIGHT = 560
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


def md_text(text: str) -> str:
    """Escape text for Streamlit markdown so untrusted values show as typed (no links, images)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def dataset_path(argv: list[str] | None = None) -> Path:
    """Return the dataset path: ``--dataset``, else ``FACMAP_DATASET``, else the repo's file."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--dataset")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    chosen = args.dataset or os.environ.get("FACMAP_DATASET")
    return Path(chosen).expanduser() if chosen else DEFAULT_DATASET


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_file(path: str, mtime: float, size: int) -> dict[str, Any]:
    del mtime, size  # cache keys: a changed file is read again
    return load_geojson(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _parse_upload(name: str, digest: str, _data: bytes) -> dict[str, Any]:
    del digest  # the cache key for the bytes
    if len(_data) > MAX_DATASET_BYTES:
        msg = f"Expected an upload under {MAX_DATASET_BYTES:,} bytes, but {name!r} is larger."
        raise FacmapError(msg)
    try:
        text = _data.decode("utf-8")
    except UnicodeDecodeError:
        msg = f"Expected UTF-8 GeoJSON, but {name!r} is not UTF-8 text."
        raise FacmapError(msg) from None
    return parse_geojson(text, name=name)


def load_dataset() -> tuple[dict[str, Any], str]:
    """Return the collection to show and a label saying where it came from.

    An upload that fails validation is reported and the file dataset is shown instead; nothing
    on disk is written either way.
    """
    upload = st.sidebar.file_uploader(
        "Open another facilities GeoJSON", type=["geojson", "json"], key="upload"
    )
    if upload is not None:
        data = upload.getvalue()
        try:
            fc = _parse_upload(upload.name, hashlib.sha256(data).hexdigest(), data)
        except FacmapError as exc:
            st.error(f"Could not open the upload. {md_text(str(exc))}")
        else:
            return fc, f"upload {upload.name}"
    path = dataset_path()
    try:
        if not path.is_file():
            load_geojson(path)  # raises the error that says how to fix it
        stat = path.stat()
        return _load_file(str(path), stat.st_mtime, stat.st_size), str(path)
    except (OSError, FacmapError) as exc:
        st.error(md_text(str(exc)))
        st.stop()
        raise  # unreachable: st.stop() raises


def _init_from_url(fc: dict[str, Any]) -> None:
    """On a session's first run, set the filter widgets from the URL query."""
    if st.session_state.get("_url_read"):
        return
    st.session_state["_url_read"] = True
    state, ignored = viewstate.from_query(st.query_params.to_dict() | _repeated_present(), fc)
    types = viewstate.type_options(fc)
    st.session_state["f_types"] = [t for t in (state.types or types) if t in types] or types
    st.session_state["f_countries"] = list(state.countries or [])
    st.session_state["f_articles"] = list(state.articles or [])
    st.session_state["f_query"] = state.query
    st.session_state["f_inferred"] = state.include_inferred
    if ignored:
        st.session_state["_ignored"] = ignored


def sidebar_filters(fc: dict[str, Any]) -> viewstate.ViewState:
    """Draw the filters and return the view they describe (mirrored into the URL)."""
    types = viewstate.type_options(fc)
    articles = viewstate.article_options(fc)
    sb = st.sidebar
    sb.header("Filters")
    chosen = sb.multiselect(
        "Facility type", types, key="f_types", format_func=lambda t: FacilityType(t).label
    )
    countries = sb.multiselect(
        "Country", viewstate.country_options(fc), key="f_countries", placeholder="All countries"
    )
    arts = sb.multiselect(
        "Article",
        list(articles),
        key="f_articles",
        format_func=articles.get,
        placeholder="All articles",
    )
    query = sb.text_input("Name or alias", key="f_query", placeholder="e.g. Baikonur")
    inferred = sb.toggle("Show inferred facilities", key="f_inferred")
    state = viewstate.ViewState(
        types=None if set(chosen) == set(types) else tuple(chosen),
        countries=tuple(countries) or None,
        articles=tuple(arts) or None,
        query=query,
        include_inferred=inferred,
    )
    query_now = viewstate.to_query(state)
    if st.query_params.to_dict() | _repeated_present() != query_now:
        st.query_params.from_dict(query_now)
    return state


def _repeated_present() -> dict[str, list[str]]:
    keys = ("type", "country", "article")
    return {k: st.query_params.get_all(k) for k in keys if k in st.query_params}


def _clicked_id(value: Any) -> str | None:
    try:
        return str(value["last_active_drawing"]["properties"]["id"])
    except (KeyError, TypeError):
        return None


def main() -> None:
    """Draw the page."""
    st.set_page_config(page_title="facmap", page_icon=":world_map:", layout="wide")
    fc, origin = load_dataset()
    _init_from_url(fc)
    st.title("Facilities named in the news")
    if ignored := st.session_state.pop("_ignored", None):
        st.warning("Ignored link values: " + ", ".join(f"`{v.replace('`', '')}`" for v in ignored))
    state = sidebar_filters(fc)
    shown = viewstate.apply(fc, state)
    n, total = len(shown["features"]), len(fc["features"])
    st.markdown(f"**{n} of {total} facilities shown** · source: `{origin.replace('`', '')}`")

    left, right = st.columns([2, 1], gap="medium")
    with left:
        m = build_map(shown)
        value = st_folium(
            m,
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
        )
    ids = [f["properties"]["id"] for f in shown["features"]]
    by_id = {f["properties"]["id"]: f["properties"] for f in shown["features"]}
    clicked = _clicked_id(value)
    if clicked and clicked != st.session_state.get("_last_click") and clicked in by_id:
        st.session_state["selected"] = clicked
    st.session_state["_last_click"] = clicked
    if st.session_state.get("selected") not in by_id:
        st.session_state["selected"] = None
    with right:
        picked = st.selectbox(
            "Selected facility",
            ids,
            key="selected",
            format_func=lambda i: by_id[i]["name"],
            placeholder="Click a marker or area, or choose here",
        )
        if picked:
            st.html(f"<style>{MAP_CSS}</style>{facility_html(by_id[picked])}")
        elif n == 0:
            st.info("No facility matches these filters. Widen them in the sidebar.")
        else:
            st.caption("Click a marker or area on the map to read what the articles say.")

    st.subheader("Facilities shown")
    st.dataframe(viewstate.table_rows(shown), hide_index=True, width="stretch")


if __name__ == "__main__":  # streamlit runs the page as __main__
    main()
