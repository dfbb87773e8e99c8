"""Outside the book, a notebook converted to HTML by nbconvert shows every chart as an image.

nbconvert cannot run Vega-Lite; without the SVG that the lab renderer puts beside each chart
(:func:`helpers.page.render.svg`), each chart would be the text ``<Altair chart>``.
"""

from __future__ import annotations

import base64
import html as html_text
from pathlib import Path

import nbformat
import pytest

from helpers.paths import NOTEBOOKS

pytestmark = pytest.mark.slow

VEGALITE = "application/vnd.vegalite.v5+json"
NOTEBOOK = "germany_jupiter"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory, data_folder: Path) -> nbformat.NotebookNode:
    """The notebook executed with papermill outside the book (so with the lab renderer)."""
    import papermill as pm

    from helpers.build.execute import kernel_manager

    target = tmp_path_factory.mktemp("nbconvert") / f"{NOTEBOOK}.ipynb"
    pm.execute_notebook(
        str(NOTEBOOKS / f"{NOTEBOOK}.ipynb"),
        str(target),
        cwd=str(NOTEBOOKS),
        kernel_name="python3",
        progress_bar=False,
        kernel_manager_class=kernel_manager(NOTEBOOKS, scenario="baseline"),
    )
    return nbformat.read(target, as_version=4)


def test_every_chart_is_an_image_in_nbconvert_html(executed: nbformat.NotebookNode) -> None:
    from nbconvert import HTMLExporter

    charts = [
        output
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if VEGALITE in output.get("data", {})
    ]
    assert charts, f"notebooks/{NOTEBOOK}.ipynb drew no chart"

    html, _ = HTMLExporter().from_notebook_node(executed)

    # nbconvert's lab template: an SVG output is a div holding the image, as a data: URI (its
    # default) or inline
    from bs4 import BeautifulSoup

    outputs = BeautifulSoup(html, "html.parser").select('div[data-mime-type="image/svg+xml"]')
    assert len(outputs) == len(charts)
    assert "&lt;Altair chart&gt;" not in html and "<Altair chart>" not in html
    for output, chart in zip(outputs, charts, strict=True):  # each its chart's image, in order
        image = output.find(["img", "svg"])
        assert image is not None, str(output)[:300]
        if image.name == "img":
            prefix = "data:image/svg+xml;base64,"
            assert image["src"].startswith(prefix)
            svg = base64.b64decode(image["src"][len(prefix) :]).decode("utf-8")
            assert svg == chart["data"]["image/svg+xml"]
        else:
            svg = str(image)
        description = chart["data"][VEGALITE]["description"]
        root = svg[: svg.index(">") + 1]
        assert html_text.unescape(root).endswith(f' aria-label="{description}">')
        assert "<title>" in svg
