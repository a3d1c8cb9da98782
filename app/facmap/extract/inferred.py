"""Stage 4, infer: facilities an article implies but does not name (``data/inference.toml``)."""

from __future__ import annotations

from ..inference import joined_words
from ..types import Article, Mention
from ._base import (
    _Sentence,
)
from .phrases import _Phrases


class _Inferred(_Phrases):
    """Stage 4, infer: facilities an article implies but does not name (``data/inference.toml``)."""

    def _inferred(self, article: Article, s: _Sentence) -> list[Mention]:
        out = []
        words = {t.norm for t in s.toks}
        joined = joined_words(words)
        for rule in self.rules:
            if rule.target not in self.gaz.entries or not rule.may_match(words, joined):
                continue
            spans = rule.match(s.toks)
            if spans is None:
                continue
            a, b = spans[0]
            start, end = s.toks[a].start, s.toks[b - 1].end
            out.append(
                self._mention(
                    article,
                    s,
                    rule.target,
                    start,
                    end,
                    "inferred",
                    1.0,
                    reasoning=rule.reasoning,
                    rule=rule.id,
                )
            )
        return out
