"""Reference lists for facilities the curated gazetteer lacks: airfields and launch sites.

The curated gazetteer cannot know every facility an article names. When an article's own words
say what kind of facility a name is ("Lanud Iswahjudi", "Shayrat Air Base", "Wenchang Space
Launch Site"), two offline reference lists place it far better than the town the name happens
to share:

- **airfields**: ``airportsdata`` (MIT, https://github.com/mborsetti/airportsdata), 28,000
  airfields with ICAO code, name, country and position. Most are civil airports, so a row is
  only used for a phrase with a *military* cue (:data:`MILITARY_AIR_CUES`), and the feature is
  typed from that cue, not from the row.
- **launch sites**: ``data/launch_sites.tsv``, derived from GCAT (J. McDowell, CC BY 4.0) by
  ``scripts/build_launch_sites.py``: the centroid of each site's pads, the pads' spread as its
  precision, and every pad row it came from.

Names are compared the way the project compares all names (:func:`facmap._text.key_of`:
transliteration, diacritics, case) after the generic words of both sides are removed ("Air
Base", "Lanud", "International Airport", "Space Center" ...), plus two Indonesian spelling
reforms ("oe" -> "u", "tj" -> "c": Soemarmo / Sumarmo, Adisutjipto / Adisucipto). A name that
fits two different places is refused, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from unidecode import unidecode

from ._cache import cached_pickle
from ._text import cue_key_of, key_of, tokens
from .errors import GazetteerError
from .types import FacilityType, Source

__all__ = [
    "AIRFIELD_PRECISION_KM",
    "AIRPORTSDATA_URL",
    "LAUNCH_SITES_FILE",
    "LAUNCH_SITE_COLUMNS",
    "MILITARY_AIR_CUES",
    "Reference",
    "ReferenceIndex",
    "Resolution",
    "distinctive_words",
    "load_launch_sites",
    "reference_index",
]

AIRPORTSDATA_URL = "https://github.com/mborsetti/airportsdata"
GCAT_LP_URL = "https://planet4589.org/space/gcat/tsv/tables/lp.tsv"
GCAT_SITES_URL = "https://planet4589.org/space/gcat/tsv/tables/sites.tsv"
GCAT_ATTRIBUTION = "Data from GCAT (J. McDowell, planet4589.org/space/gcat)"
LAUNCH_SITES_FILE = Path(__file__).with_name("data") / "launch_sites.tsv"
#: an airfield's listed point (its reference point) lies within a few km of any part of it
AIRFIELD_PRECISION_KM = 3.0
#: rows of one name lying this close together are one place listed twice, not two places
SAME_PLACE_KM = 5.0
_INDEX_VERSION = 3
#: a name that begins another must share at least this many letters with it
_HEAD = 5

#: cues that make an air-base phrase military: only these let an airportsdata row place it.
#: "airfield" and "аэродром" are left out on purpose: civil fields are called that too.
MILITARY_AIR_CUES = frozenset(
    cue_key_of(c)
    for c in (
        "air base",
        "airbase",
        "air force base",
        "afb",
        "air station",
        "naval air station",
        "nas",
        "raf",
        "raaf base",
        "space force base",
        "space force station",
        "lanud",
        "pangkalan udara",
        "pangkalan angkatan udara",
        "pangkalan tni au",
        "lapangan terbang militer",
        "авиабаза",
        "военный аэродром",
        "base aérienne",
        "ba",
        "base aérea",
        "base aérea de",
        "fliegerhorst",
        "luftwaffenstützpunkt",
        "militärflugplatz",
        "aeroporto militare",
        "aeródromo militar",
        "base aérea militar",
        "base aeronaval",
        "base aéronavale",
        "base d aéronautique navale",
        "ban",
        "lanudal",
        "marinefliegerstützpunkt",
        "marinefliegerhorst",
        "naval air facility",
        "marine corps air station",
        "mcas",
        "air national guard base",
    )
)
#: "Lanud" is what the Indonesian Air Force calls its own bases: Indonesian airfields first
CUE_COUNTRIES = {cue_key_of("lanud"): "ID", cue_key_of("pangkalan tni au"): "ID"}

# Words that say what kind of place a name is, not which one. Removed from both the article's
# name and the reference names before they are compared. Titles of the people airfields are
# named after ("Sultan", "Haji") are here too: articles and lists add or drop them freely.
_GENERIC = frozenset(
    key_of(w)
    for line in (
        "air base airbase airfield airport airports aerodrome aeroport aeropuerto aeroporto",
        "airstrip heliport field force afb afs station naval army military militer",
        "international intl regional municipal sultan haji",
        "lanud pangkalan udara angkatan bandara bandar lapangan terbang",
        "авиабаза аэродром аэропорт космодром",
        "space spaceport cosmodrome kosmodrom launch launching site sites center centre ctr",
        "complex satellite rocket missile nasa facility flight range test spatial",
        "pusat peluncuran situs antariksa lokasi tempat weixing fashe zhongxin",
    )
    for w in line.split()
)
# Capitalised words that stand before "Air Base" or "Launch Site" in news without naming one
# ("Royal Air Force base", "Coast Guard Air Station", "the former Soviet air base", "Camp X"):
# a name made of these alone is not looked up. Folded like every key.
_COMMON = frozenset(
    key_of(w)
    for line in (
        "royal joint coast guard marine marines corps national navy nation federal state states",
        "united allied enemy rebel home main central north northern south southern east eastern",
        "west western new old former great greater big little major key forward rear secret",
        "strategic tactical temporary commercial private public first second third camp mount",
        "port lake upper lower island islands city town county province district region",
        "kota desa pulau utara selatan timur barat baru lama utama pusat nasional",
    )
    for w in line.split()
)
_MILITARY_NAME = re.compile(
    r"\b(air ?base|air force|afb|air station|army air|military|naval air|base a[eé]rea)\b", re.I
)
_OLD_SPELLING = (("tj", "c"), ("oe", "u"))


def distinctive_words(name: str) -> tuple[str, ...]:
    """Return the folded words of ``name`` that tell it apart: generic words removed.

    Words of one or two letters are dropped too ("al", "de", initials); numbers are kept
    ("Severomorsk-3" is not "Severomorsk-1").
    """
    text = unidecode(name).lower()
    for a, b in _OLD_SPELLING:
        text = text.replace(a, b)
    return tuple(
        t.norm
        for t in tokens(text)
        if t.norm not in _GENERIC and (len(t.norm) >= 3 or t.norm.isdigit())
    )


@dataclass(frozen=True)
class Reference:
    """A facility from a reference list: where it is, how precisely, and the row it came from.

    Attributes
    ----------
    id
        Stable feature id: ``airfield-<icao>`` or ``launch-site-<gcat code>``.
    source
        ``"airportsdata"`` or ``"gcat"``.
    names, other_names
        What the source calls it, and other names its row holds: towns, regions and parent
        bases ("Kourou", "Hainan", "Vandenberg Space Force Base" for the South Base). A match on
        its own name beats a match on another's.
    military
        The source's own name says it is military ("... Air Base", "... AFB"): breaks a tie
        between namesakes for a phrase with a military cue.
    weight
        How many source rows the point rests on (pads averaged); breaks a tie between rows of
        one place.
    """

    id: str
    code: str
    source: str
    name: str
    type: FacilityType
    country: str
    lat: float
    lon: float
    precision_km: float
    point_basis: str
    placed_by: str
    sources: tuple[Source, ...]
    names: tuple[str, ...]
    other_names: tuple[str, ...] = ()
    military: bool = False
    weight: int = 1


@dataclass(frozen=True)
class Resolution:
    """What a name resolved to: a reference, or why not (``reason``) and the candidates."""

    reference: Reference | None
    reason: str
    candidates: tuple[str, ...] = ()


#: an airfield as the index keeps it: name, "city, region, country", country, lat, lon, military
_Airfield = tuple[str, str, str, float, float, bool]


@dataclass
class ReferenceIndex:
    """Airfields and launch sites by distinctive key, by the key's first letters and by code.

    Airfields are kept as compact tuples (there are 28,000) and become :class:`Reference`
    objects only when a name resolves to them.
    """

    airfields: dict[str, _Airfield]
    launch_sites: dict[str, Reference]
    exact: dict[str, list[str]]
    #: ids by the first :data:`_HEAD` letters of each key, for names that begin another's
    by_head: dict[str, list[str]]
    airportsdata_version: str = ""
    #: (key, id) of names that are not the reference's own (see :attr:`Reference.other_names`)
    minor: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def build(
        cls, airfields: dict[str, _Airfield], launch_sites: Iterable[Reference], version: str = ""
    ) -> ReferenceIndex:
        """Index every name of every airfield and launch site."""
        idx = cls(airfields, {}, {}, {}, version)
        for code, a in airfields.items():
            idx._add(f"airfield-{code.lower()}", _airfield_names(a[0]))
        idx.add_launch_sites(launch_sites)
        return idx

    def add_launch_sites(self, refs: Iterable[Reference]) -> None:
        """Add launch sites (read fresh each process: the table is small and may change)."""
        for r in refs:
            self.launch_sites[r.id] = r
            self._add(r.id, r.names)
            self._add(r.id, r.other_names, minor=True)

    def _add(self, rid: str, names: Iterable[str], *, minor: bool = False) -> None:
        for n in names:
            words = distinctive_words(n)
            if len("".join(words)) < 4:
                continue
            key = "".join(words)
            if minor and rid in self.exact.get(key, ()):
                continue  # already one of its own names
            for table, k in ((self.exact, key), (self.by_head, key[:_HEAD])):
                ids = table.setdefault(k, [])
                if rid not in ids:
                    ids.append(rid)
            if minor:
                self.minor.add((key, rid))

    def __len__(self) -> int:
        return len(self.airfields) + len(self.launch_sites)

    def get(self, rid: str) -> Reference:
        """Return the reference with id ``rid`` (``airfield-<icao>`` or ``launch-site-...``).

        Raises
        ------
        KeyError
            If no reference has that id.
        """
        if rid in self.launch_sites:
            return self.launch_sites[rid]
        icao = rid.removeprefix("airfield-").upper()
        if not rid.startswith("airfield-") or icao not in self.airfields:
            raise KeyError(rid)
        return _airfield_reference(icao, self.airfields[icao], self.airportsdata_version)

    def resolve(
        self,
        name: str,
        ftype: FacilityType,
        *,
        prefer_countries: Iterable[str] = (),
        codes: Iterable[str] = (),
        codes_explicit: bool = False,
    ) -> Resolution:
        """Find the one reference of type ``ftype`` that ``name`` names, or say why not.

        In order: an ICAO code the article gives beside the phrase (taken as it is when the
        article says "ICAO", else only when the airfield's name shares a word with ``name``:
        "(TASS)" after a phrase is a news agency, not a code); the exact distinctive name;
        a name that begins with the other's words ("Halim" / "Halim Perdanakusuma", "Iswahjudi
        Madiun" / "Iswahyudi"). Several candidates are narrowed to the preferred countries,
        then (airfields) to rows whose own name is military; rows within :data:`SAME_PLACE_KM`
        (or the precision) of the best-supported one are one place. Anything still ambiguous
        is refused.
        """
        words = distinctive_words(name)
        if all(w in _COMMON for w in words):
            return Resolution(None, f"{name!r} is made of common words, not a name")
        if ftype == FacilityType.AIR_BASE:
            for code in codes:
                if code.upper() not in self.airfields:
                    continue
                ref = self.get(f"airfield-{code.lower()}")
                shared = {w for n in ref.names for w in distinctive_words(n)} & set(words)
                if codes_explicit or shared:
                    return Resolution(ref, f"ICAO code {code.upper()} given in the article")
        if len("".join(words)) < 4:
            return Resolution(None, f"{name!r} has no distinctive name after generic words")
        key = "".join(words)
        exact = [r for r in map(self.get, self.exact.get(key, ())) if r.type == ftype]
        own = [r for r in exact if (key, r.id) not in self.minor]
        if exact:
            return _choose(own or exact, prefer_countries, "name")
        partial: dict[str, bool] = {}  # id -> matched on one of its own names
        for rid in self.by_head.get(key[:_HEAD], ()):
            ref = self.get(rid)
            if ref.type != ftype:
                continue
            for n, is_own in [(n, True) for n in ref.names] + [(n, False) for n in ref.other_names]:
                if _begins(distinctive_words(n), words):
                    partial[rid] = partial.get(rid, False) or is_own
        if partial:
            ids = [i for i, is_own in partial.items() if is_own] or list(partial)
            return _choose([self.get(i) for i in ids], prefer_countries, "the start of its name")
        return Resolution(None, f"no {ftype.label.lower()} called {name!r} in the reference lists")


def _begins(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one name begins the other, ending at a word boundary of both, in 5+ letters.

    Compared on joined words, so "Adisutjipto" begins "Adi Sutjipto International" and "Halim"
    begins "Halim Perdanakusuma", but "Hal" begins nothing and "Halimun" is not "Halim".
    """
    ka, kb = "".join(a), "".join(b)
    short, long_, words = (ka, kb, b) if len(ka) <= len(kb) else (kb, ka, a)
    if len(short) < _HEAD or not long_.startswith(short):
        return False
    ends = {sum(len(w) for w in words[: i + 1]) for i in range(len(words))}
    return len(short) in ends


def _choose(refs: list[Reference], prefer: Iterable[str], how: str) -> Resolution:
    from .geo import distance_km

    preferred = set(prefer)
    if preferred and not any(r.country in preferred for r in refs) and not any(
        r.military for r in refs
    ):
        # "la base aérea de Barcelona, en el estado Anzoátegui" in an article on Venezuela:
        # the only row of that name is Spain's civil airport, in a country the article does
        # not name, so it is not the base meant
        where = ", ".join(sorted({r.country for r in refs}))
        return Resolution(
            None, f"only a civil airfield in {where}, a country the article does not name"
        )
    for keep in (lambda r: r.country in preferred, lambda r: r.military):
        kept = [r for r in refs if keep(r)]
        if kept:
            refs = kept
    best = max(refs, key=lambda r: (r.weight, r.military, r.id))
    radius = max(SAME_PLACE_KM, best.precision_km)
    if any(distance_km(best.lon, best.lat, r.lon, r.lat) > radius for r in refs):
        ids = tuple(sorted(r.id for r in refs))
        return Resolution(None, f"ambiguous: {len(refs)} places match by {how}", ids)
    return Resolution(best, f"matched by {how}")


def _airfield_names(name: str) -> tuple[str, ...]:
    """Return each name an airportsdata name holds.

    "Eglin Afb/Destin-Ft Walton Beach Airport" holds two, "Kipelovo (Fedotovo)" two.
    """
    inner = re.findall(r"\(([^)]*)\)", name)
    parts = re.sub(r"\([^)]*\)", " ", name).split("/") + inner
    return tuple(p.strip() for p in parts if p.strip())


def _read_airfields() -> dict[str, _Airfield]:
    import airportsdata

    out: dict[str, _Airfield] = {}
    for icao, row in airportsdata.load("ICAO").items():
        name = str(row["name"]).strip()
        if not name or not re.fullmatch(r"[A-Z0-9]{4}", icao):
            continue
        country = str(row["country"])
        parts = (str(row["city"]).strip(), str(row["subd"]).strip(), country)
        out[icao] = (
            name,
            ", ".join(p for p in parts if p),
            country if re.fullmatch(r"[A-Z]{2}", country) else "XX",
            float(row["lat"]),
            float(row["lon"]),
            bool(_MILITARY_NAME.search(name)),
        )
    return out


#: airportsdata abbreviations and their long forms, for a facility's proper name
_EXPAND = (
    (r"\bAfb\b", "Air Force Base"),
    (r"\bAfs\b", "Air Force Station"),
    (r"\bAb\b", "Air Base"),
    (r"\bAirbase\b", "Air Base"),
    (r"\bNas\b", "Naval Air Station"),
    (r"\bAaf\b", "Army Airfield"),
    (r"\bArmy Air Field\b", "Army Airfield"),
    (r"\bCg\b", "Coast Guard"),
    (r"\bAux(?: Field)?(?:,)?(?= |$)", "Auxiliary Field"),
    (r"\bNr (?=\d)", "No. "),
)
_CIVIL_WORDS = re.compile(
    r"\b(international|intl|regional|municipal|domestic)\b|\bairport\b|\bairfield\b|"
    r"\baerodrome\b|\(.*?\)",
    re.IGNORECASE,
)


def facility_name(airfield: str) -> str:
    """Name an air base after the airfield row that places it, as an analyst would write it.

    "Dover Afb Airport" -> "Dover Air Force Base"; "Iswahyudi Airport" -> "Iswahyudi Air Base"
    (the article called it an air base; the row is the airfield it uses). The row's own name
    and ICAO code stay in the feature's sources.
    """
    name = airfield
    for pattern, long in _EXPAND:
        name = re.sub(pattern, long, name)
    # a joint row names the base and the civil airport sharing its runway ("Scott Afb/
    # Midamerica St Louis Airport"): the facility is the military part
    parts = [p.strip() for p in name.split("/") if p.strip()]
    military = [p for p in parts if _MILITARY_NAME.search(p) or "Army Airfield" in p]
    if len(parts) > 1 and military:
        name = military[-1]
    if re.search(r"\bArmy Airfield\b", name):  # a US proper name, kept as it is
        name = re.sub(r"\(.*?\)|\bAirport\b", " ", name)
        return re.sub(r"\s+", " ", name).strip(" -,")
    if _MILITARY_NAME.search(name):
        name = re.sub(r"\bMilitary (Airport|Airfield)\b", "Military Air Base", name)
        name = re.sub(r"\s+(Airport|Airfield)\b", "", name)
        name = re.sub(r"\(.*?\)", "", name)
    else:
        name = _CIVIL_WORDS.sub(" ", name)
        name = re.sub(r"\s+", " ", name).strip(" -,") or airfield
        name = f"{name} Air Base"
    return re.sub(r"\s+", " ", name).strip(" -,")


def _airfield_reference(icao: str, a: _Airfield, version: str) -> Reference:
    name, where, country, lat, lon, military = a
    return Reference(
        id=f"airfield-{icao.lower()}",
        code=icao,
        source="airportsdata",
        name=facility_name(name),
        type=FacilityType.AIR_BASE,
        country=country,
        lat=lat,
        lon=lon,
        precision_km=AIRFIELD_PRECISION_KM,
        point_basis=(
            f"the airfield {name!r} ({where}) as airportsdata lists it, ICAO {icao}; the "
            "article's phrase names an air base of that name, which the curated gazetteer lacks"
        ),
        placed_by="airportsdata (offline), matched by name; not curated, verify",
        sources=(
            Source(
                f"airportsdata {version} (MIT), ICAO {icao}: {name}, {where}",
                AIRPORTSDATA_URL,
                f"{lat} {lon}",
            ),
        ),
        names=_airfield_names(name),
        military=military,
    )


#: the table's columns, in order: the reader checks them, the build script writes them
LAUNCH_SITE_COLUMNS = (
    "id",
    "group",
    "sites",
    "name",
    "names",
    "other_names",
    "country",
    "country_basis",
    "lat",
    "lon",
    "precision_km",
    "pads",
    "excluded_pads",
    "site_rows",
)
_REBUILD = "Rebuild it: python scripts/build_launch_sites.py."


def load_launch_sites(path: Path = LAUNCH_SITES_FILE) -> list[Reference]:
    """Read the launch-site table derived from GCAT (see ``scripts/build_launch_sites.py``).

    Raises
    ------
    GazetteerError
        If the file is missing or a row is malformed.
    """
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        msg = (
            f"Expected the launch-site table at {str(path)!r}, but it cannot be read "
            f"({exc.strerror}). {_REBUILD}"
        )
        raise GazetteerError(msg) from None
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]
    if not rows or tuple(rows[0]) != LAUNCH_SITE_COLUMNS:
        got = rows[0] if rows else "nothing"
        msg = (
            f"Expected {path.name} to start with the columns {LAUNCH_SITE_COLUMNS}; "
            f"got {got!r}. {_REBUILD}"
        )
        raise GazetteerError(msg)
    out = []
    for n, cells in enumerate(rows[1:], start=1):
        if len(cells) != len(LAUNCH_SITE_COLUMNS):
            msg = (
                f"{path.name} data row {n}: expected {len(LAUNCH_SITE_COLUMNS)} tab-separated "
                f"values, got {len(cells)}. {_REBUILD}"
            )
            raise GazetteerError(msg)
        out.append(
            _launch_site(dict(zip(LAUNCH_SITE_COLUMNS, cells, strict=True)), f"{path.name} row {n}")
        )
    return out


def _launch_site(r: dict[str, str], where: str) -> Reference:
    try:
        lat, lon, precision = float(r["lat"]), float(r["lon"]), float(r["precision_km"])
    except ValueError:
        msg = (
            f"{where} ({r['id']!r}): expected decimal lat, lon and precision_km, got "
            f"{r['lat']!r}, {r['lon']!r}, {r['precision_km']!r}. {_REBUILD}"
        )
        raise GazetteerError(msg) from None
    pads = [p for p in r["pads"].split("; ") if p]
    codes = [p.rsplit(maxsplit=3)[0] for p in pads]
    listed = ", ".join(codes[:6]) + (f" and {len(codes) - 6} more" if len(codes) > 6 else "")
    sites = r["sites"].replace(",", ", ")
    return Reference(
        id=r["id"],
        code=r["group"],
        source="gcat",
        name=r["name"],
        type=FacilityType.COSMODROME,
        country=r["country"],
        lat=lat,
        lon=lon,
        precision_km=precision,
        point_basis=(
            f"centroid of {len(pads)} launch pad(s) of GCAT site {sites}, all within "
            f"{precision:g} km of it; the launch site the article names is not in the curated "
            "gazetteer"
        ),
        placed_by="GCAT launch pads (offline), matched by name; not curated, verify",
        sources=(
            Source(
                f"GCAT launch points (J. McDowell), centroid of pad rows {listed} "
                f"(each listed in facmap's data/launch_sites.tsv). {GCAT_ATTRIBUTION}",
                GCAT_LP_URL,
                f"{lat} {lon}",
            ),
            Source(
                f"GCAT launch sites (J. McDowell), site rows {sites}. {GCAT_ATTRIBUTION}",
                GCAT_SITES_URL,
                r["site_rows"],
            ),
        ),
        names=tuple(n for n in r["names"].split("|") if n),
        other_names=tuple(n for n in r["other_names"].split("|") if n),
        weight=len(pads),
    )


@cache
def reference_index() -> ReferenceIndex:
    """Return the airfields and launch sites, indexed once per process.

    Indexing 28,000 airfield names takes about a second, so that part is kept in a cache file
    beside the place index (:func:`facmap._cache.cached_pickle`), keyed by the airportsdata
    version; later processes load it in a fraction of that. Launch sites are read fresh.
    """
    import airportsdata

    version = str(getattr(airportsdata, "__version__", "0"))
    index = cached_pickle(
        f"airfields-v{_INDEX_VERSION}-ad{version}.pickle",
        lambda: ReferenceIndex.build(_read_airfields(), (), version),
        lambda loaded: isinstance(loaded, ReferenceIndex) and not loaded.launch_sites,
    )
    index.add_launch_sites(load_launch_sites())
    return index
