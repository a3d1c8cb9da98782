"""The facmap page: explore facilities on an offline map, filter them, read what articles say.

Run ``streamlit run app/streamlit_app.py`` (optionally ``-- --dataset PATH``, or set
``FACMAP_DATASET``). A thin layer: filtering, drawing and escaping live in :mod:`facmap`.
"""

from __future__ import annotations

import hashlib
import html
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.components.v1 import declare_component
from streamlit_folium import st_folium

from facmap import timeline, userdata, viewstate
from facmap.access import EditPolicy, edit_policy, recent_adds, server_gate
from facmap.basemap import WORLD_FILE, basemap_dir
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
from facmap.phrasing import name_list
from facmap.pipeline import languages_without_lexicon
from facmap.stores import memo, open_store
from facmap.summary import summarize
from facmap.types import Article, FacilityType
from facmap.warmup import extractor_warmup

DEFAULT_DATASET = Path(__file__).resolve().parents[1] / "data" / "facilities.geojson"


@st.cache_resource(show_spinner=False)
def _basemap_url() -> str:
    """Serve the offline basemap's cells and return their address, once per server process.

    Streamlit serves a component's folder at /component/<name>/ (no config flag needed) and
    the map fetches the cells in view from there, relative to its frame
    (/component/streamlit_folium.st_folium/index.html). Declaring a component looks up its
    caller among every loaded module (about 0.09 s here): done at the page's top it cost every
    rerun of every visitor that, so it is declared once and remembered.
    """
    cells = declare_component("facmap_basemap_cells", path=str(basemap_dir()))
    return f"../{cells.name}/"


#: the map frame's height before PAGE_CSS sizes it to the window
MAP_HEIGHT = 560
#: the map is the page: it takes the window's height less the two header lines (taller on
#: taller windows, never under 420 px); the main area's padding is trimmed so the map gets the
#: width. Streamlit's own header is an empty, transparent 60 px band here (minimal toolbar): it
#: lets clicks through, and the title starts near the top instead of under it, except beside
#: the button that opens a closed sidebar, which sits in that band. The element holding this
#: style takes no room (it would add a 16 px gap above the title)
PAGE_CSS = """
<style id="facmap-page-css">
[data-testid="stElementContainer"]:has(#facmap-page-css) { display: none; }
[data-testid="stHeader"] { pointer-events: none; }
[data-testid="stHeader"] * { pointer-events: auto; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.25rem 1rem 1.25rem; max-width: none; }
[data-testid="stApp"]:has([data-testid="stExpandSidebarButton"])
  [data-testid="stMainBlockContainer"] { padding-top: 3.2rem; }
iframe[title="streamlit_folium.st_folium"] {
  height: max(420px, calc(100vh - 90px)) !important; }
[data-testid="stMain"] h1 { font-size: 1.35rem; padding: 0; margin: 0; line-height: 1.6rem; }
@media (max-width: 640px) {
  iframe[title="streamlit_folium.st_folium"] { height: max(360px, 70vh) !important; }
}
</style>
"""
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
#: names listed after "3 new:" before the rest are counted
MAX_LISTED_NAMES = 20
#: how much of one ignored link value the warning quotes
MAX_QUOTED_CHARS = 200
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


def md_text(text: str) -> str:
    """Escape text for Streamlit markdown so untrusted values show as typed (no links, images)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def _workspace() -> userdata.Workspace:
    """Return where the page reads and writes (never the tracked seed, see facmap.userdata)."""
    return userdata.workspace(DEFAULT_DATASET, dataset_path())


def dataset_path(argv: list[str] | None = None) -> Path | str:
    """Return the dataset: ``--dataset``, else ``FACMAP_DATASET``, else the repo's file.

    A path (.geojson or .gpkg), or a ``postgresql://`` URL kept as text.
    """
    chosen = userdata.chosen_dataset(sys.argv[1:] if argv is None else argv)
    return DEFAULT_DATASET if chosen is None else chosen


def _load_store(location: str, version: str) -> dict[str, Any]:
    # kept by the process, not by Streamlit: the launcher (run_app.py) reads it while the
    # server starts, so the first visit does not wait for it; a changed store is read again
    return memo.read_shown(location, version)


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
    # the seed is shown until the first edit makes the user's copy; a named dataset as it is
    path = _workspace().shown()
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
    st.session_state["_dates"] = (state.date_from, state.date_to)
    if ignored:
        st.session_state["_ignored"] = ignored


def _type_key(t: str) -> str:
    return f"f_type_{t}"


def _on_type_box() -> None:
    """Take the ticked type boxes, in vocabulary order, as the selection."""
    ss = st.session_state
    ss["f_types"] = [t for t in ss.get("_type_options", []) if ss.get(_type_key(t))]


def _on_only(t: str) -> None:
    """Show one type alone, in one click ('only' beside it); the other filters stay."""
    st.session_state["f_types"] = [t]


def _on_all_types() -> None:
    st.session_state["f_types"] = list(st.session_state.get("_type_options", []))


def type_filter(fc: dict[str, Any], types: list[str]) -> list[str]:
    """Draw one line per type, a box to tick and an 'only' button; return the types chosen.

    A line per type never overflows the sidebar (chips did, with six types), each line says
    how many facilities the type has, and 'only' replaces "clear all, pick one again".
    """
    ss = st.session_state
    chosen = list(ss["f_types"])
    counts = viewstate.type_filter_counts(fc)  # a naval air station counts under both of its types
    sb = st.sidebar
    head, all_col = sb.columns([3, 1], vertical_alignment="bottom")
    head.markdown(f"**Facility type** · {len(chosen)} of {len(types)}")
    if len(chosen) < len(types):
        all_col.button("all", key="f_types_all", on_click=_on_all_types, type="tertiary")
    lines = sb.container(gap="xxsmall")  # tight lines: twelve types stay a short list
    for t in types:
        ss[_type_key(t)] = t in chosen  # the list is the truth; the callbacks set it
        box, only = lines.columns([4, 1], vertical_alignment="center", gap="small")
        box.checkbox(
            f"{FacilityType(t).label} ({counts.get(t, 0)})",
            key=_type_key(t),
            on_change=_on_type_box,
        )
        only.button(
            "only",
            key=f"f_only_{t}",
            on_click=_on_only,
            args=(t,),
            type="tertiary",
            help=f"Show only {FacilityType(t).label.lower()} facilities",
        )
    return chosen


def date_filter(fc: dict[str, Any]) -> tuple[str | None, str | None]:
    """Draw a range of article dates ("what was reported in October"); return its ISO ends.

    The picker spans the dataset's first to last article date (widened to a link's dates);
    the whole span means no filter, so the link stays short and a dataset that grows keeps
    showing everything.
    """
    ss = st.session_state
    bounds = timeline.date_bounds(fc["features"])
    date_from, date_to = ss.get("_dates", (None, None))
    if bounds is None:
        return date_from, date_to  # nothing dated: no picker; a link's range still applies
    lo, hi = bounds
    start = date.fromisoformat(date_from) if date_from else lo
    end = date.fromisoformat(date_to) if date_to else hi
    if "f_dates" not in ss or ss.get("_f_dates_bounds") != bounds:
        # first run, or the data's span changed: the picker shows the range in force (a
        # half-picked range is left alone between runs, or the calendar would jump)
        ss["f_dates"] = (start, end)
        ss["_f_dates_bounds"] = bounds
    label, clear = st.sidebar.columns([3, 1], vertical_alignment="bottom")
    label.markdown("**Reported between**")
    if date_from or date_to:
        clear.button("all", key="f_dates_all", on_click=_on_all_dates, type="tertiary")
    st.sidebar.date_input(
        "Reported between",
        key="f_dates",
        min_value=min(lo, start),
        max_value=max(hi, end),
        format="YYYY-MM-DD",
        on_change=_on_dates,
        label_visibility="collapsed",
        help="Facilities named by an article dated in this range (both days included). "
        "Each facility's first and last article dates are in the table.",
    )
    return ss.get("_dates", (None, None))


def _on_all_dates() -> None:
    ss = st.session_state
    ss["_dates"] = (None, None)
    if ss.get("_date_bounds"):
        ss["f_dates"] = ss["_date_bounds"]


def _on_dates() -> None:
    """Keep the picked range as ISO days; the dataset's whole span means no filter."""
    ss = st.session_state
    picked = ss.get("f_dates")
    days = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    first = days[0] if days and isinstance(days[0], date) else None
    last = days[1] if len(days) > 1 and isinstance(days[1], date) else None
    bounds = ss.get("_date_bounds")
    lo, hi = bounds if bounds else (None, None)
    ss["_dates"] = (
        first.isoformat() if first and (lo is None or first > lo) else None,
        # one day picked so far: open-ended until the second is picked
        last.isoformat() if last and (hi is None or last < hi) else None,
    )


#: session key: set at the end of a session's first run; the filters and the table are drawn
#: from the next run on (the one the map asks for once its facilities are drawn)
AFTER_MAP = "_table_due"


def current_view(fc: dict[str, Any]) -> viewstate.ViewState:
    """Return the view the filter values in the session describe (the filter widgets' keys).

    The widgets hold their values under these keys, so this is what
    :func:`sidebar_filters` returns once they are drawn; a session's first run, which draws
    no filter, reads the values the link set (:func:`_init_from_url`).
    """
    ss = st.session_state
    types = viewstate.type_options(fc)
    chosen = [t for t in ss.get("f_types", types) if t in types]
    date_from, date_to = ss.get("_dates", (None, None))
    return viewstate.ViewState(
        types=None if set(chosen) == set(types) else tuple(chosen),
        countries=tuple(ss.get("f_countries") or ()) or None,
        articles=tuple(ss.get("f_articles") or ()) or None,
        query=str(ss.get("f_query") or ""),
        include_inferred=bool(ss.get("f_inferred", True)),
        include_review=bool(ss.get("f_review", True)),
        date_from=date_from,
        date_to=date_to,
    )


def sidebar_filters(fc: dict[str, Any]) -> viewstate.ViewState:
    """Draw the filters and return the view they describe (mirrored into the URL)."""
    types = viewstate.type_options(fc)
    articles = viewstate.article_options(fc)
    # an added article may bring new types (keep "all" meaning all) or new articles
    st.session_state["f_types"] = viewstate.keep_type_selection(
        st.session_state.get("_type_options"), types, st.session_state.get("f_types", types)
    )
    st.session_state["_type_options"] = types
    st.session_state["_date_bounds"] = timeline.date_bounds(fc["features"])
    sb = st.sidebar
    sb.header("Filters")
    type_filter(fc, types)
    sb.multiselect(
        "Country", viewstate.country_options(fc), key="f_countries", placeholder="All countries"
    )
    sb.multiselect(
        "Article",
        list(articles),
        key="f_articles",
        format_func=articles.get,
        placeholder="All articles",
    )
    date_filter(fc)
    sb.text_input("Name or alias", key="f_query", placeholder="e.g. Baikonur")
    sb.toggle("Show inferred facilities", key="f_inferred")
    sb.toggle(
        "Show facilities that need review",
        key="f_review",
        help="Facilities named in an article but not in the curated gazetteer: placed from a "
        "reference list of airfields or launch sites (medium confidence), or by the town they "
        "name (low confidence, wide precision).",
    )
    state = current_view(fc)  # the values the widgets just drew, under their keys
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
    """Check the form's article and queue it (a callback: runs before the rerun).

    The extraction and the write run in the script (:func:`run_pending_add`), where the page
    can show their progress; here only what is quick: the edit gate, the rate limit and
    reading the form, whose errors leave the form as typed.
    """
    ss = st.session_state
    ss.pop("_add_outcome", None)
    ss.pop("_reset_outcome", None)
    try:
        # on the server, before anything else, for every write: a hidden form is no guard
        server_gate().check(_edit_policy(), ss.get("edit_password"))
        ss["_add_times"] = recent_adds(ss.get("_add_times", []), time.monotonic())
        article = _article_from_form()
        if ss.get("_source") is None:
            msg = "Expected a dataset to add to, but none is open. Reload the page."
            raise FacmapError(msg)
    except FacmapError as exc:
        ss["_add_outcome"] = {"error": str(exc)}
        return
    ss["_pending_add"] = article
    # clear the form for the next article
    ss["add_text"] = ""
    for k in _META_FIELDS:
        ss[f"add_{k}"] = ""
    ss["_add_nonce"] = ss.get("_add_nonce", 0) + 1


def _ready_extractor() -> Any:
    """Return the process's extractor, showing the preparation's progress while it runs.

    The first add after the server starts waits for the place index (built once per machine)
    and the extractor: a progress bar with the step in words, never a silent grey page.

    Raises
    ------
    FacmapError
        If the preparation failed (its error, in words); the next add tries again.
    """
    warm = extractor_warmup()
    warm.start()
    if not warm.done:
        bar = st.progress(0.0, text="Preparing the extractor")
        while True:
            try:
                warm.result(timeout=0.25)
                break
            except TimeoutError:
                share, what = warm.progress
                bar.progress(share, text=what)
            except Exception as exc:  # its own error, shown as text
                msg = f"Could not prepare the extractor: {exc}. Try again; the work restarts."
                raise FacmapError(msg) from None
        bar.empty()
    return warm.result()


def run_pending_add() -> None:
    """Add the queued article to the dataset shown, with a status box while it works.

    A file dataset is updated on disk (locked, backed up, atomic): the demo's working copy,
    made from the seed on the first edit, never the seed itself; an uploaded dataset is
    updated in this session only. On any error nothing changes and the message is shown.
    """
    from facmap.store import add_article

    ss = st.session_state
    article: Article | None = ss.pop("_pending_add", None)
    if article is None:
        return
    source = ss.get("_source") or {}
    t0 = time.perf_counter()
    with st.status("Adding the article…", expanded=True) as box:
        try:
            extractor = _ready_extractor()
            box.write("Finding the facilities it names and writing the dataset…")
            if source.get("kind") == "file":
                target = _workspace().prepare_edit()
                result = add_article(article, target, extractor=extractor)
                after = open_store(target).read()
            else:
                with tempfile.TemporaryDirectory(prefix="facmap-add-") as tmp:
                    work = Path(tmp) / "dataset.geojson"
                    write_geojson(source["fc"], work)
                    result = add_article(article, work, extractor=extractor, articles_dir="")
                    after = load_geojson(work)
                ss["_upload_added"] = {"digest": source["digest"], "fc": after}
        except FacmapError as exc:
            ss["_add_outcome"] = {"error": str(exc)}
            box.update(label="The article was not added", state="error", expanded=False)
            return
        box.update(
            label=f"Article read in {time.perf_counter() - t0:.1f} s",
            state="complete",
            expanded=False,
        )
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


def _on_reset() -> None:
    """Put the demo's working copy back to the seed (after the confirmation click)."""
    ss = st.session_state
    ss.pop("_add_outcome", None)
    ss.pop("_reset_outcome", None)
    try:
        server_gate().check(_edit_policy(), ss.get("reset_password"))
        removed = _workspace().reset()
    except FacmapError as exc:
        ss["_reset_outcome"] = {"error": str(exc)}
        return
    ss["_reset_outcome"] = {"removed": removed}
    ss.pop("_upload_added", None)


def _warmup_progress() -> None:
    """Show how far the extractor's preparation is; once it is ready, redraw the page once."""
    warm = extractor_warmup()
    if warm.done:
        st.rerun()  # the whole page, without this timer
    if warm.failed is not None:
        st.caption(f"Preparation failed; it restarts with the next article. {md_text(warm.failed)}")
        return
    share, what = warm.progress
    st.progress(share, text=f"Preparing to read articles (first time only): {what}")


def add_article_form() -> None:
    """Sidebar form: paste or upload an article with its metadata, then add it."""
    policy = _edit_policy()
    if not policy.editing:  # no write widget at all; the notice says why
        st.sidebar.info(policy.notice, icon=":material/lock:")
        return
    reset_control(policy)
    nonce = st.session_state.get("_add_nonce", 0)
    # lazy: the form's ten widgets are built only while the expander is open, so they do not
    # slow the first drawing of the map
    exp = st.sidebar.expander("Add an article", key="exp_add", on_change="rerun")
    if not exp.open:
        return
    warm = extractor_warmup()
    warm.start()  # in the background, while the user pastes: the add is then quick
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
    if not warm.done:
        # below the form, so that the form keeps its place (and what the user typed in it)
        # when the bar goes away
        with exp:
            st.fragment(run_every=1.0)(_warmup_progress)()


def reset_control(policy: EditPolicy) -> None:
    """Say where edits go; once the demo's copy differs from the seed, offer to reset it.

    One click opens the confirmation, whose button resets: the seed file itself is never
    written, so this is how a demo goes back to its first state.
    """
    ws = _workspace()
    if not ws.demo or st.session_state.get("_source", {}).get("kind") != "file":
        return
    if not ws.modified():
        st.sidebar.caption(
            f"Articles you add go to a copy of the seed in {md_literal(ws.target)}; the seed "
            "file is never changed."
        )
        return
    st.sidebar.caption(
        f"Showing your copy of the seed with the articles added: {md_literal(ws.target)}"
    )
    with st.sidebar.popover("Reset to the seed", icon=":material/restart_alt:"):
        st.markdown(
            "Discard every article added here and show the seed again? The copy as it is now "
            "is kept beside it as a `.bak` file."
        )
        if policy.needs_password:
            st.text_input(
                "Editing password", key="reset_password", type="password", help=policy.notice
            )
        st.button("Reset to the seed now", key="reset_confirm", type="primary", on_click=_on_reset)


def _names(pairs: list[tuple[str, str]]) -> str:
    """Names as one unambiguous list («A»; «B, C»): a name holding a comma stays one item."""
    return md_text(name_list([name for _, name in pairs], limit=MAX_LISTED_NAMES))


def show_add_result() -> None:
    """Say what the last "Add article" or reset did (escaped: article text is untrusted)."""
    reset = st.session_state.get("_reset_outcome")
    if reset and "error" in reset:
        st.error(f"The copy was not reset; nothing changed. {md_text(reset['error'])}")
    elif reset:
        st.success(
            f"Back to the seed: the articles added here are gone ({reset['removed']} article "
            "copies removed); the copy before the reset is kept as a .bak file beside it."
        )
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


def _count(n: int, one: str, many: str) -> str:
    """``n`` with its noun: "1 article", "3 articles"."""
    return f"{n:,} {one if n == 1 else many}"


def summary_panel(shown: dict[str, Any]) -> None:
    """Fill the details column before any selection: the view at a glance, and where to start.

    An empty column told a first-time visitor nothing; this says how many facilities, from
    how many articles and when, per type (bars coloured like the markers: the chart that sat
    under the map, out of the first view, moved here), and offers the most reported
    facilities as one-click selections.
    """
    s = summarize(shown)
    when = f", reported {s.days_text}" if s.days_text else ""
    st.markdown(
        f"**{_count(s.facilities, 'facility', 'facilities')}** in "
        f"{_count(s.countries, 'country', 'countries')}, from "
        f"{_count(s.articles, 'article', 'articles')}{when}."
    )
    if len(s.types) > 1:  # a count per type reads better as bars; one type: the line says it
        st.html(count_bars_html(s.types))
    if s.headline:
        st.markdown("**Most reported**")
        lines = st.container(gap="xxsmall")  # a short list, not three spread-out buttons
        for h in s.headline:
            lines.button(
                md_text(h.name),
                key=f"headline_{h.id}",
                on_click=_select,
                args=(h.id,),
                type="tertiary",
                icon=":material/location_on:",
                help=f"Named in {_count(h.articles, 'article', 'articles')}: select it on the map",
            )
    st.caption("Click a marker or area on the map, or choose above, to read what the articles say.")


def _select(facility: str | None) -> None:
    """Make ``facility`` the selection; a new focus key makes the map pan to it and open it."""
    ss = st.session_state
    ss["_focus"] = ss.get("_focus", 0) + 1
    ss["selected"] = facility


def _on_pick() -> None:
    """Focus the map on the facility just chosen in the dropdown."""
    ss = st.session_state
    ss["_focus"] = ss.get("_focus", 0) + 1


def _table_pick(rows: list[dict[str, Any]]) -> str | None:
    """Return the facility of the table row the user selected, if any."""
    event = st.session_state.get("table")
    try:
        picked = event["selection"]["rows"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    return str(rows[picked[0]]["id"]) if picked and picked[0] < len(rows) else None


def main() -> None:
    """Draw the page."""
    # the emoji itself (its table is preloaded by run_app): a shortcode (":world_map:") goes
    # through Streamlit's image loader first, which imports PIL on the first visit
    st.set_page_config(
        page_title="facmap", page_icon="🗺️", layout="wide", initial_sidebar_state="auto"
    )
    # st.html, not st.markdown(unsafe_allow_html): a page of styles only takes no space, and
    # the browser does not fetch and run the raw-HTML markdown renderer (188 kB) first
    st.html(PAGE_CSS)
    run_pending_add()  # before the dataset is read, so the page draws what it added
    fc, origin = load_dataset()
    _init_from_url(fc)
    # shown in the first run and in the one the drawn map asks for, so it stays on screen
    # until the user's next change (it used to vanish as soon as the map was drawn)
    ignored = st.session_state.get("_ignored")
    if st.session_state.get(AFTER_MAP):
        st.session_state.pop("_ignored", None)
    if ignored:
        # a shared link is untrusted: each value quoted literally, on one line, cut if long
        quoted = ", ".join(f"“{md_literal(v, MAX_QUOTED_CHARS)}”" for v in ignored)
        hints = "".join(f" {h}" for h in viewstate.ignored_hints(ignored))  # our words only
        st.warning(f"Ignored link values: {quoted}.{hints}")
    if st.session_state.get(AFTER_MAP):
        state = sidebar_filters(fc)
    else:
        # A session's first run draws no filter widgets: the view is the link's (set above)
        # and the filters come with the table, in the run the map asks for once drawn. The
        # sidebar's fifteen widgets took the browser's main thread while the map loaded:
        # cold to first marker, seed 2.46 -> 2.14 s, 10,000 facilities 5.13 -> 3.96 s (A/B,
        # alternating fresh servers, load 2.4-4.1)
        state = current_view(fc)
        st.sidebar.caption("The filters follow as soon as the map is drawn.")
    add_article_form()
    shown = viewstate.apply(fc, state)
    n, total = len(shown["features"]), len(fc["features"])
    st.title("Facilities named in the news")
    st.markdown(f"**{n} of {total} facilities shown** · source: `{origin.replace('`', '')}`")
    if gaps := languages_without_lexicon(fc):
        # never silent: facilities of these articles were matched by name only
        langs = ", ".join(sorted({lang for _, lang in gaps}))
        st.caption(
            f"{len(gaps)} article(s) in a language facmap has no cue words for ({langs}): "
            "their facilities were matched by name only."
        )
    show_add_result()

    ss = st.session_state
    ids = [f["properties"]["id"] for f in shown["features"]]
    by_id = {f["properties"]["id"]: f["properties"] for f in shown["features"]}
    # the table comes with the second run (see below): the first one does not build its rows
    # (0.2 s for 10,000 facilities, before the map is sent)
    rows = viewstate.table_rows(shown) if ss.get(AFTER_MAP) else []
    # a table row the user just selected selects its facility (once per new row)
    row_pick = _table_pick(rows)
    if row_pick != ss.get("_last_row"):
        ss["_last_row"] = row_pick
        if row_pick in by_id:
            _select(row_pick)
    # a name search that leaves one facility selects it
    if state.query and len(ids) == 1 and ss.get("_last_query") != state.query:
        _select(ids[0])
    ss["_last_query"] = state.query
    if ss.get("selected") not in by_id:
        ss["selected"] = None

    left, right = st.columns([7, 2], gap="small")
    with left:
        value = st_folium(
            # the base map depends on no data, so its script (and streamlit-folium's
            # component key) stays the same across reruns: a filter change keeps the map and
            # swaps only the facilities layer, which refills the legend and fits the view
            # the 1:110m outlines are fetched after the markers are drawn (195 kB less to
            # send, parse and draw before the data)
            build_base_map(
                cluster=True,
                basemap_url=_basemap_url(),
                jquery=False,
                world_url=_basemap_url() + WORLD_FILE,
            ),
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
            # the selection is not part of the layer (a new layer would close the popup the
            # user just opened): the map reads it from the details panel's data attributes
            feature_group_to_add=facilities_layer(shown, light_popups_above=LIGHT_POPUPS_ABOVE),
        )
    clicked = _clicked_id(value)
    if clicked != ss.get("_last_click"):
        ss["_last_click"] = clicked
        if clicked in by_id:
            # the click opened its popup already: the map only rings it, the focus is kept
            ss["selected"] = clicked
    with right:
        picked = st.selectbox(
            "Selected facility",
            ids,
            key="selected",
            format_func=lambda i: by_id[i]["name"],
            # whole in the narrow column (151 px of text at 1280x800): the caption below
            # says that a click on the map selects too
            placeholder="Choose a facility",
            on_change=_on_pick,
        )
        if picked:
            # the map watches these attributes: ring the facility, and pan to it and open
            # its popup when the focus key is new (a popup the user closed stays closed)
            focus = html.escape(str(ss.get("_focus", 0)), quote=True)
            st.html(
                f"<style>{MAP_CSS}</style>"
                f'<div class="facmap-details" data-facmap-selected="{html.escape(picked)}" '
                f'data-facmap-focus="{focus}">{facility_html(by_id[picked])}</div>'
            )
        elif n == 0:
            st.info("No facility matches these filters. Widen them in the sidebar.")
        else:
            summary_panel(shown)

    st.subheader("Facilities shown")
    if ss.get(AFTER_MAP):
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            column_config=viewstate.table_config(),  # fits 1400 px: no horizontal scroll
            key="table",
            on_select="rerun",
            selection_mode="single-row",
        )
    else:
        # A session's first run leaves the table (below the map, out of the first view)
        # to the next run, which the map frame asks for once its facilities are drawn: the
        # grid's scripts (1.2 MB) and its drawing took the browser's time while the map
        # was loading, and the first markers came seconds later.
        ss[AFTER_MAP] = True
        st.caption("The table follows as soon as the map is drawn.")
    review_panel(fc)
    export_panel(shown)


if __name__ == "__main__":  # streamlit runs the page as __main__
    main()
