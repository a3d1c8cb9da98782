"""The facmap page: explore facilities on an offline map, filter them, read what articles say.

Run ``streamlit run app/streamlit_app.py`` (optionally ``-- --dataset PATH``, or set
``FACMAP_DATASET``). A thin layer: filtering, drawing and escaping live in :mod:`facmap`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.components.v1 import declare_component
from streamlit_folium import st_folium

from facmap import viewstate
from facmap.access import EditPolicy, edit_policy, recent_adds, server_gate
from facmap.basemap import basemap_dir
from facmap.charts import count_bars_html
from facmap.dataset import dumps, load_geojson, parse_geojson_bytes, write_geojson
from facmap.errors import FacmapError
from facmap.export import (
    DEFAULT_DPI,
    EXTENSIONS,
    FORMATS,
    MAX_DPI,
    MEDIA_TYPES,
    default_title,
    export_bytes,
    iframe_snippet,
)
from facmap.mapview import (
    DEFAULT_CLUSTER_THRESHOLD,
    MAP_CSS,
    build_base_map,
    facilities_layer,
    facility_html,
)
from facmap.markup import md_literal
from facmap.pipeline import languages_without_lexicon
from facmap.stores import is_url, open_store
from facmap.types import Article, FacilityType

DEFAULT_DATASET = Path(__file__).resolve().parents[1] / "data" / "facilities.geojson"
#: Streamlit serves a component's folder at /component/<name>/: the offline basemap's cells
#: are served that way (no config flag needed), and the map fetches the ones in view
BASEMAP_CELLS = declare_component("facmap_basemap_cells", path=str(basemap_dir()))
#: relative to the map's frame, /component/streamlit_folium.st_folium/index.html
BASEMAP_URL = f"../{BASEMAP_CELLS.name}/"
MAP_HEIGHT = 560
#: above this many features, popups are short and the full text lives in the details panel
LIGHT_POPUPS_ABOVE = DEFAULT_CLUSTER_THRESHOLD
EXPORT_LABELS = {
    "html": "HTML map",
    "png": "PNG image",
    "svg": "SVG image",
    "kml": "KML (Google Earth)",
    "gpkg": "GeoPackage (QGIS)",
    "csv": "CSV table",
    "geojson": "GeoJSON",
}
#: how much of one ignored link value the warning quotes
MAX_QUOTED_CHARS = 200
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


def md_text(text: str) -> str:
    """Escape text for Streamlit markdown so untrusted values show as typed (no links, images)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def dataset_path(argv: list[str] | None = None) -> Path | str:
    """Return the dataset: ``--dataset``, else ``FACMAP_DATASET``, else the repo's file.

    A path (.geojson or .gpkg), or a ``postgresql://`` URL kept as text.
    """
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--dataset")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    chosen = args.dataset or os.environ.get("FACMAP_DATASET")
    if chosen and is_url(chosen):
        return chosen
    return Path(chosen).expanduser() if chosen else DEFAULT_DATASET


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_store(location: str, version: str) -> dict[str, Any]:
    del version  # a cache key: a changed store (file or database) is read again
    return open_store(location).query()


def _parse_upload(name: str, digest: str, data: bytes) -> dict[str, Any]:
    """Parse an upload once per session, kept in that session only.

    Not a server-wide cache: an uploaded collection (up to the dataset limit) then leaves
    memory with the session that opened it, instead of staying for the server's life.
    """
    memo = st.session_state.get("_opened_fc")
    if memo is not None and memo[0] == digest:
        return memo[1]
    fc = parse_geojson_bytes(data, name=name)
    st.session_state["_opened_fc"] = (digest, fc)
    return fc


def _upload_key() -> str:
    # a new key gives an empty uploader (an uploader's value cannot be set from code)
    return f"upload_{st.session_state.get('_upload_nonce', 0)}"


def _on_upload() -> None:
    """Keep the uploaded file in the session, so it stays open when its panel is closed."""
    upload = st.session_state.get(_upload_key())
    st.session_state.pop("_opened_fc", None)
    if upload is None:  # the user removed the file: back to the dataset on disk
        st.session_state.pop("_opened", None)
    else:
        st.session_state["_opened"] = {"name": upload.name, "data": upload.getvalue()}


def _on_back() -> None:
    st.session_state.pop("_opened", None)
    st.session_state.pop("_opened_fc", None)
    st.session_state["_upload_nonce"] = st.session_state.get("_upload_nonce", 0) + 1


def open_dataset_panel() -> None:
    """Sidebar panel to open another facilities GeoJSON (built only while open: lazy)."""
    exp = st.sidebar.expander("Open another dataset", key="exp_open", on_change="rerun")
    if not exp.open:
        return
    with exp:
        st.file_uploader(
            "Open another facilities GeoJSON",
            type=["geojson", "json"],
            key=_upload_key(),
            on_change=_on_upload,
        )
        if st.session_state.get("_opened") is not None:
            st.button("Back to the dataset on disk", on_click=_on_back, key="back_to_file")


def load_dataset() -> tuple[dict[str, Any], str]:
    """Return the collection to show and a label saying where it came from.

    An upload that fails validation is reported and the file dataset is shown instead; nothing
    on disk is written either way. The upload is kept in the session (``_opened``) until the
    user removes it or goes back, so closing its panel does not close the dataset. Articles
    added to an upload live in this session only (``st.session_state["_upload_added"]``) and
    are offered as a download.
    The file is read and validated once per change (cached by path, mtime and size).
    """
    open_dataset_panel()
    opened = st.session_state.get("_opened")
    if opened is not None:
        name, data = opened["name"], opened["data"]
        digest = hashlib.sha256(data).hexdigest()
        try:
            fc = _parse_upload(name, digest, data)
        except FacmapError as exc:
            st.error(f"Could not open the upload. {md_text(str(exc))}")
        else:
            added = st.session_state.get("_upload_added")
            if added and added["digest"] == digest:
                fc = added["fc"]
                st.sidebar.download_button(
                    "Download the dataset with the added articles",
                    data=dumps(fc).encode("utf-8"),
                    file_name=Path(name).stem + "-added.geojson",
                    mime="application/geo+json",
                    on_click="ignore",
                    key="dl_upload_added",
                )
            st.session_state["_source"] = {"kind": "upload", "digest": digest, "fc": fc}
            return fc, f"upload {name}"
    path = dataset_path()
    try:
        store = open_store(path)
        if not store.exists():
            store.read()  # raises the error that says how to fix it
        fc = _load_store(str(path), store.version())
    except (OSError, FacmapError) as exc:
        st.error(md_text(str(exc)))
        st.stop()
        raise  # unreachable: st.stop() raises
    st.session_state["_source"] = {"kind": "file", "path": str(path)}
    return fc, store.location  # a database's URL without its password


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
    st.session_state["f_review"] = state.include_review
    if ignored:
        st.session_state["_ignored"] = ignored


def sidebar_filters(fc: dict[str, Any]) -> viewstate.ViewState:
    """Draw the filters and return the view they describe (mirrored into the URL)."""
    types = viewstate.type_options(fc)
    articles = viewstate.article_options(fc)
    # an added article may bring new types (keep "all" meaning all) or new articles
    st.session_state["f_types"] = viewstate.keep_type_selection(
        st.session_state.get("_type_options"), types, st.session_state.get("f_types", types)
    )
    st.session_state["_type_options"] = types
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
    review = sb.toggle(
        "Show facilities that need review",
        key="f_review",
        help="Facilities named in an article but not in the curated gazetteer: placed from a "
        "reference list of airfields or launch sites (medium confidence), or by the town they "
        "name (low confidence, wide precision).",
    )
    state = viewstate.ViewState(
        types=None if set(chosen) == set(types) else tuple(chosen),
        countries=tuple(countries) or None,
        articles=tuple(arts) or None,
        query=query,
        include_inferred=inferred,
        include_review=review,
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


def _edit_policy() -> EditPolicy:
    """Read-only unless the operator enabled editing; beyond loopback, with a password."""
    return edit_policy(address=st.get_option("server.address"))


@st.cache_resource(show_spinner=False)
def _extractor() -> Any:
    from facmap.extract import Extractor

    return Extractor()


def _article_from_form() -> Article:
    """Build the article the user pasted or uploaded, with the metadata fields.

    Raises
    ------
    FacmapError
        If nothing was given, or the text/file is empty, binary, not UTF-8, or holds no article.
    """
    from facmap.intake import article_from_upload, new_article

    ss = st.session_state
    meta = {k: str(ss.get(f"add_{k}", "") or "").strip() for k in _META_FIELDS}
    upload = ss.get(f"add_file_{ss.get('_add_nonce', 0)}")
    text = str(ss.get("add_text", "") or "")
    if upload is not None:
        return article_from_upload(upload.name, upload.getvalue(), **meta)
    if text.strip():
        return new_article(text, **meta)
    msg = "Expected an article: paste its text, or upload a .txt file or a saved .html page."
    raise FacmapError(msg)


_META_FIELDS = ("title", "date", "url", "outlet", "language")


def _on_add() -> None:
    """Add the form's article to the dataset shown (a callback: runs before the rerun).

    A file dataset is updated on disk (locked, backed up, atomic); an uploaded dataset is
    updated in this session only. On any error nothing changes and the message is shown.
    """
    from facmap.store import add_article

    ss = st.session_state
    ss.pop("_add_outcome", None)
    source = ss.get("_source")
    try:
        # on the server, before anything else, for every write: a hidden form is no guard
        server_gate().check(_edit_policy(), ss.get("edit_password"))
        ss["_add_times"] = recent_adds(ss.get("_add_times", []), time.monotonic())
        article = _article_from_form()
        if source is None:
            msg = "Expected a dataset to add to, but none is open. Reload the page."
            raise FacmapError(msg)
        if source["kind"] == "file":
            result = add_article(article, source["path"], extractor=_extractor())
            after = open_store(source["path"]).read()
        else:
            with tempfile.TemporaryDirectory(prefix="facmap-add-") as tmp:
                work = Path(tmp) / "dataset.geojson"
                write_geojson(source["fc"], work)
                result = add_article(article, work, extractor=_extractor(), articles_dir="")
                after = load_geojson(work)
            ss["_upload_added"] = {"digest": source["digest"], "fc": after}
    except FacmapError as exc:
        ss["_add_outcome"] = {"error": str(exc)}
        return
    names = {f["properties"]["id"]: f["properties"]["name"] for f in after["features"]}
    ss["_add_outcome"] = {
        "title": article.meta.title or article.meta.id,
        "already": result.already_present,
        "new": [(i, names.get(i, i)) for i in result.new_features],
        "updated": [(i, names.get(i, i)) for i in result.updated_features],
        "unplaced": viewstate.unplaced_rows(after, article=result.article_id),
        "total": result.total_features,
    }
    first = (result.new_features + result.updated_features)[:1]
    if first and not result.already_present:
        ss["selected"] = first[0]  # show its excerpts beside the map
    # clear the form for the next article
    ss["add_text"] = ""
    for k in _META_FIELDS:
        ss[f"add_{k}"] = ""
    ss["_add_nonce"] = ss.get("_add_nonce", 0) + 1


def add_article_form() -> None:
    """Sidebar form: paste or upload an article with its metadata, then add it."""
    policy = _edit_policy()
    if not policy.editing:  # no write widget at all; the notice says why
        st.sidebar.info(policy.notice, icon=":material/lock:")
        return
    nonce = st.session_state.get("_add_nonce", 0)
    # lazy: the form's ten widgets are built only while the expander is open, so they do not
    # slow the first drawing of the map
    exp = st.sidebar.expander("Add an article", key="exp_add", on_change="rerun")
    if not exp.open:
        return
    with exp, st.form("add_form"):
        st.text_area(
            "Article text",
            key="add_text",
            height=150,
            placeholder="Paste an English or Indonesian news article",
        )
        st.file_uploader(
            "or upload a .txt file or a saved .html page",
            type=["txt", "html", "htm"],
            key=f"add_file_{nonce}",
        )
        st.text_input("Title", key="add_title", placeholder="blank: the first line")
        st.text_input("Date", key="add_date", placeholder="YYYY-MM-DD")
        st.text_input("URL", key="add_url", placeholder="https://...")
        st.text_input("Outlet", key="add_outlet")
        st.text_input("Language", key="add_language", placeholder="blank: detected (id, en, ...)")
        if policy.needs_password:
            st.text_input(
                "Editing password", key="edit_password", type="password", help=policy.notice
            )
        st.form_submit_button("Add article", on_click=_on_add, type="primary")


def _names(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(md_text(name) for _, name in pairs)


def show_add_result() -> None:
    """Say what the last "Add article" did (escaped: article text is untrusted)."""
    out = st.session_state.get("_add_outcome")
    if not out:
        return
    if "error" in out:
        st.error(f"The article was not added; nothing changed. {md_text(out['error'])}")
        return
    title = md_text(out["title"])
    if out["already"]:
        st.info(f"“{title}” is already present in the dataset: nothing changed.")
        return
    lines = [f"Added “{title}”: the dataset now has {out['total']} facilities."]
    if out["new"]:
        lines.append(f"- {len(out['new'])} new: {_names(out['new'])}")
    if out["updated"]:
        lines.append(f"- {len(out['updated'])} updated with new excerpts: {_names(out['updated'])}")
    if not out["new"] and not out["updated"]:
        lines.append("- no facility was recognised in it.")
    if out["unplaced"]:
        lines.append(f"- {len(out['unplaced'])} phrases could not be placed (listed below).")
    st.success("\n".join(lines))
    if out["unplaced"]:
        st.dataframe(out["unplaced"], hide_index=True, width="stretch")


def review_panel(fc: dict[str, Any]) -> None:
    """List the features that need review and the phrases that could not be placed."""
    review = viewstate.review_rows(fc)
    unplaced = viewstate.unplaced_rows(fc)
    label = f"Review: {len(review)} facilities need review, {len(unplaced)} phrases not placed"
    exp = st.expander(label, key="exp_review", on_change="rerun")
    if not exp.open:  # lazy, like the other expanders: tables are drawn only when asked
        return
    with exp:
        st.caption(
            "Facility-like phrases outside the curated gazetteer are placed from a reference "
            "list (airfields, launch sites: medium confidence) or by the town they name (low "
            "confidence); hide them with the sidebar toggle."
        )
        if review:
            st.dataframe(review, hide_index=True, width="stretch")
        else:
            st.write("No facility needs review.")
        st.markdown("**Phrases that could not be placed**")
        if unplaced:
            st.dataframe(unplaced, hide_index=True, width="stretch")
        else:
            st.write("None.")


def _export_callable(fc: dict[str, Any], fmt: str, title: str, dpi: int) -> Any:
    def build() -> bytes:
        return export_bytes(fc, fmt, title=title, dpi=dpi)

    return build


def export_panel(shown: dict[str, Any]) -> None:
    """Download buttons for each export of the view on screen, and the iframe snippet.

    The bytes are built only when a button is clicked (a callable), so the page stays fast.
    """
    exp = st.expander("Export this view", key="exp_export", on_change="rerun")
    if not exp.open:  # lazy: eleven widgets and a highlighted snippet, drawn only when asked
        return
    with exp:
        if not shown["features"]:
            st.info("Nothing to export: no facility matches these filters.")
            return
        title = st.text_input("Report title", value=default_title(shown), key="export_title")
        dpi = int(
            st.number_input(
                "PNG resolution (dpi)", 50, MAX_DPI, DEFAULT_DPI, step=50, key="export_dpi"
            )
        )
        cols = st.columns(4)
        for i, fmt in enumerate(FORMATS):
            cols[i % 4].download_button(
                EXPORT_LABELS.get(fmt, fmt),
                data=_export_callable(shown, fmt, title, dpi),
                file_name=f"facmap-map{EXTENSIONS[fmt]}",
                mime=MEDIA_TYPES[fmt],
                on_click="ignore",
                key=f"export_{fmt}",
            )
        st.markdown(
            "Embed the HTML map in a report (save it beside the report as `facmap-map.html`):"
        )
        st.code(iframe_snippet("facmap-map.html", title=title), language="html")


def main() -> None:
    """Draw the page."""
    st.set_page_config(page_title="facmap", page_icon=":world_map:", layout="wide")
    fc, origin = load_dataset()
    _init_from_url(fc)
    st.title("Facilities named in the news")
    if ignored := st.session_state.pop("_ignored", None):
        # a shared link is untrusted: each value quoted literally, on one line, cut if long
        quoted = ", ".join(f"“{md_literal(v, MAX_QUOTED_CHARS)}”" for v in ignored)
        st.warning(f"Ignored link values: {quoted}")
    state = sidebar_filters(fc)
    add_article_form()
    shown = viewstate.apply(fc, state)
    n, total = len(shown["features"]), len(fc["features"])
    st.markdown(f"**{n} of {total} facilities shown** · source: `{origin.replace('`', '')}`")
    if gaps := languages_without_lexicon(fc):
        # never silent: facilities of these articles were matched by name only
        langs = ", ".join(sorted({lang for _, lang in gaps}))
        st.caption(
            f"{len(gaps)} article(s) in a language facmap has no cue words for ({langs}): "
            "their facilities were matched by name only."
        )
    show_add_result()

    left, right = st.columns([2, 1], gap="medium")
    with left:
        value = st_folium(
            # the base map depends on no data, so its script (and streamlit-folium's
            # component key) stays the same across reruns: a filter change keeps the map and
            # swaps only the facilities layer, which refills the legend and fits the view
            build_base_map(cluster=True, basemap_url=BASEMAP_URL),
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
            feature_group_to_add=facilities_layer(shown, light_popups_above=LIGHT_POPUPS_ABOVE),
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
    counts = viewstate.type_counts(shown)
    if len(counts) > 1:  # a count per type reads better as bars than as numbers to compare
        st.html(count_bars_html(counts))
    st.dataframe(viewstate.table_rows(shown), hide_index=True, width="stretch")
    review_panel(fc)
    export_panel(shown)


if __name__ == "__main__":  # streamlit runs the page as __main__
    main()
