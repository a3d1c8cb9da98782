"""The instant language guess the extractor uses for an article nobody labelled."""

from __future__ import annotations

import pytest

from facmap.gazetteer import load_lexicon
from facmap.language import guess_language


@pytest.fixture(scope="module")
def words():
    return load_lexicon().function_words


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Pesawat itu mendarat di Lanud Iswahjudi yang berada di Madiun, kata juru bicara.", "id"),
        ("Il velivolo è decollato da Pratica di Mare per supportare le missioni della flotta.", "it"),
        ("The destroyer sailed from Norfolk and said that its crew were ready.", "en"),
        ("Los aviones aterrizaron en la base tras un vuelo, según el ministerio y sus pilotos.", "es"),
        ("Os caças foram entregues à Força Aérea, que não tem uma base em Ovar, após o voo.", "pt"),
        ("Les avions sont arrivés sur la base avec leur équipage après une semaine.", "fr"),
        ("Die Fregatte ist nach Wilhelmshaven zurückgekehrt und wurde von der Marine begrüßt.", "de"),
        ("Подводная лодка вернулась в Видяево после похода.", "ru"),
        ("Підводний човен повернувся до бази в Севастополі.", "uk"),
    ],
)
def test_function_words_tell_the_language(words, text, lang):
    assert guess_language(text, words) == lang


@pytest.mark.parametrize(
    "text",
    [
        "Baikonur Plesetsk",  # names only: nothing to count
        "the yang and dan",  # two languages, neither leading
        "",
    ],
)
def test_undecided_text_gives_no_language(words, text):
    assert guess_language(text, words) == ""


def test_an_unlabelled_italian_article_reads_di_as_of(make_article):
    # a file read from disk carries no language: "di Mare" must not become a venue "Mare"
    from facmap.extract import Extractor

    text = (
        "Il ministro ha visitato la base. Un velivolo della flotta è decollato da Pratica di "
        "Mare per le missioni, che sono state anche un test per gli equipaggi."
    )
    art = make_article(text)
    assert art.meta.language == ""
    got = {m.surface for m in Extractor().extract(art)}
    assert "Mare" not in got, got
