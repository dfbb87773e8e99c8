"""The notebooks as an analyst uses them: JupyterLab in headless Chromium, on 127.0.0.1.

For two chapters: open the notebook (it must not turn "modified"), Run All, save (the file
must be the stored one, byte for byte), change one parameter in the ``parameters`` cell, Run
All again in the same kernel. After each run: no
error or stderr output, every chart drawn, no MyST syntax visible, and the Findings show
exactly what a papermill run with the same parameters computes (so a number in them changed
to the value computed for the new parameter). A notebook downloaded from a book page shows
its prose and every chart without being run. Screenshots go to ``_build/screenshots/lab-*``.

JupyterLab runs with its own settings, workspace and runtime folders in a temporary folder,
the notebooks copied there (saving never touches ``notebooks/``), and every request that
leaves 127.0.0.1 is refused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup

from helpers.paths import BUILD, NOTEBOOKS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: MyST syntax that must never be visible: a role, a directive fence or option, a target,
#: a placeholder of the prose.
RAW_MYST = re.compile(r"\{[\w:]+\}`|:::|^:[a-z]+: |\{\{|^\([\w-]+\)=", re.M)

#: Per chapter: the parameter line changed between the two runs.
EDITS = {
    "germany_jupiter": ("utilisation = 0.4 ", "utilisation = 0.5 "),
    "eu_access": ("price_usd_per_gpu_hour = 2.0 ", "price_usd_per_gpu_hour = 3.5 "),
}
SHOTS = BUILD / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, data_folder: Path) -> Iterator[tuple[str, Path]]:
    """A JupyterLab server on 127.0.0.1 over a copy of the notebooks; yields (URL, its folder)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    shutil.copytree(NOTEBOOKS, root)
    settings = base / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Every cell in the DOM (JupyterLab otherwise renders only the cells in view).
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
    }
    log = (base / "lab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(
                        f"JupyterLab did not start: {(base / 'lab.log').read_text()[-2000:]}"
                    )
                time.sleep(0.5)
        yield url, root
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def tab(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else route.abort()
        ),
    )
    yield page
    context.close()


_READY_JS = """async () => {
  const app = window.jupyterapp;
  while (!app.shell.currentWidget || !app.shell.currentWidget.sessionContext) {
    await new Promise(r => setTimeout(r, 100));
  }
  const w = app.shell.currentWidget;
  await w.context.ready;
  await w.sessionContext.ready;
  while (!w.sessionContext.session || !w.sessionContext.session.kernel ||
         w.sessionContext.session.kernel.status !== 'idle') {
    await new Promise(r => setTimeout(r, 100));
  }
  return w.context.path;
}"""

_RUN_ALL_JS = """async () => {
  const app = window.jupyterapp;
  const w = app.shell.currentWidget;
  await app.commands.execute('notebook:run-all-cells');
  const busy = () => w.sessionContext.session.kernel.status !== 'idle' ||
    w.content.widgets.some(c => c.model.type === 'code' && c.promptNode &&
                                c.promptNode.textContent.includes('*'));
  while (busy()) { await new Promise(r => setTimeout(r, 100)); }
}"""

_STATE_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const problems = [];
  let charts = 0;
  w.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') problems.push([i, o.ename + ': ' + o.evalue]);
      if (o.output_type === 'stream' && o.name === 'stderr') problems.push([i, String(o.text)]);
      if (o.data && o.data['application/vnd.vegalite.v5+json']) charts += 1;
    }
  });
  const drawn = document.querySelectorAll(
    '.jp-OutputArea-output .vega-embed canvas, .jp-OutputArea-output .vega-embed svg.marks').length;
  const rendered = Array.from(document.querySelectorAll(
    '.jp-MarkdownOutput, .jp-OutputArea-output.jp-RenderedHTMLCommon, .jp-OutputArea-output .jp-RenderedHTMLCommon'))
    .map(e => e.innerText).join('\\n');
  const findings = Array.from(document.querySelectorAll('.jp-OutputArea-output blockquote'))
    .find(b => b.querySelector('strong') && b.querySelector('strong').innerText.trim() === 'Findings');
  const noRenderer = document.body.innerText.includes('No renderer could be found');
  return {problems, charts, drawn, rendered, noRenderer, dirty: w.context.model.dirty,
          findings: findings ? findings.innerText : null,
          images: document.querySelectorAll('.jp-OutputArea-output figure img[src^="data:image/svg+xml"]').length};
}"""

_EDIT_JS = """([before, after]) => {
  const w = window.jupyterapp.shell.currentWidget;
  for (const c of w.content.widgets) {
    if ((c.model.getMetadata('tags') || []).includes('parameters')) {
      const source = c.model.sharedModel.getSource();
      if (!source.includes(before)) return false;
      c.model.sharedModel.setSource(source.replace(before, after));
      return true;
    }
  }
  return false;
}"""


def _words(text: str) -> str:
    """Text without its white space (a browser's ``innerText`` and BeautifulSoup break lines
    and join elements differently)."""
    return "".join(text.split())


def _papermill_findings(stem: str, tmp: Path, parameter: str | None) -> str:
    """The Findings of ``stem`` as a papermill run computes them (in a process of its own)."""
    out = tmp / f"{stem}-{'edited' if parameter else 'default'}.ipynb"
    args = [
        sys.executable,
        "-m",
        "papermill",
        str(NOTEBOOKS / f"{stem}.ipynb"),
        str(out),
        "--cwd",
        str(NOTEBOOKS),
        "--log-level",
        "ERROR",
    ]
    if parameter:
        name, value = parameter.split(" = ")
        args += ["-y", json.dumps({name: json.loads(value)})]
    subprocess.run(args, check=True, capture_output=True)
    for cell in nbformat.read(out, as_version=4).cells:
        for output in cell.get("outputs", []):
            page = BeautifulSoup(output.get("data", {}).get("text/html", ""), "html.parser")
            for quote in page.find_all("blockquote"):
                if quote.strong and quote.strong.get_text(strip=True) == "Findings":
                    return _words(quote.get_text())
    raise AssertionError(f"{stem}: no Findings in the papermill run")


def _shoot(page: Any, name: str, selector: str | None = None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if selector:
        page.locator(selector).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"lab-{name}.png"))


def _check_run(state: dict[str, Any], stem: str) -> None:
    assert state["problems"] == [], (
        f"{stem}: error or stderr outputs (cell, text): {state['problems']}"
    )
    assert state["charts"] > 0 and state["drawn"] >= state["charts"], (
        f"{stem}: {state['drawn']} of {state['charts']} charts drawn"
    )
    raw = RAW_MYST.findall(state["rendered"])
    assert raw == [], f"{stem}: raw MyST syntax visible in JupyterLab: {raw[:5]}"
    assert not state["noRenderer"], f"{stem}: an output JupyterLab cannot show"


def _wait_drawn(page: Any) -> dict[str, Any]:
    for _ in range(100):
        state = page.evaluate(_STATE_JS)
        if state["drawn"] >= state["charts"]:
            return state
        page.wait_for_timeout(200)
    return state


@pytest.mark.parametrize("stem", sorted(EDITS))
def test_run_all_edit_a_parameter_run_all_again(
    stem: str, lab: tuple[str, Path], tab: Any, tmp_path: Path
) -> None:
    url, root = lab
    before, after = EDITS[stem]
    expected_default = _papermill_findings(stem, tmp_path, None)
    expected_edited = _papermill_findings(stem, tmp_path, after.strip())
    assert expected_default != expected_edited, f"{stem}: the edit changes nothing in the Findings"

    tab.goto(f"{url}/lab/tree/{stem}.ipynb?reset")
    tab.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=60_000
    )
    assert tab.evaluate(_READY_JS) == f"{stem}.ipynb"
    tab.wait_for_timeout(1500)
    assert tab.evaluate(_STATE_JS)["dirty"] is False, (
        f"{stem}: opening the notebook marked it modified"
    )

    tab.evaluate(_RUN_ALL_JS)
    state = _wait_drawn(tab)
    _shoot(tab, f"{stem}-run1-findings", ".jp-OutputArea-output blockquote")
    _check_run(state, stem)
    assert _words(state["findings"] or "") == expected_default
    # Saved after a run with the default parameters, the notebook is the reviewed one.
    tab.evaluate("async () => await window.jupyterapp.commands.execute('docmanager:save')")
    tab.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
    saved, stored = (
        (root / f"{stem}.ipynb").read_bytes(),
        (NOTEBOOKS / f"{stem}.ipynb").read_bytes(),
    )
    assert saved == stored, (
        f"{stem}: run with the defaults and saved, the notebook differs from the stored one"
    )

    assert tab.evaluate(_EDIT_JS, [before, after]), (
        f"{stem}: no line {before!r} in the parameters cell"
    )
    tab.evaluate(_RUN_ALL_JS)
    state = _wait_drawn(tab)
    _shoot(tab, f"{stem}-run2-findings", ".jp-OutputArea-output blockquote")
    _shoot(tab, f"{stem}-run2-chart", ".jp-OutputArea-output .vega-embed")
    _check_run(state, stem)
    assert _words(state["findings"] or "") == expected_edited


def test_a_notebook_downloaded_from_the_book_shows_prose_and_charts(
    built_book: Path, lab: tuple[str, Path], tab: Any
) -> None:
    """The ``.ipynb`` behind a page's download button, opened and not run."""
    url, root = lab
    stem = "germany_jupiter"
    shutil.copy(
        built_book / "_sources" / "notebooks" / f"{stem}.ipynb", root / f"downloaded_{stem}.ipynb"
    )
    figures = sum(
        c.source.count("{glue:figure}")
        for c in nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4).cells
    )
    tab.goto(f"{url}/lab/tree/downloaded_{stem}.ipynb?reset")
    tab.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=60_000
    )
    tab.evaluate(_READY_JS)
    tab.wait_for_timeout(1500)
    state = tab.evaluate(_STATE_JS)
    _shoot(tab, f"downloaded-{stem}-figure", ".jp-OutputArea-output figure")
    assert figures > 0 and state["images"] == figures, (
        f"{state['images']} of {figures} figures shown"
    )
    assert state["findings"] and re.search(r"\d", state["findings"])
    raw = RAW_MYST.findall(state["rendered"])
    assert raw == [] and not state["noRenderer"], (raw[:5], state["noRenderer"])
