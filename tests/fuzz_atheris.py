"""Coverage-guided fuzzing of facmap's readers with atheris (libFuzzer for Python).

Hypothesis (``test_fuzz.py``) draws structured inputs; atheris mutates raw bytes and keeps
those that reach new branches of the instrumented facmap code, which finds what structure
hides (a byte that breaks a decoder, a JSON token a parser trips on). Any exception other than
a one-line :class:`facmap.errors.FacmapError` is a crash: atheris prints it, saves the input
as ``crash-*`` and exits non-zero.

Run one target: ``python tests/fuzz_atheris.py TARGET [libFuzzer flags]``, e.g.
``python tests/fuzz_atheris.py geojson -runs=20000 -max_total_time=60``; TARGET is one of
``article``, ``geojson`` and ``query``. ``test_fuzz.py`` runs each with a small budget in CI.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports(include=["facmap"]):
    from facmap import viewstate
    from facmap.article import read_article
    from facmap.dataset import parse_geojson_bytes, validate
    from facmap.errors import FacmapError
    from facmap.intake import article_from_upload, new_article

_DIR = Path(tempfile.mkdtemp(prefix="facmap-fuzz-"))
_SEED = json.loads((Path(__file__).parents[1] / "data" / "facilities.geojson").read_text("utf-8"))


def _refused(exc: FacmapError) -> None:
    msg = str(exc)
    if not msg.strip() or "\n" in msg:
        raise AssertionError(f"not a one-line message: {msg!r}")


def article(data: bytes) -> None:
    """Bytes as an article file (with a sidecar cut from them), an upload and a paste."""
    fdp = atheris.FuzzedDataProvider(data)
    sidecar = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 64))
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    (_DIR / "a.txt").write_bytes(body)
    meta = _DIR / "a.meta.json"
    if sidecar:
        meta.write_bytes(sidecar)
    else:
        meta.unlink(missing_ok=True)
    for call in (
        lambda: read_article(_DIR / "a.txt"),
        lambda: article_from_upload("a.txt", body),
        lambda: new_article(body.decode("utf-8", "replace")),
    ):
        try:
            call()
        except FacmapError as exc:
            _refused(exc)


def geojson(data: bytes) -> None:
    """Bytes as an uploaded dataset; what is accepted must validate."""
    try:
        fc = parse_geojson_bytes(data, name="upload.geojson")
    except FacmapError as exc:
        _refused(exc)
        return
    if validate(fc):
        raise AssertionError("the reader accepted a dataset the validator refuses")


def query(data: bytes) -> None:
    """Bytes as a URL query (``key=value&...``, as a shared link carries it)."""
    from urllib.parse import parse_qs

    text = data.decode("utf-8", "replace")
    params: dict[str, Any] = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(text).items()}
    for fc in (None, _SEED):
        try:
            state, _ = viewstate.from_query(params, fc)
        except FacmapError as exc:
            _refused(exc)
            continue
        again, ignored = viewstate.from_query(viewstate.to_query(state), fc)
        if again != state or ignored:
            raise AssertionError(f"the link does not read back: {state!r} -> {again!r}")


TARGETS = {"article": article, "geojson": geojson, "query": query}


def main(argv: list[str]) -> None:
    """Fuzz the target named by ``argv[1]``; the rest are libFuzzer flags."""
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [libFuzzer flags]")
    target = TARGETS[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
