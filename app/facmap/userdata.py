"""Where the page writes: a copy of the seed in the user's data folder, never the seed itself.

The repository ships ``data/facilities.geojson``, the seed a newcomer sees first. Adding an
article in the demo page once rewrote that tracked file, so trying the page dirtied the
checkout with no way back (issue 10). Now the page shows the seed until the first edit; the
first "Add article" copies the seed into the user's data folder and writes there, and "Reset
to the seed" puts the copy back to the seed. A dataset the user names (``--dataset`` or
``FACMAP_DATASET``) is theirs: the page writes to it and offers no reset, unless it names the
seed, which is then treated like no choice at all.

Writes keep the stores' guarantees: they take the dataset's writer lock
(:func:`facmap.stores.geojson.locked`) and replace the file atomically
(:func:`facmap.dataset.write_bytes_atomic`), so a page adding an article and another page
resetting take turns, and a reset killed at any moment leaves the old copy or the seed.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from .dataset import load_geojson, real_path, write_bytes_atomic
from .errors import DatasetError
from .stores import is_url
from .stores.geojson import locked

__all__ = ["COPY_NAME", "Workspace", "chosen_dataset", "user_data_dir", "workspace"]

#: the name of the seed's working copy inside the user data folder
COPY_NAME = "facilities.geojson"


def user_data_dir() -> Path:
    """Return the folder for the page's working data (not created here).

    ``$FACMAP_DATA_DIR`` if set (tests, a shared demo machine); otherwise the platform's user
    data folder from ``platformdirs`` (``~/.local/share/facmap`` on Linux, honouring
    ``$XDG_DATA_HOME``), or ``~/.local/share/facmap`` where ``platformdirs`` is missing.
    """
    env = os.environ.get("FACMAP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    try:
        from platformdirs import user_data_path
    except ImportError:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "facmap"
    return user_data_path("facmap", appauthor=False)


@dataclass(frozen=True)
class Workspace:
    """The seed, where edits go, and whether that is the seed's working copy (``demo``).

    Attributes
    ----------
    seed
        The tracked dataset; read, never written.
    target
        Where edits are written: a path, or a ``postgresql://`` URL.
    demo
        ``target`` is the seed's working copy in the user data folder: shown instead of the
        seed once it exists, created from the seed on the first edit, resettable.
    """

    seed: Path
    target: Path | str
    demo: bool

    @property
    def copy_exists(self) -> bool:
        """Whether the demo's working copy has been made (by a first edit)."""
        return self.demo and Path(self.target).exists()

    def shown(self) -> Path | str:
        """Return the dataset to show: the working copy once made, else the seed (demo)."""
        if self.demo and not self.copy_exists:
            return self.seed
        return self.target

    def articles_dir(self) -> Path | None:
        """Return where copies of added articles go (beside the target; None for a database)."""
        return None if is_url(self.target) else Path(self.target).parent / "articles"

    def prepare_edit(self) -> Path | str:
        """Return the dataset to write an edit to, copying the seed there first (demo only).

        The copy is written under the target's writer lock and atomically, and only if the
        copy is still missing once the lock is held (two first edits at once copy once).

        Raises
        ------
        DatasetError
            If the target is the seed itself (a bug: the seed is never written), or the user
            data folder cannot be created or written; the message says which folder.
        """
        if not is_url(self.target) and _same_file(self.target, self.seed):
            msg = (
                f"Expected edits to go to a copy, but {str(self.target)!r} is the tracked seed. "
                "Pass --dataset with another file, or unset FACMAP_DATASET."
            )
            raise DatasetError(msg)
        if self.demo:
            target = Path(self.target)
            _make_folder(target.parent)
            with locked(target):
                if not target.exists():
                    write_bytes_atomic(target, self.seed.read_bytes())
        return self.target

    def modified(self) -> bool:
        """Whether the working copy differs from the seed (nothing to reset otherwise)."""
        return self.copy_exists and Path(self.target).read_bytes() != self.seed.read_bytes()

    def reset(self) -> int:
        """Put the working copy back to the seed; return how many article copies were removed.

        The copy is replaced atomically under the writer lock, the replaced version kept as
        ``<copy>.bak`` (one step back, as after an add). The article copies the page kept
        beside it (``articles/``: added articles' text and metadata) are removed, so a later
        ``facmap extract`` of that folder rebuilds the seed's view, not the edits.

        Raises
        ------
        DatasetError
            If this workspace is a dataset the user named (not the demo copy): resetting it
            to the seed would discard their data; or the copy cannot be written.
        """
        if not self.demo:
            msg = (
                f"Expected the demo's working copy, but the page shows {str(self.target)!r}, a "
                "dataset you named; it is not reset to the seed. Restore it from its .bak file "
                "or your own copy."
            )
            raise DatasetError(msg)
        target = Path(self.target)
        if not target.exists():
            return 0
        seed = self.seed.read_bytes()
        load_geojson(self.seed)  # a broken seed is refused before the copy is touched
        removed = 0
        with locked(target):
            write_bytes_atomic(target, seed, backup=True)
            folder = target.parent / "articles"
            if folder.is_dir():
                for f in sorted(folder.iterdir()):
                    if f.is_file() and f.name.endswith((".txt", ".meta.json")):
                        f.unlink()
                        removed += 1
        return removed


def _same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths lead to one file (through symbolic links too)."""
    return real_path(Path(a).expanduser()) == real_path(Path(b).expanduser())


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = (
            f"Cannot create the folder for the page's working copy, {str(folder)!r}: "
            f"{exc.strerror}. Set FACMAP_DATA_DIR to a writable folder, or pass --dataset."
        )
        raise DatasetError(msg) from None


def chosen_dataset(argv: list[str]) -> Path | str | None:
    """Return the dataset the user named: ``--dataset`` in ``argv``, else ``FACMAP_DATASET``.

    None when neither names one (the page then shows the seed). A path comes back as a
    :class:`~pathlib.Path` with ``~`` expanded, a ``postgresql://`` URL as text. Other
    arguments are ignored, so the page's argv and the launcher's (which also holds
    Streamlit's own options) give the same answer.
    """
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--dataset")
    # "--" ends the options for argparse; the launcher's argv has one before the page's own
    args, _ = parser.parse_known_args([a for a in argv if a != "--"])
    chosen = args.dataset or os.environ.get("FACMAP_DATASET")
    if not chosen:
        return None
    return chosen if is_url(chosen) else Path(chosen).expanduser()


def workspace(seed: str | Path, chosen: str | Path | None = None) -> Workspace:
    """Return where the page reads and writes.

    Parameters
    ----------
    seed
        The tracked seed dataset.
    chosen
        The dataset the user named (``--dataset``, ``FACMAP_DATASET``), or None. A URL or a
        path other than the seed is used as it is; none, or the seed itself, means the demo:
        the seed's working copy in :func:`user_data_dir`.
    """
    seed_path = Path(seed)
    if chosen is not None and str(chosen):
        if is_url(chosen):
            return Workspace(seed_path, str(chosen), demo=False)
        if not _same_file(chosen, seed_path):
            return Workspace(seed_path, Path(chosen).expanduser(), demo=False)
    return Workspace(seed_path, user_data_dir() / COPY_NAME, demo=True)
