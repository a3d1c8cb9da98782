"""The report notebook runs from top to bottom in a fresh kernel of this environment."""

from __future__ import annotations

import json
import sys

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "facility_report.ipynb"


def test_notebook_is_committed_without_outputs():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.fixture
def venv_kernel(tmp_path, monkeypatch):
    """A kernelspec for this interpreter, so a user-level 'python3' kernel cannot stand in."""
    spec = tmp_path / "jupyter" / "kernels" / "facmap-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "facmap test", "language": "python"}), "utf-8"
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return "facmap-test"


@pytest.mark.slow
def test_notebook_executes_and_exports(venv_kernel, tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    out = tmp_path / "report"
    out.mkdir()
    monkeypatch.setenv("FACMAP_REPORT_DIR", str(out))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name=venv_kernel,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not [s for s in stderr if "Warning" in s], stderr
    text = "".join(o.text for o in outputs if o.output_type == "stream")
    assert "Plesetsk lies" in text and "km further from the impact zone" in text
    htmls = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    # the map displays inline, offline: an iframe holding the standalone export
    maps = [h for h in htmls if h.startswith("<iframe srcdoc=")]
    assert len(maps) == 1 and "Russian test launches into Kazakhstan" in maps[0]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2  # bar chart, report PNG
    assert sorted(p.name for p in out.iterdir()) == ["test-launches.html", "test-launches.png"]
