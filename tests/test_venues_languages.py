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


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Ranai (ANTARA) - Koopsud I menambah patroli udara di perairan Natuna dengan pesawat "
         "intai Boeing 737.", "id", "Ranai"),
        ("Valparaíso (Chile), 9 oct (EFE).\n\nLa Armada recibió el buque.", "es", "Valparaíso"),
        ("Bogotá, 22 de julio (Infodefensa) - El Ministerio de Defensa presentó el plan.", "es",
         "Bogotá"),
        ("ROMA, 12 nov (RID) – L'Aeronautica Militare schiererà il terzo gruppo di F-35A.", "it",
         "ROMA"),
    ],
)
def test_datelines_with_an_outlet_are_venues(text, lang, town):
    found = mentions_shipped("Headline\n\n" + text, lang)
    places = {m.surface: m.facility_id for m in found if m.facility_id.startswith("place:")}
    assert town in places, found
    if town == "ROMA":
        assert places[town] == "place:3169070"  # Rome, not Roma in Lesotho


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Dalam latihan yang dibuka di Ambon pada Selasa, empat pesawat Su-30MK2 diterbangkan "
         "ke Lanud Manuhua.", "id", "Ambon"),
        ("Les forces armées recevront de nouveaux moyens, a annoncé mardi à Nouméa le "
         "commandant supérieur, après le retour des frégates de la Marine.", "fr", "Nouméa"),
    ],
)
def test_where_an_event_opened_or_a_statement_was_made_is_a_venue_not_a_base(text, lang, town):
    found = mentions_shipped(text, lang)
    assert [m for m in found if m.surface == town and m.facility_id.startswith("place:")], found


# --- a dateline or venue with a namesake beside the article's facilities -----------------
@pytest.mark.parametrize(
    ("text", "lang", "town", "country", "lat"),
    [
        # GeoNames' biggest Cadiz is in the Philippines; the article is about Rota, 20 km away
        ("CÁDIZ, 22 feb (EFE).- La Armada destinará las nuevas fragatas a la Base Naval de "
         "Rota.", "es", "CÁDIZ", "ES", 36.5),
        # Brooklyn's Williamsburg is bigger; Virginia's is beside the yards the article names
        ("Navy acquisition chiefs told shipbuilders meeting in Williamsburg that Newport News "
         "Shipbuilding and Naval Station Norfolk need more dry docks.", "en", "Williamsburg",
         "US", 37.3),
    ],
)
def test_a_place_moves_to_its_namesake_beside_the_articles_facilities(
    text, lang, town, country, lat
):
    from facmap.places import place_by_id

    [m] = [m for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert m.surface == town
    place = place_by_id(int(m.facility_id.split(":")[1]))
    assert (place.country, round(place.lat, 1)) == (country, lat)


def test_a_far_meeting_city_is_not_swapped_for_a_small_namesake_near_a_base():
    # Paris, Texas is near the bases but 86 times smaller than Paris: ministers met in France
    text = ("Ministers met in Paris to discuss new hangars at Sheppard Air Force Base and "
            "Barksdale Air Force Base.")
    [m] = [m for m in mentions_shipped(text) if m.facility_id.startswith("place:")]
    assert m.facility_id == "place:2988507"


# --- a meeting in a person's relative clause is background ---------------------------------
@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Defence Minister Nikolai Petrov, who met his Turkish counterpart in Ankara last week, "
         "said the plan matches the threat.", "en", "Ankara"),
        ("Menteri Pertahanan, yang pekan lalu bertemu mitranya di Kuala Lumpur, menyebut kerja "
         "sama ini penting.", "id", "Kuala Lumpur"),
        ("Admiral Menon, who returned on Tuesday from talks in Colombo, said the Navy was "
         "stretched.", "en", "Colombo"),
        # the sentence names its own venue after the clause
        ("The minister, who briefed Nordic counterparts in Oslo on Monday, told reporters in "
         "London that the jets would move.", "en", "Oslo"),
    ],
)
def test_an_earlier_meeting_in_a_relative_clause_is_no_venue(text, lang, town):
    places = [m.surface for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert town not in places


def test_the_reported_meeting_in_a_relative_clause_stays_the_venue():
    text = "Defence ministers, who met in Brussels on Thursday, agreed to send more jets."
    places = [m.surface for m in mentions_shipped(text) if m.facility_id.startswith("place:")]
    assert places == ["Brussels"]


def test_the_sentences_own_venue_after_the_clause_is_kept():
    text = ("The minister, who briefed Nordic counterparts in Oslo on Monday, told reporters in "
            "London that the jets would move.")
    places = [m.surface for m in mentions_shipped(text) if m.facility_id.startswith("place:")]
    assert places == ["London"]


def test_a_press_conference_town_is_the_venue_whatever_fleet_the_sentence_names():
    text = ("Предприятия увеличат выпуск кораблей для Тихоокеанского флота, сообщил на "
            "пресс-конференции во Владивостоке вице-премьер.")
    found = mentions_shipped(text, "ru")
    assert [m.facility_id for m in found if not m.facility_id.startswith("place:")] == []
    assert [m.surface for m in found if m.facility_id.startswith("place:")] == ["Владивостоке"]


def test_a_past_word_before_a_town_is_no_event():
    # "прошлого" (last) shares its stem with "прошли" (took place): not an event word here
    text = ("Там уже несут службу ракетные подводные крейсеры. Другой «Ясень-М», "
            "«Архангельск», принятый в состав ВМФ в конце прошлого года, базируется в Видяеве.")
    assert "vidyayevo-naval-base" in {m.facility_id for m in mentions_shipped(text, "ru")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The submarine was named after the city of Toledo.", "en"),
        ("Подлодка названа в честь города Пермь.", "ru"),
        ("The new frigate, named after Toulon, will be based at Brest.", "en"),
    ],
)
def test_a_ships_namesake_town_is_neither_place_nor_facility(text, lang):
    found = mentions_shipped(text, lang)
    assert not [m for m in found if m.surface in ("Toledo", "Пермь", "Toulon")]


def test_the_town_of_a_place_is_still_a_place():
    text = "Residents of the town of Plesetsk were told to stay indoors."
    assert [m.surface for m in mentions_shipped(text)] == ["Plesetsk"]


def test_an_earlier_meeting_set_off_by_commas_is_no_venue():
    text = "The minister, speaking in Geneva last week, said the jets would move to Ämari."
    places = [m.surface for m in mentions_shipped(text) if m.facility_id.startswith("place:")]
    assert places == []
    # the reporting clause at the end of the sentence is where it was said
    said = "The jets will move, the minister said in Tallinn last week."
    assert [m.surface for m in mentions_shipped(said)] == ["Tallinn"]


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Накануне эти же сроки обсуждались на совещании в Хабаровске.", "ru", "Хабаровске"),
        ("The ministers will meet again in Vilnius in June.", "en", "Vilnius"),
        ("Il s'exprimait au lendemain d'une réunion tenue à Nice avec son homologue italien.",
         "fr", "Nice"),
        ("Dalam pertemuan di Moskow pekan lalu, delegasi juga membahas stasiun radar itu.", "id",
         "Moskow"),
        ("Ранее, на совещании в Сочи в феврале, министр поручил закончить работы.", "ru",
         "Сочи"),
        ("The drills echoed the series staged after a presidential speech in Tainan two years "
         "ago.", "en", "Tainan"),
        ("The text was first discussed at talks in Edinburgh in January.", "en", "Edinburgh"),
        ("Решение принималось ещё на совещании в Нижнем Новгороде в апреле.", "ru",
         "Нижнем Новгороде"),
        ("Er verwies auf Beschlüsse, die bereits beim NATO-Gipfel in Den Haag gefallen waren.",
         "de", "Den Haag"),
        ("Речь идёт о договорённостях, достигнутых на встрече в Казани год назад.", "ru",
         "Казани"),
    ],
)
def test_a_meeting_at_another_time_than_the_news_is_no_venue(text, lang, town):
    places = [m.surface for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert town not in places


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Wali Kota Cimahi menyambut baik rencana pelatihan teknisi.", "id", "Cimahi"),
        ("The mayor of Norfolk welcomed the destroyers at the pier.", "en", "Norfolk"),
        ("Un deputato eletto a Brindisi ha lamentato l'esclusione del porto, dove la nave è "
         "ormeggiata.", "it", "Brindisi"),
    ],
)
def test_a_town_in_an_offices_title_is_neither_place_nor_facility(text, lang, town):
    assert not [m for m in mentions_shipped(text, lang) if town in m.surface]


def test_a_conference_named_after_its_town_and_an_earlier_time_is_background():
    text = ("L'ammiraglio aveva anticipato le linee generali la settimana scorsa a Napoli, "
            "durante un convegno dell'industria.")
    assert not [m for m in mentions_shipped(text, "it") if m.facility_id.startswith("place:")]


def test_a_signing_last_week_is_news_of_its_own():
    text = ("Die Verträge für weitere Munition wurden vergangene Woche beim Beschaffungsamt in "
            "Koblenz unterzeichnet.")
    places = [m.surface for m in mentions_shipped(text, "de") if m.facility_id.startswith("place:")]
    assert places == ["Koblenz"]


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Hasil produksi tahun ini akan dipamerkan dalam pameran Indo Defence di Jakarta.", "id",
         "Jakarta"),
        ("The new radar will be shown at the exhibition in Singapore.", "en", "Singapore"),
        ("Образец будет представлен на выставке в Казани.", "ru", "Казани"),
    ],
)
def test_a_town_where_an_event_is_yet_to_happen_is_no_venue(text, lang, town):
    places = [m.surface for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert town not in places


def test_the_future_of_what_was_said_leaves_the_venue_of_the_saying():
    """'The navy will ..., the admiral said at a press conference in New Delhi': a venue."""
    text = ("The navy will move two destroyers into refits next year, the admiral said at a "
            "press conference in New Delhi on Friday.")
    places = [m.surface for m in mentions_shipped(text) if m.facility_id.startswith("place:")]
    assert places == ["New Delhi"]
    quoted = ('"Kapal akan menjalani pemeriksaan teknis," ujar juru bicara dalam keterangan '
              "persnya di Jakarta.")
    places = [m.surface for m in mentions_shipped(quoted, "id") if m.facility_id.startswith("place:")]
    assert places == ["Jakarta"]


def test_a_salon_yet_to_be_held_is_no_venue():
    """'Le salon se tiendra à Villepinte en juin': where it will be, not where anything was."""
    got = [m.surface for m in mentions_shipped("Le salon se tiendra à Villepinte en juin.", "fr")]
    assert "Villepinte" not in got


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ('"Es la primera vez", dijo el capitán Andrés Tumaco, quien ya había presentado la idea '
         "en Lima el año pasado.", "es", "Lima"),
        ("«È un passo concreto», ha dichiarato l'ammiraglio, che aveva anticipato il progetto a "
         "un convegno a Napoli.", "it", "Napoli"),
        ('"A segurança começa aqui", disse o capitão, que já havia apresentado o tema em Luanda '
         "no ano passado.", "pt", "Luanda"),
        ("Defense officials met in Canberra last year, and a follow-up meeting is planned in "
         "Jakarta.", "en", "Jakarta"),
        ("An official told reporters that talks with the IAEA in Vienna would continue.", "en",
         "Vienna"),
    ],
)
def test_a_meeting_told_as_done_before_or_yet_to_come_is_no_venue(text, lang, town):
    places = [m.surface for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert town not in places


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ('"Beijing wants a standing presence," said a researcher who grew up in Kaohsiung.', "en",
         "Kaohsiung"),
        ("Sersan itu dibesarkan di Surabaya sebelum masuk korps marinir.", "id", "Surabaya"),
        ("Ha dichiarato l'ammiraglio, originario di Taranto, dopo la cerimonia.", "it", "Taranto"),
    ],
)
def test_where_a_person_grew_up_is_neither_place_nor_facility(text, lang, town):
    assert not [m for m in mentions_shipped(text, lang) if town in m.surface]


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("С космодрома Плесецк, расположенного у города Мирный, запустят спутник.", "ru",
         "Мирный"),
        ("Полигон находится недалеко от города Приозерск.", "ru", "Приозерск"),
    ],
)
def test_a_town_near_which_something_lies_is_no_place(text, lang, town):
    """'у города Мирный' (near the town of Mirny) only says where the cosmodrome is."""
    assert town not in [m.surface for m in mentions_shipped(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Ia mengaku pernah membahas hal ini di Langkawi saat pameran LIMA tahun lalu.", "id",
         "Langkawi"),
        ("The announcement comes a week after the defence secretary spoke in Adelaide about "
         "AUKUS.", "en", "Adelaide"),
        ("L'annonce intervient deux jours après une conférence à Toulouse.", "fr", "Toulouse"),
    ],
)
def test_a_show_or_speech_at_another_time_than_the_news_is_no_venue(text, lang, town):
    places = [m.surface for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert town not in places


def test_a_show_that_is_the_news_stays_the_venue():
    text = "The new radar was unveiled at the exhibition in Singapore on Tuesday."
    places = [m.surface for m in mentions_shipped(text) if m.facility_id.startswith("place:")]
    assert places == ["Singapore"]


def test_already_in_a_facilitys_clause_keeps_the_facility():
    """'déjà en service dans la marine néerlandaise à Den Helder': where the ship serves now."""
    text = ("Le bâtiment rejoint le « Vlissingen », déjà en service dans la marine néerlandaise "
            "à Den Helder, où sont regroupés les chasseurs de mines.")
    assert any("Den Helder" in m.surface and not m.facility_id.startswith("place:")
               for m in mentions_shipped(text, "fr"))


def test_a_town_in_a_wind_note_is_no_venue_nor_base():
    text = ("Fuertes vientos en Comodoro Rivadavia obligaron a desviar un avión Hércules de la "
            "Fuerza Aérea.")
    assert not [m for m in mentions_shipped(text, "es") if "Comodoro" in m.surface]


def test_a_venue_bears_its_own_name_as_the_dateline_does():
    """'New Delhi' is New Delhi, though GeoNames also lists it as a name of Delhi next door."""
    text = ("NEW DELHI (Reuters) - The navy said on Monday at a press conference in New Delhi "
            "that ships will sail.")
    places = {m.facility_id for m in mentions_shipped(text) if m.facility_id.startswith("place:")}
    assert len(places) == 1


def test_a_town_cue_that_begins_a_towns_name_is_part_of_it():
    """'Kota Kinabalu' is the city, not a town called Kinabalu; 'Kota Pekanbaru' is Pekanbaru."""
    got = [m.surface for m in mentions_shipped(
        "TLDM memperluas Pangkalan TLDM Kota Kinabalu di Teluk Sepanggar.", "id")]
    assert "Kinabalu" not in got
    got = [m.surface for m in mentions_shipped("Upacara digelar di Kota Pekanbaru.", "id")]
    assert got == ["Pekanbaru"]


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Alih teknologi berjalan sesuai jadwal yang disepakati saat penandatanganan kontrak di "
         "Paris tahun lalu.", "id", "Paris"),
        ("The measures build on decisions taken at the NATO summit in Vilnius in 2023.", "en",
         "Vilnius"),
        ("Bei Lürssen laufen die Arbeiten an den Booten, deren Vertrag im vergangenen Jahr in "
         "Koblenz unterzeichnet wurde.", "de", "Koblenz"),
        ("Pertemuan terakhir kedua pihak berlangsung di pameran IDEF di Istanbul, Juli lalu.",
         "id", "Istanbul"),
        ("Предыдущая встреча руководителей отрасли проходила на авиасалоне в Жуковском летом.",
         "ru", "Жуковском"),
        ("Canoas lembrou que a estratégia foi discutida em reunião em Manaus no mês passado.",
         "pt", "Manaus"),
    ],
)
def test_an_event_dated_long_ago_or_told_as_a_previous_one_is_no_venue(text, lang, town):
    places = [m.surface for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]
    assert town not in places


_MET_LAST_MONTH = [
    ("Menhan bertemu mitranya di Tokyo bulan lalu untuk membahas kerja sama.", "id"),
    ("Министры встретились в Токио в прошлом месяце.", "ru"),
    ("Le ministre a rencontré son homologue à Tokyo le mois dernier.", "fr"),
    ("Der Minister traf seinen Amtskollegen letzte Woche in Tokio.", "de"),
]
_MET_TODAY = [
    ("Menhan bertemu mitranya di Tokyo, Senin (1/12), untuk membahas kerja sama.", "id"),
    ("Министры встретились в Токио в понедельник.", "ru"),
    ("Le ministre a rencontré son homologue à Tokyo lundi.", "fr"),
    ("Der Minister traf seinen Amtskollegen am Montag in Tokio.", "de"),
]


@pytest.mark.parametrize(("text", "lang"), _MET_LAST_MONTH)
def test_a_meeting_verb_dated_last_month_names_no_venue(text, lang):
    """'bertemu ... di Tokyo bulan lalu': a verb of meeting is a meeting, told as earlier."""
    assert not [m for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]


@pytest.mark.parametrize(("text", "lang"), _MET_TODAY)
def test_a_meeting_verb_of_the_news_keeps_its_venue(text, lang):
    places = [m.facility_id for m in mentions_shipped(text, lang)]
    assert "place:1850147" in places  # GeoNames Tokyo


def test_a_named_storm_is_weather_not_a_eurofighter():
    """'Typhoon Haikui' names a storm: Naha under it is where the weather is."""
    text = "Typhoon Haikui battered Okinawa, grounding flights at Naha."
    assert not mentions_shipped(text)


def test_the_eurofighter_typhoon_still_points_at_its_base():
    got = [m.facility_id for m in mentions_shipped("Typhoon fighters landed at Naha.")]
    assert got == ["naha-air-base-jasdf-jmsdf-okinawa-roah"]


def test_a_shared_runways_civil_airport_name_needs_a_military_word():
    """'Naha Airport' is the civil airport's name: the air base needs a military word."""
    assert not mentions_shipped("Passenger flights at Naha Airport were cancelled.")
    got = [m.facility_id for m in mentions_shipped("F-15J fighters scrambled from Naha airport.")]
    assert got == ["naha-air-base-jasdf-jmsdf-okinawa-roah"]
