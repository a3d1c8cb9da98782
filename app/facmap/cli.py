"""The ``facmap`` command line: extract, validate, export (add joins later).

Every user mistake ends in one line on stderr that says what was expected and how to fix it,
and a non-zero exit status; no traceback, and no partial output file.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from . import __version__
from .errors import FacmapError

__all__ = ["main"]

EPILOG = """examples:
  facmap extract data/articles/*.txt -o data/facilities.geojson
  facmap validate data/facilities.geojson
  facmap export --format html -i data/facilities.geojson -o map.html
  facmap add new-article.txt --outlet "Airspace Review" --date 2025-11-02
  facmap add archive/ --workers 2
  facmap remove ARTICLE_ID
  facmap convert data/facilities.geojson archive.gpkg
  facmap edit-password
"""


_DATASET_FORMS = "a .geojson or .gpkg path, or a postgresql:// URL"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _progress(items: Iterable[Any], desc: str, total: int | None = None) -> Iterable[Any]:
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    bar: Iterable[Any] = tqdm(items, desc=desc, total=total, unit="article", file=sys.stderr)
    return bar


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of 1 or more, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _iso_date(text: str) -> str:
    """``--date``: strict ISO 8601 (facmap.dates); anything else is a usage error (exit 2)."""
    from .dates import DateError, parse_iso_date

    try:
        return parse_iso_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def _cmd_extract(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .dataset import real_path
    from .errors import DatasetError
    from .pipeline import collection_from_files
    from .stores import is_url, open_store

    store = open_store(args.output)  # an unknown extension: one line, before extracting
    out = None if is_url(args.output) else real_path(args.output)  # a link loop: one line
    if out is not None and any(Path(os.path.realpath(a)) == out for a in args.articles):
        msg = (
            f"Expected an output path that is not one of the articles, got {args.output!r} "
            "for both. Choose another -o."
        )
        raise DatasetError(msg)
    _show_place_index_build()
    fc = collection_from_files(
        args.articles, progress=lambda it: _progress(it, "extracting", len(args.articles))
    )
    if args.online:
        from .geocode import OnlineGeocoder, place_unplaced_online

        fc = place_unplaced_online(fc, OnlineGeocoder())
    store.write(fc)  # under the lock `add` and `remove` take: no write lands in between
    _warn_languages(fc)
    from .pipeline import not_kept_notes

    for note in not_kept_notes(fc):
        print(f"note: {note}", file=sys.stderr)
    n = len(fc["features"])
    inferred = sum(f["properties"]["inferred"] for f in fc["features"])
    print(
        f"wrote {n} features ({inferred} inferred) from {len(args.articles)} article(s) "
        f"to {args.output}",
        file=sys.stderr,
    )
    return 0


def _warn_languages(fc: dict[str, Any]) -> None:
    """Say which articles are in a language whose cue words facmap lacks (never silent)."""
    from .pipeline import languages_without_lexicon

    for aid, lang in languages_without_lexicon(fc):
        print(
            f"note: {aid} is in {lang!r}, a language facmap has no cue words for; its "
            "facilities were matched by name only and phrases such as 'X air base' were not "
            "recognised. Supported: en, id, ru, fr, es, de, pt.",
            file=sys.stderr,
        )


def _cmd_validate(args: argparse.Namespace) -> int:
    from .stores import open_store

    fc = open_store(args.file).read()  # reading validates, on every backend
    print(f"{args.file}: valid ({len(fc['features'])} features)")
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from .errors import DatasetError
    from .stores import open_store

    src, dst = open_store(args.input), open_store(args.output)
    if (src.kind, src.location) == (dst.kind, dst.location):
        msg = f"Expected two different datasets, got {args.input!r} for both. Choose another OUT."
        raise DatasetError(msg)
    if dst.exists() and not args.replace:
        msg = (
            f"Expected a new dataset for OUT, but {dst.location!r} already holds one. Pass "
            "--replace to overwrite it, or choose another OUT."
        )
        raise DatasetError(msg)
    fc = src.read()
    dst.write(fc)
    if dst.read() != fc:  # pragma: no cover - the tests prove every pair lossless
        msg = f"Converting to {dst.location!r} changed the data; please report it."
        raise DatasetError(msg)
    n_mentions = sum(len(f["properties"]["mentions"]) for f in fc["features"])
    n_articles = len(fc.get("facmap", {}).get("articles", []))
    print(
        f"converted {len(fc['features'])} features, {n_mentions} mentions and {n_articles} "
        f"articles from {src.location} ({src.kind}) to {dst.location} ({dst.kind})",
        file=sys.stderr,
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    import difflib

    from .export import ExportError, format_for_path, write_export
    from .stores import Query, open_store
    from .types import FacilityType

    fmt = args.format.lower() if args.format else format_for_path(args.output)
    known = [t.value for t in FacilityType]
    for t in args.types or ():
        if t not in known:
            close = difflib.get_close_matches(t, known, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            msg = f"Expected --type among {', '.join(known)}, got {t!r}.{hint}"
            raise ExportError(msg)
    for c in args.countries or ():
        if len(c) != 2 or not c.isalpha():
            msg = f"Expected --country as a two-letter ISO code such as KZ or RU, got {c!r}."
            raise ExportError(msg)
    store = open_store(args.input)
    q = Query(
        types=tuple(args.types) if args.types else None,
        countries=tuple(args.countries) if args.countries else None,
    )
    view = store.query(q)  # a database answers the filters in SQL
    total = len(view["features"]) if q.whole else store.summary().features
    if not view["features"]:
        msg = (
            f"Expected at least one facility to export, got none of {total} after filtering "
            f"(types={args.types or 'any'}, countries={args.countries or 'any'}). "
            "Widen the filters."
        )
        raise ExportError(msg)
    write_export(view, args.output, fmt=fmt, title=args.title, dpi=args.dpi)
    print(
        f"wrote {len(view['features'])} of {total} facilities as {fmt} to {args.output}",
        file=sys.stderr,
    )
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    from .gazetteer import load_lexicon
    from .ingest import ingest
    from .stores import open_store

    meta = {k: getattr(args, k) or "" for k in ("title", "date", "url", "outlet")}
    meta["language"] = args.lang or ""
    _show_place_index_build()
    report = ingest(
        args.articles,
        args.dataset,
        workers=args.workers,
        scheduler=args.scheduler,
        meta=meta,
        articles_dir="" if args.no_store else args.articles_dir,
        progress=sys.stderr.isatty(),
    )
    if len(report.records) == 1 and report.records[0].status == "failed":
        return _fail(report.records[0].message)  # one article: its error, as ever
    supported = load_lexicon().languages
    where = open_store(args.dataset).location  # a URL's password hidden
    for rec in report.records:
        if rec.status == "failed":
            print(f"skipped {rec.name}: {rec.message}", file=sys.stderr)
            continue
        if rec.status == "duplicate":
            print(f"skipped {rec.name}: {rec.message}", file=sys.stderr)
            continue
        res = report.results.get(rec.article_id)
        if rec.status == "stored" or res is None or res.already_present:
            print(f"{rec.article_id}: already in {where}; nothing changed", file=sys.stderr)
            continue
        language = rec.article.meta.language if rec.article else ""
        lang = language.split("-")[0].lower()
        if lang and lang not in supported:
            print(
                f"note: {res.article_id} is in {lang!r}, a language facmap has no cue words "
                "for; its facilities were matched by name only.",
                file=sys.stderr,
            )
        _report_added(res, rec.article, language)
        if res.not_kept:
            from .pipeline import not_kept_note

            print(f"note: {not_kept_note(res.article_id, res.not_kept)}", file=sys.stderr)
    counts = {s: len(report.with_status(s)) for s in ("added", "stored", "duplicate", "failed")}
    total = report.total_features if report.results else _feature_count(args.dataset)
    print(
        f"{total} features in {where}; {counts['added']} article(s) added, "
        f"{counts['stored']} already there, {counts['duplicate']} duplicate(s), "
        f"{counts['failed']} failed (workers: {report.workers or 'cluster'})",
        file=sys.stderr,
    )
    if counts["failed"]:
        return _fail(
            f"{counts['failed']} article(s) could not be added (listed above); the others were. "
            "Fix or remove those files and run the same command again: what is in is skipped."
        )
    return 0


def _plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _report_added(res: Any, article: Any, language: str) -> None:
    """Say what an added article changed, by name: facilities and the phrases not placed.

    One item per line, so a name with a comma never reads as two; the article's id, which
    ``facmap remove`` takes, is given once beside its title.
    """
    from .phrasing import quoted, shorten

    title = shorten(article.meta.title, 80) if article and article.meta.title else ""
    head = f"{quoted(title)} [{res.article_id}]" if title else res.article_id
    print(
        f"{head} ({language or 'language unknown'}): {len(res.new_features)} new, "
        f"{len(res.updated_features)} updated, {_plural(res.unplaced, 'unplaced phrase')}",
        file=sys.stderr,
    )
    for sign, ids in (("+", res.new_features), ("~", res.updated_features)):
        for fid in ids:
            print(f"  {sign} {res.names.get(fid, fid)}", file=sys.stderr)
    for phrase in res.unplaced_phrases:
        print(f"  ? {quoted(phrase)} (not placed)", file=sys.stderr)


def _show_place_index_build() -> None:
    """Build the place index before the first extraction, with a bar on a terminal.

    The first extraction on a machine builds the GeoNames place index (15-60 s); without a
    word the command looked hung. On a terminal a progress bar says what is being done; in a
    pipe or a log nothing is printed (the index is then built by the extraction, as before).
    """
    from . import places

    if places.place_index_ready() or not sys.stderr.isatty():
        return
    from tqdm import tqdm

    with tqdm(
        total=100,
        desc="building the place index (once per machine)",
        unit="%",
        file=sys.stderr,
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}",
    ) as bar:

        def step(share: float, words: str) -> None:
            bar.n = round(100 * min(max(share, 0.0), 1.0))
            bar.set_postfix_str(words, refresh=False)
            bar.refresh()

        try:
            places.build_place_index(step)
        except OSError:
            return  # an unwritable cache: the extraction builds a private copy, as before


def _feature_count(dataset: str) -> int:
    from .stores import open_store

    store = open_store(dataset)
    return store.summary().features if store.exists() else 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from .stores import open_store

    left = open_store(args.dataset).remove_article(args.article_id)
    print(f"removed {args.article_id}; {left} features left", file=sys.stderr)
    return 0


def _cmd_edit_password(args: argparse.Namespace) -> int:
    from .access import PASSWORD_HASH_ENV, hash_password

    if args.stdin or not sys.stdin.isatty():
        # one line from a pipe or a file (a password manager's output), its newline dropped
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        password = getpass.getpass("Editing password: ")
        if getpass.getpass("Again: ") != password:
            msg = "Expected the same password twice, but they differ; nothing was printed."
            raise FacmapError(msg)
    print(hash_password(password))
    print(
        f"Set it where the page starts, never in the repository: "
        f"export {PASSWORD_HASH_ENV}='<the line above>' FACMAP_EDIT=1",
        file=sys.stderr,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog="facmap",
        description="Map the military and space facilities that defence news articles name.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"facmap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "extract",
        help="extract facilities from article text files into GeoJSON",
        description="Extract and geocode the facilities that articles name or imply. Several "
        "articles merge into one feature per facility. Offline: uses the shipped gazetteer and "
        "GeoNames.",
        epilog="examples:\n  facmap extract data/articles/*.txt -o data/facilities.geojson\n"
        "  facmap extract new.txt -o /tmp/new.geojson",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="UTF-8 .txt article(s); metadata from a sibling .meta.json",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DATASET",
        help="where to write: a .geojson or .gpkg path or a postgresql:// URL (replaced "
        "whole, atomically)",
    )
    p.add_argument(
        "--online",
        action="store_true",
        help="try an online geocoder (Nominatim; needs geopy and a network) on phrases that "
        "cannot be placed offline; answers are cached and flagged for review",
    )
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser(
        "validate",
        help="check a dataset (GeoJSON, GeoPackage or PostGIS) against the contract",
        description="Check RFC 7946 rules and the facmap JSON Schema; name the first bad feature.",
        epilog="examples:\n  facmap validate data/facilities.geojson\n"
        "  facmap validate archive.gpkg\n  facmap validate postgresql://maps@db.lan/facmap",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="DATASET", help=_DATASET_FORMS)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "convert",
        help="copy a dataset into another store (GeoJSON, GeoPackage, PostGIS), losslessly",
        description="Copy every facility, mention, article and unplaced phrase from IN to OUT.\n"
        "Reading OUT back gives exactly what IN holds (checked after writing). The store is\n"
        "chosen by the name: .geojson/.json, .gpkg, or a postgresql:// URL.",
        epilog="examples:\n"
        "  facmap convert data/facilities.geojson archive.gpkg\n"
        "  facmap convert archive.gpkg postgresql://maps@db.lan/facmap\n"
        "  facmap convert postgresql://maps@db.lan/facmap snapshot.geojson --replace",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", metavar="IN", help=_DATASET_FORMS)
    p.add_argument("output", metavar="OUT", help=_DATASET_FORMS)
    p.add_argument("--replace", action="store_true", help="overwrite OUT if it holds a dataset")
    p.set_defaults(func=_cmd_convert)

    p = sub.add_parser(
        "export",
        help="export the (filtered) map as html, png, svg, kml, gpkg, csv or geojson",
        description="Export the facilities as a report: a standalone HTML map that opens from\n"
        "disk with no network, a PNG/SVG image for PDF or Word, KML for Google Earth, a\n"
        "GeoPackage for QGIS, CSV, or GeoJSON. Filters match the page's. Each export carries\n"
        "a title, attribution and a generation timestamp; the file is written atomically.",
        epilog="examples:\n"
        "  facmap export --format html -i data/facilities.geojson -o map.html\n"
        "  facmap export --format png --dpi 300 --type cosmodrome missile_test_range -o map.png\n"
        "  facmap export --format kml --country KZ --title 'Ranges in Kazakhstan' -o kz.kml\n"
        "  facmap export -o facilities.gpkg          # format from the extension",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "-f",
        "--format",
        metavar="FMT",
        help="html, png, svg, kml, gpkg, csv or geojson (default: from the extension of -o)",
    )
    p.add_argument(
        "-t",
        "--type",
        dest="types",
        nargs="+",
        action="extend",
        metavar="T",
        help="keep only these facility types (GeoJSON `type` values, e.g. cosmodrome)",
    )
    p.add_argument(
        "-c",
        "--country",
        dest="countries",
        nargs="+",
        action="extend",
        metavar="CC",
        help="keep only these countries (ISO 3166 two-letter codes, e.g. KZ RU)",
    )
    p.add_argument(
        "-i",
        "--input",
        default=os.environ.get("FACMAP_DATASET", "data/facilities.geojson"),
        metavar="DATASET",
        help="the dataset: .geojson, .gpkg or postgresql:// URL (default: $FACMAP_DATASET or "
        "data/facilities.geojson)",
    )
    p.add_argument("--dpi", type=int, default=150, help="PNG resolution (default: %(default)s)")
    p.add_argument("--title", help="report title (default: names the articles shown)")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="file to write (atomically)"
    )
    p.set_defaults(func=_cmd_export)

    default_ds = os.environ.get("FACMAP_DATASET", "data/facilities.geojson")
    p = sub.add_parser(
        "add",
        help="add articles (.txt or saved .html pages, or folders of them) to a dataset",
        description="Extract articles and merge them into the dataset: one feature per facility,\n"
        "mentions accumulate with their article's outlet, title, date and url. Adding the same\n"
        "article twice changes nothing. The write is locked, atomic, and keeps <file>.bak.\n"
        "A copy of the article's text is kept in articles/ beside the dataset.\n\n"
        "Many articles (a folder of .txt/.html files) are extracted in parallel on a Dask\n"
        "cluster and merged in the order given: the dataset is the one a single process\n"
        "writes. Articles already in the dataset are skipped, so an interrupted run resumes;\n"
        "an article that cannot be read or extracted is reported and skipped (exit status 1\n"
        "once the others are in).",
        epilog="examples:\n"
        "  facmap add new.txt --outlet 'Airspace Review' --date 2025-11-02 --url https://...\n"
        "  facmap add saved-page.html                # text and metadata from the page\n"
        "  facmap add note.txt --lang en --dataset /tmp/my.geojson\n"
        "  facmap add feed/*.txt                      # many articles, one locked write\n"
        "  facmap add archive/ --workers 4            # a folder, on 4 processes\n"
        "  facmap add archive/ --scheduler tcp://scheduler:8786   # on a Dask cluster",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help=".txt (UTF-8) or saved .html page(s), or folders of them",
    )
    p.add_argument("--title")
    p.add_argument(
        "--date",
        type=_iso_date,
        help="publication date, ISO 8601: YYYY-MM-DD, optionally with a time "
        "(YYYY-MM-DDTHH:MM[:SS][Z or ±HH:MM]); other forms such as 02/11/2025 are refused",
    )
    p.add_argument("--url")
    p.add_argument("--outlet")
    p.add_argument("--lang", help="ISO 639-1 code (default: detected)")
    p.add_argument(
        "--dataset",
        default=default_ds,
        metavar="DATASET",
        help="dataset to update: .geojson, .gpkg or postgresql:// URL (default: "
        "$FACMAP_DATASET or data/facilities.geojson)",
    )
    p.add_argument(
        "--articles-dir",
        metavar="DIR",
        help="where to keep the article text (default: articles/ beside the dataset)",
    )
    p.add_argument("--no-store", action="store_true", help="keep no copy of the article text")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="extract on N worker processes (a local Dask cluster); 1 runs in this process "
        "(default: the machine's cores; a few hundred articles or fewer run in this process)",
    )
    where.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="extract on a running Dask cluster; its workers need facmap and the files' paths",
    )
    p.set_defaults(func=_cmd_add)

    p = sub.add_parser(
        "remove",
        help="remove an article's mentions from a dataset",
        description="Remove an article's mentions; facilities left with none (inferred ones too)\n"
        "disappear. Locked, atomic, keeps <file>.bak.",
        epilog="example:\n  facmap remove airspace-review-2025-10-31-rusia-kazakhstan",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("article_id", metavar="ARTICLE_ID")
    p.add_argument("--dataset", default=default_ds, metavar="DATASET", help=_DATASET_FORMS)
    p.set_defaults(func=_cmd_remove)

    p = sub.add_parser(
        "edit-password",
        help="make the hash of the page's editing password",
        description="Read a password (asked twice on a terminal, else one line of stdin) and\n"
        "print its salted scrypt hash. The page shared beyond this machine lets visitors add\n"
        "articles only with this password, when started with FACMAP_EDIT=1 and\n"
        "FACMAP_EDIT_PASSWORD_HASH set to the hash. Keep the hash out of the repository.",
        epilog="example:\n  export FACMAP_EDIT_PASSWORD_HASH=\"$(facmap edit-password)\" "
        "FACMAP_EDIT=1",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=_cmd_edit_password)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 user error, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except FacmapError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("facmap: interrupted; no output was written", file=sys.stderr)
        return 130
    except Exception as exc:  # the edge: no traceback ever reaches a user
        if os.environ.get("FACMAP_DEBUG"):
            raise
        return _fail(_describe(exc))


def _describe(exc: Exception) -> str:
    """One line for an error no facmap message covered (a file system, input or bug)."""
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return (
            f"Cannot complete the command: {exc.strerror or exc}{where}. Check the paths and "
            "their permissions; nothing was changed."
        )
    if isinstance(exc, RecursionError):
        return "Expected input of sensible depth, but it nests too deeply to process."
    if isinstance(exc, ValueError):
        return f"Expected valid input, but it was refused: {exc}."
    if isinstance(exc, MemoryError):
        return "Ran out of memory; the input is too large to process on this machine."
    detail = f"{type(exc).__name__}: {exc}"
    return (
        f"Unexpected error ({detail}). Please report it with the command you ran; "
        "FACMAP_DEBUG=1 shows the traceback."
    )


def _fail(message: str) -> int:
    line = " ".join(message.split())  # one line, whatever the message held
    if len(line) > 600:
        line = line[:600] + "..."
    print(f"facmap: error: {line}", file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
