"""Deterministic synthetic article-sized texts for the benchmarks.

Sentences mix the seed article's own body with facility names drawn from the gazetteer (aliases,
some misspelt, some in Cyrillic), distractors (countries, organisations, weapons) and filler, so
the extractor meets what news brings: mostly ordinary words, a few names.
"""

from __future__ import annotations

import random
from pathlib import Path

from facmap.article import article_from_text, read_article
from facmap.gazetteer import load_gazetteer
from facmap.types import Article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "airspace-review-russia-kazakhstan-military-cooperation.txt"

FILLER = [
    "Kementerian Pertahanan menyatakan bahwa latihan gabungan akan digelar bulan depan.",
    "The ministry said the exercise would involve several thousand troops and aircraft.",
    "Menurut TASS, delegasi CSTO juga membahas kerja sama teknis dengan Kazakhstan.",
    "Analysts noted that the Iskander and S-400 systems were not part of the deal.",
    "Pejabat itu menolak memberikan rincian lebih lanjut tentang jadwal pengiriman.",
    "Russia and Belarus signed an agreement on joint air defence patrols.",
    "Sarmat dan Yars tetap menjadi tulang punggung kekuatan nuklir strategis Rusia.",
]
TEMPLATES = [
    "Rudal itu diluncurkan dari {name} pada Selasa pagi waktu setempat.",
    "Satellite imagery showed new construction at {name} last month.",
    "Pesawat pengebom dipindahkan ke {name} menurut sumber militer.",
    "The delegation later visited {name}, officials said.",
    "Uji coba berlangsung di {name} dan diawasi oleh pejabat kementerian.",
]


def _typo(rng: random.Random, s: str) -> str:
    if len(s) < 7:
        return s
    i = rng.randrange(2, len(s) - 2)
    return s[:i] + s[i + 1] + s[i] + s[i + 2 :]


def synthetic_articles(n: int, seed: int = 7) -> list[Article]:
    """Return ``n`` article-sized texts (about 2-3 kB each, like the seed)."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    names = sorted({a for e in gaz.entries.values() for a in (e.name, *e.aliases)})
    body = read_article(SEED).body.splitlines()
    out = []
    for k in range(n):
        lines = rng.sample(body, 8)
        for _ in range(6):
            name = rng.choice(names)
            if rng.random() < 0.15:
                name = _typo(rng, name)
            lines.append(rng.choice(TEMPLATES).format(name=name))
        lines += rng.sample(FILLER, 3)
        rng.shuffle(lines)
        out.append(article_from_text("\n".join(lines), article_id=f"synthetic-{k}"))
    return out
