from __future__ import annotations

import pytest

from facmap.article import MAX_ARTICLE_BYTES, find_body_end, read_article, sentences
from facmap.errors import ArticleError


def test_seed_body_excludes_teasers(seed_article):
    assert len(seed_article.teasers) == 6
    assert all(t.startswith("AIRSPACE REVIEW - ") for t in seed_article.teasers)
    assert "Almaz-Antey" not in seed_article.body
    assert seed_article.body.endswith("(RNS)")


def test_seed_metadata_from_sidecar(seed_article):
    m = seed_article.meta
    assert (m.outlet, m.language, m.date) == ("Airspace Review", "id", "2025-10-31")
    assert m.title == "Rusia siap meningkatkan kerja sama militer dengan Kazakhstan"
    assert m.url.startswith("https://www.airspace-review.com/2025/10/31/")


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("One line.\nTeaser one…\nTeaser two...", "One line."),
        ("Body.\nBaca juga: Something else\n", "Body."),
        ("Only a truncated line…", "Only a truncated line…"),
        ("Body ends here.\n\n\n", "Body ends here."),
        # a long last paragraph that trails off is the article's, not a teaser
        ("Intro.\n" + "Kapustin Yar " * 30 + "...", "Intro.\n" + "Kapustin Yar " * 30 + "..."),
        # a header line heads headlines that end in no ellipsis, in any language facmap reads
        ("Body.\n\nRead more:\nPearl Harbor yard picks contractor\nNew dock\n", "Body."),
        ("Тело.\n\nЧитайте также:\nВ Кронштадте открылся собор\n", "Тело."),
        ("Corps.\n\nLire aussi :\nCherbourg : la Cité de la Mer rouvre\n", "Corps."),
        ("Texto.\n\nLeggi anche:\nIl Reparto prova a Pratica di Mare", "Texto."),
        # ... but not when a real paragraph follows the header, nor a header on the first line
        ("Intro.\nRelated:\n" + "Body text goes on. " * 20, "Intro.\nRelated:\n" + ("Body text goes on. " * 20).rstrip()),
        ("Read more:\nOnly line", "Read more:\nOnly line"),
    ],
)
def test_find_body_end(text, body):
    assert text[: find_body_end(text)] == body


def test_sentences_keep_abbreviations_and_offsets():
    text = "Gen. Ivanov visited Baikonur. It is in Kazakhstan! Next line\nNew para? Yes."
    spans = list(sentences(text))
    got = [text[a:b] for a, b in spans]
    assert got == [
        "Gen. Ivanov visited Baikonur.",
        "It is in Kazakhstan!",
        "Next line",
        "New para?",
        "Yes.",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not valid UTF-8"),
        (b"abc\x00def", "NUL bytes"),
        ("Caf\u00e9".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_articles_have_clear_errors(tmp_path, content, expected):
    p = tmp_path / "a.txt"
    p.write_bytes(content)
    with pytest.raises(ArticleError, match=expected):
        read_article(p)


def test_missing_directory_and_huge(tmp_path):
    with pytest.raises(ArticleError, match="does not exist"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="is a directory"):
        read_article(tmp_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse 100 MB file: the size check must refuse it unread
        fh.truncate(100 * 1024 * 1024)
    with pytest.raises(ArticleError, match=f"at most {MAX_ARTICLE_BYTES:,} bytes"):
        read_article(huge)


def test_bad_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Body text.", "utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", "utf-8")
    with pytest.raises(ArticleError, match="does not parse"):
        read_article(tmp_path / "a.txt")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Jet lepas landas dari Lanud Abd. Saleh, Malang. Lalu kembali.", "Jet lepas landas dari Lanud Abd. Saleh, Malang."),
        ("Завод им. Ю. А. Гагарина выпустил самолёт. Затем ещё.", "Завод им. Ю. А. Гагарина выпустил самолёт."),
        # a German ordinal after a lower-case word is no full stop; a year ending a sentence is
        ("Die Jets gehen auf die 1. Hauptdüsenjetbasis in Eskişehir. Dann weiter.",
         "Die Jets gehen auf die 1. Hauptdüsenjetbasis in Eskişehir."),
        ("Das war im Jahr 2024. Danach kam mehr.", "Das war im Jahr 2024."),
    ],
)
def test_shortened_names_and_initials_do_not_end_a_sentence(text, first):
    a, b = next(iter(sentences(text)))
    assert text[a:b] == first
