"""Knowledge round 19 (France, its forces abroad, Belgium, Switzerland): the shipped gazetteer
links the names the press uses.

Sentences written for this file; each checks that a name links to its entry, and that a town a
new entry takes as a town alias names no facility without a facility cue.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Les parachutistes se sont entraînés au camp de Caylus.", "fr", "camp-de-caylus"),
        ("Les recrues ont tiré au camp de Bitche en Moselle.", "fr", "camp-de-bitche"),
        ("La base aérienne 942 de Lyon-Mont Verdun surveille le ciel.", "fr", "ba-942-lyon-mont-verdun"),
        ("The frigate Louise-Marie returned to Zeebrugge naval base.", "en", "zeebrugge-naval-base"),
        ("De mijnenjager lag in de marinebasis Zeebrugge.", "nl", "zeebrugge-naval-base"),
        ("Le Griffon a été évalué par DGA Techniques terrestres à Bourges.", "fr", "dga-techniques-terrestres-bourges"),
        ("Les experts cyber de DGA Maîtrise de l'information travaillent à Bruz.", "fr", "dga-maitrise-de-linformation-bruz"),
        ("La maquette a été testée au bassin d'essais des carènes de Val-de-Reuil.", "fr", "dga-techniques-hydrodynamiques-val-de-reuil"),
        ("Le site Naval Group d'Indret fabrique les chaufferies nucléaires.", "fr", "naval-group-indret"),
        ("Le site MBDA de Selles-Saint-Denis assemble les missiles Aster.", "fr", "mbda-selles-saint-denis"),
        ("Le site MBDA de Bourges produit le Mica NG.", "fr", "mbda-bourges"),
        ("Le Rafale F5 est testé par la DGA Essais en vol à Istres.", "fr", "ba-125-istres"),
        ("The French base in Djibouti hosts 1,500 troops.", "en", "djibouti-ba-188"),
        ("Les soldats du 43e BIMa ont quitté Abidjan.", "fr", "port-bouet-43-bima"),
        ("CMN à Cherbourg a livré un patrouilleur à la Marine.", "fr", "cmn-cherbourg"),
        ("Thales à Limours assemble les radars Ground Master.", "fr", "thales-limours"),
        ("Safran Helicopter Engines à Bordes a livré 600 moteurs.", "fr", "safran-helicopter-engines-bordes"),
        ("L'usine Safran de Montluçon produit les kits AASM.", "fr", "safran-electronics-defense-montlucon"),
        ("Le site Arquus de Limoges assemble les porteurs Caesar.", "fr", "arquus-limoges"),
        ("L'usine Dassault de Biarritz fabrique des pièces composites.", "fr", "dassault-biarritz"),
    ],
)
def test_region_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "town_of"),
    [
        ("Le marché de Caylus attire les touristes le mardi.", "fr", "camp-de-caylus"),
        ("Le maire de Bitche a inauguré la médiathèque.", "fr", "camp-de-bitche"),
        ("The ferry from Zeebrugge to Hull was cancelled because of the storm.", "en", "zeebrugge-naval-base"),
        ("Le maire de Bruz a présenté le budget de la commune.", "fr", "dga-maitrise-de-linformation-bruz"),
        ("Le festival de Bourges a attiré des milliers de spectateurs.", "fr", "mbda-bourges"),
        ("Le festival de Bourges a attiré des milliers de spectateurs.", "fr", "dga-techniques-terrestres-bourges"),
        ("Le maire de Limours a inauguré la nouvelle école.", "fr", "thales-limours"),
    ],
)
def test_town_without_cue_is_no_base(text, lang, town_of):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert town_of not in ids, ids
