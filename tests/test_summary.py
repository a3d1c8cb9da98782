"""The dataset at a glance (facmap.summary): counts, dates and the facilities to open first."""

from __future__ import annotations

import copy
from datetime import date

from facmap.dataset import load_geojson
from facmap.summary import headline, rank_key, summarize

from .conftest import DATASET


def _seed():
    return load_geojson(DATASET)


def test_summary_counts_what_the_collection_holds():
    fc = _seed()
    s = summarize(fc)
    feats = [f["properties"] for f in fc["features"]]
    assert s.facilities == len(feats)
    articles = {m["article"] for p in feats for m in p["mentions"]}
    assert s.articles == len(articles)
    assert s.countries == len({p["country"] for p in feats if p.get("country")})
    assert sum(s.types.values()) == len(feats)
    counts = list(s.types.values())
    assert counts == sorted(counts, reverse=True)  # largest first, as the bars draw them
    assert s.first_day is not None and s.first_day <= s.last_day


def test_days_text_reads_one_day_a_range_or_nothing():
    fc = _seed()
    one = summarize(fc)
    assert one.first_day == one.last_day and one.days_text == one.first_day.isoformat()
    later = copy.deepcopy(fc)
    later["features"][0]["properties"]["mentions"][0]["date"] = "2026-01-15"
    span = summarize(later)
    assert span.last_day == date(2026, 1, 15)
    assert span.days_text == f"{span.first_day.isoformat()} to 2026-01-15"
    undated = copy.deepcopy(fc)
    for f in undated["features"]:
        for m in f["properties"]["mentions"]:
            m.pop("date", None)
    assert summarize(undated).days_text == ""


def test_headline_prefers_more_articles_then_named_military_sites():
    fc = _seed()
    feats = fc["features"]
    ranked = [h.id for h in headline(feats, limit=len(feats))]
    by_id = {f["properties"]["id"]: f["properties"] for f in feats}
    # every named, military facility comes before every inferred one and every town
    named = [i for i in ranked if not by_id[i]["inferred"] and by_id[i]["type"] != "place"]
    assert ranked[: len(named)] == named
    assert [rank_key(by_id[i]) for i in ranked] == sorted(rank_key(by_id[i]) for i in ranked)
    # an inferred facility named by more articles than any other leads
    more = copy.deepcopy(fc)
    last = more["features"][-1]["properties"]
    assert last["inferred"]
    last["article_count"] = 5
    assert headline(more["features"], limit=1)[0].id == last["id"]
    # one that needs review never does
    last["needs_review"] = True
    assert last["id"] not in [h.id for h in headline(more["features"], limit=len(feats))]


def test_summary_of_nothing_is_empty():
    fc = _seed()
    fc["features"] = []
    s = summarize(fc)
    assert (s.facilities, s.articles, s.countries, s.types, s.headline) == (0, 0, 0, {}, ())
    assert s.days_text == ""
