"""Venues in the phrasings of German, Italian and Portuguese news (sentences written here)."""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        # German puts the verb of speaking last, after the town
        ("Wie das Verteidigungsministerium am Dienstag in Berlin mitteilte, kommen die "
         "Maschinen im Herbst.", "de", "Berlin"),
        # a parliamentary hearing is a meeting
        ("Lo ha illustrato il capo della Marina in un'audizione a Roma davanti alle "
         "commissioni Difesa.", "it", "Roma"),
        # a statement released in a city
        ("O submarino iniciou as provas de mar, informou a Marinha em nota divulgada no Rio "
         "de Janeiro.", "pt", "Rio de Janeiro"),
    ],
)
def test_where_something_was_said_or_heard_is_a_venue(text, lang, town):
    places = [m.surface for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert town in places


def test_a_town_after_its_base_before_a_spokesman_said_is_no_venue():
    text = ("Some jets were dispersed to Chihhang Air Base in Taitung, a ministry spokesman "
            "said.")
    assert not [m for m in mentions_shipped(text) if m.facility_id.startswith("place:")]
