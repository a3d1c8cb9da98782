"""The facilities GeoJSON: build it from mentions, validate, merge, filter, read and write.

The file is the contract between extraction and everything downstream (page, exports,
notebook). It is RFC 7946 GeoJSON: WGS84 lon/lat, no ``crs`` member, at most 6 decimals,
counter-clockwise exterior rings. Writes are atomic: a crash mid-write leaves the old file.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _json, limits
from .errors import DatasetError
from .gazetteer import DATA_DIR, Gazetteer, load_gazetteer
from .geocode import Location, corridor_location, locate
from .inference import load_rules
from .types import ArticleMeta, FacilityType, Mention

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "GCAT_CREDIT",
    "SCHEMA_VERSION",
    "build_collection",
    "clean_stale_temps",
    "dumps",
    "empty_collection",
    "filter_collection",
    "join_disjoint",
    "load_geojson",
    "merge",
    "parse_geojson",
    "parse_geojson_bytes",
    "positions",
    "prepare_validator",
    "real_path",
    "remove_article",
    "to_geodataframe",
    "validate",
    "write_bytes_atomic",
    "write_geojson",
    "write_text_atomic",
]

SCHEMA_VERSION = 1
GCAT_CREDIT = "Data from GCAT (J. McDowell, planet4589.org/space/gcat)"
_BASE_CREDITS = (
    GCAT_CREDIT,
    "GeoNames (CC BY 4.0), https://www.geonames.org/",
    "airportsdata (MIT), https://github.com/mborsetti/airportsdata",
)
#: a temporary file of ours untouched for this long belongs to a writer that was killed
STALE_TEMP_S = 60.0
#: our temporary names: ``.<file>.<8 characters>.tmp`` (tempfile.mkstemp, _keep_old)
_TEMP_NAME = r"\.{}\.[a-z0-9_]{{8}}\.tmp"
#: see :data:`facmap.limits.MAX_DATASET_BYTES` (kept here for callers that import it)
MAX_DATASET_BYTES = limits.MAX_DATASET_BYTES


def empty_collection() -> dict[str, Any]:
    """Return a valid FeatureCollection with no features and no articles."""
    return {
        "type": "FeatureCollection",
        "facmap": {
            "schema_version": SCHEMA_VERSION,
            "articles": [],
            "credits": list(_BASE_CREDITS),
        },
        "features": [],
    }


def _article_dict(meta: ArticleMeta) -> dict[str, str]:
    d = {"id": meta.id}
    for k in ("outlet", "title", "date", "url", "language"):
        if v := getattr(meta, k):
            d[k] = v
    return d


def _mention_dict(m: Mention, meta: dict[str, str]) -> dict[str, Any]:
    d: dict[str, Any] = {
        "article": m.article_id,
        "surface": m.surface,
        "excerpt": m.excerpt,
        "start": m.start,
        "end": m.end,
        "match": m.match,
        "score": m.score,
    }
    if m.reasoning:
        d["reasoning"] = m.reasoning
    d.update(m.extra)
    for k in ("outlet", "title", "date", "url"):
        if v := meta.get(k):
            d[k] = v
    return d


@dataclass(frozen=True)
class MentionSummary:
    """What a feature's derived properties depend on, of all its mentions.

    A database store computes it with SQL aggregates, without reading every mention, and gets
    the properties :func:`_with_mentions` gives (both go through :func:`with_summary`).
    """

    matches: frozenset[str]
    best_score: float
    articles: int
    first_date: str | None
    last_date: str | None


def summarise_mentions(mentions: Sequence[dict[str, Any]]) -> MentionSummary:
    """Summarise mentions (see :class:`MentionSummary`)."""
    dates = sorted(m["date"] for m in mentions if m.get("date"))
    return MentionSummary(
        matches=frozenset(m["match"] for m in mentions),
        best_score=max((float(m.get("score", 1)) for m in mentions), default=0.0),
        articles=len({m["article"] for m in mentions}),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def _confidence(mentions: Sequence[dict[str, Any]]) -> tuple[str, bool]:
    s = summarise_mentions(mentions)
    return _confidence_of(s.matches, s.best_score)


def _confidence_of(matches: frozenset[str], best: float) -> tuple[str, bool]:
    if matches & {"exact", "variant", "place"}:
        return "high", False
    if "fuzzy" in matches:
        return ("medium", False) if best >= 0.85 else ("low", True)
    if "linked" in matches:
        # a town or a description tied to a known facility by the words around it: the
        # mention's `linked_by` says which words; a curated point, but a judgement to check
        return "medium", False
    if "secondary" in matches:
        return "medium", True  # a cited reference row, matched by name, but not curated
    if "pattern" in matches:
        return "low", True
    return "medium", False  # inferred: the reasoning is in the feature, for the analyst to judge


def _feature(loc: Location, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": loc.id,
        "name": loc.name,
        "type": loc.type.value,
        "country": loc.country,
        "operator": loc.operator,
        # placeholders keep the key order; _with_mentions derives them from the mentions
        "inferred": False,
        "confidence": "",
        "needs_review": False,
        "precision_km": loc.precision_km,
        "placed_by": loc.placed_by,
        "point_basis": loc.point_basis,
        "lat": loc.lat,
        "lon": loc.lon,
        "aliases": list(loc.aliases),
        "sources": list(loc.sources),
    }
    props.update(loc.extra)
    reasons = sorted({m["reasoning"] for m in mentions if m.get("reasoning")})
    if reasons and all(m["match"] == "inferred" for m in mentions):
        props["reasoning"] = " ".join(reasons)
    feature = {"type": "Feature", "id": loc.id, "geometry": loc.geometry, "properties": props}
    return _with_mentions(feature, mentions)


def build_collection(
    mentions: Iterable[Mention],
    articles: Iterable[ArticleMeta],
    gazetteer: Gazetteer | None = None,
) -> dict[str, Any]:
    """Group mentions by facility and place each facility: one feature per facility.

    Corridors (``data/inference.toml``) are added where an article names a launch site in the
    sentence that names or implies its impact area.

    Parameters
    ----------
    mentions
        From :func:`facmap.extract.extract`, for any number of articles.
    articles
        Metadata of those articles; each mention copies its article's outlet, title, date, url.
    gazetteer
        Default: the shipped one.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    metas = {a.id: _article_dict(a) for a in articles}
    mentions = list(mentions)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    unplaced = []
    for m in mentions:
        if m.facility_id.startswith("unplaced:"):
            _, ftype, _ = m.facility_id.split(":", 2)
            unplaced.append(_mention_dict(m, metas.get(m.article_id, {})) | {"type": ftype})
            continue
        grouped[m.facility_id].append(_mention_dict(m, metas.get(m.article_id, {})))
        by_sentence[(m.article_id, m.sentence_start)].add(m.facility_id)
    features = [_feature(locate(fid, gaz), ms) for fid, ms in grouped.items()]
    _, corridors = load_rules()
    for c in corridors:
        if c.launch not in gaz.entries or c.impact not in gaz.entries:
            continue
        reason = (
            f"The sentence names {gaz[c.launch].name} as the launch site of warheads that land "
            f"in the {gaz[c.impact].name}; the line joins the two."
        )
        cms = [
            _mention_dict(m, metas.get(m.article_id, {}))
            | {"match": "inferred", "reasoning": reason}
            for m in mentions
            if m.facility_id == c.launch
            and c.impact in by_sentence[(m.article_id, m.sentence_start)]
        ]
        if cms:
            features.append(_feature(corridor_location(c, gaz), cms))
    fc = empty_collection()
    fc["facmap"]["articles"] = sorted(metas.values(), key=lambda a: a["id"])
    fc["facmap"]["unplaced"] = sorted(unplaced, key=_mention_key)
    fc["features"] = sorted(features, key=lambda f: f["id"])
    return fc


def dumps(fc: dict[str, Any]) -> str:
    """Serialise deterministically (stable key order, UTF-8 text, newline at the end).

    Raises
    ------
    ValueError
        If the collection holds NaN or Infinity, which JSON does not allow.
    """
    return json.dumps(fc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def real_path(path: str | Path) -> Path:
    """Follow symbolic links to the file they name (which need not exist yet).

    Raises
    ------
    DatasetError
        If the links form a loop: one line, instead of replacing the link or a traceback.
    """
    real = os.path.realpath(path)
    looped = Path(real).is_symlink()  # realpath stops at a link only when the links loop
    if not looped:
        try:
            Path(real).stat()
        except OSError as exc:
            looped = exc.errno == errno.ELOOP  # a loop in a folder of the path
    if looped:
        msg = (
            f"Expected {str(path)!r} to lead to a file, but its symbolic links form a loop. "
            "Point the link at the dataset file."
        )
        raise DatasetError(msg)
    return Path(real)


def write_bytes_atomic(path: str | Path, data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, then rename.

    A reader (or a crash) sees the old file or the new one, never a truncated one; the old
    file's permissions are kept. The file and then its folder are fsynced, so a write that
    returned survives a power loss.

    With ``backup``, the previous file becomes ``<file>.bak``: hard-linked (or, where links
    are not possible, copied) to a temporary name first, renamed over the old backup only
    after the new file is in place. So the backup is never truncated in place, and a write
    that fails leaves the previous backup as it was.

    Raises
    ------
    DatasetError
        If the folder does not exist or is not writable; nothing is left behind.
    """
    # write through a symbolic link to the file it names, so a shared dataset is updated
    p = real_path(path)
    if p.exists() and not os.access(p, os.W_OK):
        msg = f"Expected a writable file, but {str(path)!r} is read-only. Change its permissions."
        raise DatasetError(msg)
    folder = p.parent if str(p.parent) else Path()
    if not folder.is_dir():
        msg = (
            f"Expected an existing folder for {str(p)!r}, but {str(folder)!r} does not exist. "
            "Create it first."
        )
        raise DatasetError(msg)
    clean_stale_temps(p)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{p.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(p, exc) from None
    old: str | None = None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(p.stat().st_mode & 0o777 if p.exists() else 0o644)
        if backup and p.is_file():
            old = _keep_old(p)
        Path(tmp).replace(p)
        if old is not None:
            Path(old).replace(p.with_name(p.name + ".bak"))
            old = None
        _fsync_dir(folder)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if old is not None:
            Path(old).unlink(missing_ok=True)
        raise _cannot_write(p, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        if old is not None:
            Path(old).unlink(missing_ok=True)
        raise


def _cannot_write(p: Path, exc: OSError) -> DatasetError:
    """Say why a write failed and what to do; a full disk is named as such."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        msg = (
            f"Cannot write {str(p)!r}: the disk holding it is full ({exc.strerror}). Free some "
            "space and try again; nothing was changed."
        )
    else:
        msg = f"Cannot write {str(p)!r}: {exc.strerror}. Choose a writable path."
    return DatasetError(msg)


def clean_stale_temps(path: str | Path) -> list[Path]:
    """Remove the temporary files that killed writers of ``path`` left; return them.

    Only our own names (``.<file>.<8 characters>.tmp``) count, and only regular files whose
    content and inode have not changed for :data:`STALE_TEMP_S` seconds (a hard link counts as
    a change), so a live writer's file is never touched.
    """
    p = Path(path)
    pattern = re.compile(_TEMP_NAME.format(re.escape(p.name)))
    now = time.time()
    removed: list[Path] = []
    try:
        names = [c.name for c in p.parent.iterdir()]
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        q = p.with_name(name)
        try:
            st = q.lstat()
            if stat.S_ISREG(st.st_mode) and now - max(st.st_mtime, st.st_ctime) > STALE_TEMP_S:
                q.unlink()
                removed.append(q)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _keep_old(p: Path) -> str:
    """Give the current file a second, temporary name (hard link, else a fsynced copy)."""
    name = str(p.with_name(f".{p.name}.{secrets.token_hex(4)}.tmp"))
    try:
        os.link(p, name)
    except OSError:  # no hard links on this filesystem (or across a bind mount): copy
        try:
            shutil.copyfile(p, name)
            with Path(name).open("rb+") as fh:
                os.fsync(fh.fileno())
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    return name


def _fsync_dir(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the OS can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows cannot open a directory
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 text atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_geojson(fc: dict[str, Any], path: str | Path, *, backup: bool = False) -> None:
    """Validate and write a collection atomically (``backup``: keep the old file as .bak).

    Raises
    ------
    DatasetError
        If the collection violates the contract (nothing is written) or the path is unwritable.
    """
    problems = validate(fc)
    if problems:
        msg = f"Refusing to write an invalid dataset: {problems[0]}"
        raise DatasetError(msg)
    try:
        text = dumps(fc)
    except ValueError:
        msg = "Refusing to write a dataset holding NaN or Infinity: JSON allows finite numbers."
        raise DatasetError(msg) from None
    data = text.encode("utf-8")
    if len(data) > limits.MAX_DATASET_BYTES:
        # reading would refuse it: a file that could not be opened again is never written
        msg = (
            f"Refusing to write a GeoJSON dataset of {len(data):,} bytes: the limit is "
            f"{limits.MAX_DATASET_BYTES:,} (the page and exports hold a file in memory); the "
            "old dataset is unchanged. Remove articles (`facmap remove`), or keep a "
            "collection this large in a GeoPackage or PostGIS: `facmap convert` copies it."
        )
        raise DatasetError(msg)
    write_bytes_atomic(path, data, backup=backup)


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((DATA_DIR / "facilities.schema.json").read_text("utf-8"))
    return schema


@cache
def _validator() -> Any:
    """Return the reference validator (jsonschema, 2020-12): slow, but precise messages."""
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


def _draft7(node: Any) -> Any:
    """Translate the schema to draft 7 (what fastjsonschema compiles): same constraints."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            key = {"$defs": "definitions", "prefixItems": "items"}.get(k, k)
            out[key] = _draft7(v)
        if "$schema" in out:
            out["$schema"] = "http://json-schema.org/draft-07/schema#"
        if isinstance(out.get("$ref"), str):
            out["$ref"] = out["$ref"].replace("#/$defs/", "#/definitions/")
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


@cache
def _fast_validator() -> Any:
    """Return a compiled validator (about 14x faster) that lets valid data pass quickly."""
    import fastjsonschema

    return fastjsonschema.compile(_draft7(_schema()))


def prepare_validator() -> None:
    """Compile the schema validator now (about 0.1 s), e.g. before a server's first request."""
    _fast_validator()


def _schema_ok(fc: Any) -> bool:
    import fastjsonschema

    try:
        _fast_validator()(fc)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _where(fc: dict[str, Any], path: Sequence[Any]) -> str:
    if len(path) >= 2 and path[0] == "features" and isinstance(path[1], int):
        try:
            fid = fc["features"][path[1]]["properties"]["id"]
        except (KeyError, TypeError, IndexError):
            fid = "?"
        rest = "/".join(str(p) for p in path[2:])
        return f"feature #{path[1]} ({fid!r}) {rest}".rstrip()
    return "/".join(str(p) for p in path) or "top level"


def validate(fc: Any) -> list[str]:
    """Return the contract violations of a parsed GeoJSON object (empty if valid).

    Checks the JSON Schema and what a schema cannot: decimals, ring closure and orientation,
    unique ids, mention offsets consistent with their excerpt.
    """
    if not isinstance(fc, dict):
        return [f"expected a GeoJSON FeatureCollection object, got {type(fc).__name__}"]
    if "crs" in fc:
        return ["top level: remove the 'crs' member: RFC 7946 GeoJSON is always WGS84 lon/lat"]
    # valid data (the common case) passes the compiled validator; only invalid data pays for
    # the reference validator, whose messages name the feature and the property
    problems = (
        []
        if _schema_ok(fc)
        else [
            f"{_where(fc, list(e.absolute_path))}: {_short(e)}"
            for e in sorted(
                _validator().iter_errors(fc), key=lambda e: list(map(str, e.absolute_path))
            )
        ]
    )
    if problems:
        return problems
    seen: set[str] = set()
    known = {a["id"] for a in fc.get("facmap", {}).get("articles", [])}
    for i, f in enumerate(fc["features"]):
        p = f["properties"]
        where = f"feature #{i} ({p['id']!r})"
        if p["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(p["id"])
        if "id" in f and f["id"] != p["id"]:
            problems.append(f"{where}: feature id {f['id']!r} differs from properties.id")
        problems.extend(f"{where}: {msg}" for msg in _nonfinite(f))
        problems.extend(f"{where}: {msg}" for msg in _geometry_problems(f["geometry"]))
        if f["geometry"]["type"] == "Point" and "lat" in p and "lon" in p:
            lon, lat = f["geometry"]["coordinates"][:2]
            if (round(p["lon"], 6), round(p["lat"], 6)) != (lon, lat):
                problems.append(f"{where}: properties lat/lon differ from the Point geometry")
        for m in p["mentions"]:
            if m["end"] <= m["start"] or m["surface"] not in m["excerpt"]:
                problems.append(f"{where}: mention {m['surface']!r} is not inside its excerpt")
            elif m["end"] - m["start"] != len(m["surface"]):
                problems.append(f"{where}: mention {m['surface']!r} has a span of another length")
            if known and m["article"] not in known:
                problems.append(f"{where}: mention cites article {m['article']!r}, not listed")
    return problems


def _finite(v: Any) -> bool:
    return not isinstance(v, float) or math.isfinite(v)


def _nonfinite(f: dict[str, Any]) -> list[str]:
    """Name the numbers of a feature that are NaN or infinite (a schema lets them pass)."""
    p = f["properties"]
    out = [f"{k} is {p[k]!r}; expected a finite number" for k in _NUMBERS if not _finite(p.get(k))]
    out.extend(
        f"mention {m['surface']!r} has score {m['score']!r}; expected a finite number"
        for m in p["mentions"]
        if not _finite(m.get("score"))
    )
    if not all(_finite(v) for pos in positions(f["geometry"]["coordinates"]) for v in pos):
        out.append("a coordinate is NaN or infinite; expected finite numbers")
    return out


_NUMBERS = ("precision_km", "lat", "lon")


def _short(error: Any) -> str:
    """One readable line for a schema error: the deepest cause, not a dump of the data."""
    import jsonschema

    # in a oneOf (geometry kinds) the useful branch is the one whose "type" matched
    ctxs = list(error.context or ())
    wrong_kind = {
        c.relative_schema_path[0]
        for c in ctxs
        if c.validator == "const" and list(c.relative_path)[-1:] == ["type"]
    }
    ctx = [c for c in ctxs if c.relative_schema_path[0] not in wrong_kind]
    best = jsonschema.exceptions.best_match(ctx) if ctx else error
    msg = str(best.message)
    return msg if len(msg) <= 200 else msg[:200] + "..."


def positions(coords: Any) -> Iterable[Sequence[float]]:
    """Yield every position of a GeoJSON ``coordinates`` value, whatever its nesting."""
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from positions(c)


def _geometry_problems(geom: dict[str, Any]) -> list[str]:
    out = []
    for pos in positions(geom["coordinates"]):
        for v in pos[:2]:
            if round(v, 6) != v:
                out.append(f"coordinate {v!r} has more than 6 decimals")
                return out
    rings: list[Any] = []
    if geom["type"] == "Polygon":
        rings = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        rings = geom["coordinates"]
    for poly in rings:
        for k, ring in enumerate(poly):
            if ring[0] != ring[-1]:
                out.append("polygon ring is not closed (first position != last)")
                continue
            area2 = sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring))
            ccw = area2 > 0
            if (k == 0) != ccw:
                out.append(
                    "polygon ring orientation breaks RFC 7946 right-hand rule "
                    "(exterior counter-clockwise, holes clockwise)"
                )
    return out


def parse_geojson(text: str, *, name: str = "GeoJSON") -> dict[str, Any]:
    """Parse and validate GeoJSON text (an upload, a file's content).

    Raises
    ------
    DatasetError
        Naming the first problem and the feature it is in.
    """
    try:
        fc = _json.loads(text)
    except json.JSONDecodeError as exc:
        msg = (
            f"Expected {name} to be JSON, but it does not parse at line {exc.lineno}, column "
            f"{exc.colno}: {exc.msg}. Re-export it or run `facmap validate` on it."
        )
        raise DatasetError(msg) from None
    except _json.NonFiniteNumberError as exc:
        msg = f"Expected {name} to hold finite numbers only, but it {exc}."
        raise DatasetError(msg) from None
    except _json.TooDeepError as exc:
        msg = f"Expected {name} to be a facmap dataset, but it {exc}. Check where it came from."
        raise DatasetError(msg) from None
    problems = validate(fc)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        msg = f"{name} is not a valid facmap dataset: {problems[0]}{more}."
        raise DatasetError(msg)
    return fc  # type: ignore[no-any-return]


def load_geojson(path: str | Path) -> dict[str, Any]:
    """Read and validate a facilities GeoJSON file.

    Raises
    ------
    DatasetError
        If the file is missing, too large, not UTF-8 JSON, or violates the contract.
    """
    p = Path(path)
    if p.is_symlink():
        real_path(p)  # a loop is named as such, not as a missing file
    if not p.is_file():
        msg = (
            f"Expected a facilities GeoJSON file, but {str(p)!r} does not exist. "
            "Run `facmap extract` first or check the path."
        )
        raise DatasetError(msg)
    limit = limits.MAX_DATASET_BYTES
    try:
        if p.stat().st_size > limit:
            raise _too_large(str(p))
        with p.open("rb") as fh:
            data = fh.read(limit + 1)  # a file that grew since: never more than the limit
    except OSError as exc:
        msg = f"Cannot read {str(p)!r}: {exc.strerror}. Check its permissions."
        raise DatasetError(msg) from None
    return parse_geojson_bytes(data, name=str(p))


def _too_large(name: str) -> DatasetError:
    msg = (
        f"Expected a dataset under {limits.MAX_DATASET_BYTES:,} bytes, but {name!r} is larger. "
        "Open it with a tool for large files, or convert it to a GeoPackage "
        "(`facmap convert`)."
    )
    return DatasetError(msg)


def parse_geojson_bytes(data: bytes, *, name: str = "GeoJSON") -> dict[str, Any]:
    """Parse and validate GeoJSON bytes (a file's content, an upload).

    Raises
    ------
    DatasetError
        If the data is too large, not UTF-8, or violates the contract.
    """
    if len(data) > limits.MAX_DATASET_BYTES:
        raise _too_large(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        msg = f"Expected UTF-8 GeoJSON, but {name!r} is not UTF-8 text."
        raise DatasetError(msg) from None
    return parse_geojson(text, name=name)


def _mention_key(m: dict[str, Any]) -> tuple[str, int, int]:
    return (m["article"], m["start"], m["end"])


def merge(base: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Merge two collections: one feature per facility id, mentions accumulated.

    Merging is idempotent (adding the same article twice changes nothing): mentions are keyed
    by article and span. A facility's place and citations come from ``base`` when it has one.
    """
    olds = {f["properties"]["id"]: f for f in base["features"]}
    adds = {f["properties"]["id"]: f for f in new["features"]}
    out: dict[str, dict[str, Any]] = {}
    for fid in sorted({*olds, *adds}):
        old, add = olds.get(fid), adds.get(fid)
        if add is None or old is None:
            # untouched by one side: nothing to merge, the feature stays as it is
            out[fid] = old if old is not None else add  # type: ignore[assignment]
            continue
        mentions = {_mention_key(m): m for m in old["properties"]["mentions"]}
        for m in add["properties"]["mentions"]:
            mentions.setdefault(_mention_key(m), m)
        out[fid] = _with_mentions(old, list(mentions.values()))
    fc = empty_collection()
    arts = {a["id"]: a for a in base.get("facmap", {}).get("articles", [])}
    for a in new.get("facmap", {}).get("articles", []):
        arts.setdefault(a["id"], a)
    fc["facmap"]["articles"] = sorted(arts.values(), key=lambda a: a["id"])
    unplaced = {_mention_key(m): m for m in base.get("facmap", {}).get("unplaced", [])}
    for m in new.get("facmap", {}).get("unplaced", []):
        unplaced.setdefault(_mention_key(m), m)
    fc["facmap"]["unplaced"] = [unplaced[k] for k in sorted(unplaced)]
    fc["features"] = [out[k] for k in sorted(out)]
    return fc


#: properties a feature derives from its mentions; the rest come from its place alone
_DERIVED_LATE = ("reasoning", "article_count", "first_seen", "last_seen", "mentions")


def join_disjoint(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Join collections built from disjoint sets of articles, given in article order.

    The result is the collection :func:`build_collection` makes from all their mentions at
    once, byte for byte, so extraction can be split into batches (on Dask workers) and joined
    where the batches meet, the same whatever the batch size. This differs from merging them
    in turn (:func:`merge`, :func:`facmap.stores.combine`), where a facility's first
    collection decides what its mentions do not (an inferred facility's reasoning); and it
    takes one pass, not one per batch. Nothing is deduplicated: the parts must not share an
    article.
    """
    by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
    articles: list[dict[str, Any]] = []
    unplaced: list[dict[str, Any]] = []
    for part in parts:
        for f in part["features"]:
            by_id[f["id"]].append(f)
        articles.extend(part["facmap"]["articles"])
        unplaced.extend(part["facmap"].get("unplaced", []))
    features = []
    for fs in by_id.values():
        if len(fs) == 1:
            features.append(fs[0])
            continue
        mentions = [m for f in fs for m in f["properties"]["mentions"]]
        # rebuilt as _feature builds it: the place's properties in their order, then
        # what follows from all the mentions together
        props = {k: v for k, v in fs[0]["properties"].items() if k not in _DERIVED_LATE}
        reasons = sorted({m["reasoning"] for m in mentions if m.get("reasoning")})
        if reasons and all(m["match"] == "inferred" for m in mentions):
            props["reasoning"] = " ".join(reasons)
        features.append(_with_mentions({**fs[0], "properties": props}, mentions))
    fc = empty_collection()
    fc["facmap"]["articles"] = sorted(articles, key=lambda a: a["id"])
    fc["facmap"]["unplaced"] = sorted(unplaced, key=_mention_key)
    fc["features"] = sorted(features, key=lambda f: f["id"])
    return fc


def _with_mentions(feature: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """Set the properties that follow from the mentions (inferred, confidence, counts, dates)."""
    mentions = sorted(mentions, key=_mention_key)
    return with_summary(feature, summarise_mentions(mentions), mentions)


def with_summary(feature: dict[str, Any], s: MentionSummary, mentions: Any) -> dict[str, Any]:
    """Set the derived properties from a summary of the mentions; ``mentions`` goes last."""
    props = dict(feature["properties"])
    props.pop("mentions", None)
    props["inferred"] = s.matches <= {"inferred"}
    props["confidence"], props["needs_review"] = _confidence_of(s.matches, s.best_score)
    props["article_count"] = s.articles
    props.pop("first_seen", None)
    props.pop("last_seen", None)
    if s.first_date is not None:
        props["first_seen"], props["last_seen"] = s.first_date, s.last_date
    props["mentions"] = mentions
    return {**feature, "properties": props}


def remove_article(fc: dict[str, Any], article_id: str) -> dict[str, Any]:
    """Remove an article's mentions; facilities left with none disappear."""
    out = empty_collection()
    meta = fc.get("facmap", {})
    out["facmap"]["articles"] = [a for a in meta.get("articles", []) if a["id"] != article_id]
    out["facmap"]["unplaced"] = [m for m in meta.get("unplaced", []) if m["article"] != article_id]
    for f in fc["features"]:
        kept = [m for m in f["properties"]["mentions"] if m["article"] != article_id]
        if kept:
            out["features"].append(_with_mentions(f, kept))
    return out


def filter_collection(
    fc: dict[str, Any],
    *,
    types: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    articles: Iterable[str] | None = None,
    query: str = "",
    include_inferred: bool = True,
) -> dict[str, Any]:
    """Return a collection holding only the features that pass every filter.

    ``None`` means "no filter" for the list filters; an empty list keeps nothing. ``query``
    matches name, id and aliases, ignoring case, diacritics, script and hyphens. A feature
    passes the article filter when any of its mentions comes from one of those articles (its
    other mentions are kept, so the popup still shows all evidence).
    """
    from ._text import key_of

    tset = None if types is None else {FacilityType(t).value for t in types}
    cset = None if countries is None else {c.upper() for c in countries}
    aset = None if articles is None else set(articles)
    qkey = key_of(query) if query.strip() else ""
    keep = []
    for f in fc["features"]:
        p = f["properties"]
        if tset is not None and tset.isdisjoint((p["type"], *p.get("also_types", ()))):
            continue  # a naval air station is found under air bases and naval bases alike
        if cset is not None and p["country"] not in cset:
            continue
        if aset is not None and not any(m["article"] in aset for m in p["mentions"]):
            continue
        if not include_inferred and p["inferred"]:
            continue
        if qkey and not any(qkey in key_of(n) for n in (p["name"], p["id"], *p.get("aliases", []))):
            continue
        keep.append(f)
    return {**fc, "features": keep}


def to_geodataframe(fc: dict[str, Any]) -> gpd.GeoDataFrame:
    """Flatten a collection to a GeoDataFrame (EPSG:4326), one row per feature.

    Nested properties (sources, mentions) become text: the first excerpt and a joined source
    list, which is what tables, CSV and GeoPackage can hold.
    """
    import geopandas as gpd
    from shapely.geometry import shape

    rows = []
    for f in fc["features"]:
        p = f["properties"]
        ms = p["mentions"]
        rows.append(
            {
                "id": p["id"],
                "name": p["name"],
                "type": p["type"],
                "country": p["country"],
                "operator": p["operator"],
                "inferred": p["inferred"],
                "confidence": p.get("confidence", ""),
                "needs_review": bool(p.get("needs_review", False)),
                "precision_km": p["precision_km"],
                "lat": p.get("lat"),
                "lon": p.get("lon"),
                "placed_by": p.get("placed_by", ""),
                "article_count": p.get("article_count", len({m["article"] for m in ms})),
                "surface": ms[0]["surface"],
                "excerpt": ms[0]["excerpt"],
                "sources": "; ".join(f"{s['name']} <{s['url']}>" for s in p["sources"]),
                "geometry": shape(f["geometry"]),
            }
        )
    columns = [
        "id",
        "name",
        "type",
        "country",
        "operator",
        "inferred",
        "confidence",
        "needs_review",
        "precision_km",
        "lat",
        "lon",
        "placed_by",
        "article_count",
        "surface",
        "excerpt",
        "sources",
        "geometry",
    ]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")
