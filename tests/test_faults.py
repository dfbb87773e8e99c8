"""A build can be killed or raced and the book survives.

A small book (the narrative pages and one chapter, ``--only germany_jupiter``) is built once
into a temporary build folder. Then ``python -m helpers.build`` is SIGKILLed, with its whole
process group, at each stage of a rebuild: while executing, before rendering, and in the
middle of the swap (the new book moved beside the old one, the link not yet flipped). The
build pauses at the named stage when ``COMPUTE_RACE_PAUSE_AT`` says so and writes a marker
file, so each kill lands exactly there. After each kill ``_build/html`` is still the complete
good book; a rerun succeeds and leaves no staging folder behind. Two builds started at once
end with one good book, both succeeding.

A rebuild is forced by removing the book's build stamp; the executed notebook is cached, so
each rebuild costs a render, not an execution.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.build.book import PAUSE_STAGES, PAUSE_VAR
from helpers.paths import ROOT

pytestmark = pytest.mark.slow

CHAPTER = "germany_jupiter"
#: The files a complete book of this build has (a few of each kind).
COMPLETE = (
    "index.html",
    "book/intro.html",
    "book/data_sources.html",
    f"notebooks/{CHAPTER}.html",
    "_static/vega/vega-bundle.js",
    "searchindex.js",
)


def _start(build: Path, pause: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(build)}
    env.pop(PAUSE_VAR, None)
    if pause:
        env[PAUSE_VAR] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "helpers.build", "--only", CHAPTER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill takes its children too
    )


def _finish(process: subprocess.Popen[str], timeout: float = 900) -> tuple[int, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out + err


def _assert_complete(build: Path) -> Path:
    """``build/html`` is a link to a folder holding a whole book; return that folder."""
    html = build / "html"
    assert html.is_symlink(), f"{html} is not the published link"
    folder = html.resolve()
    missing = [name for name in COMPLETE if not (folder / name).is_file()]
    assert missing == [], f"{folder}: the book lacks {missing}"
    page = (folder / f"notebooks/{CHAPTER}.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")
    return folder


def _force_rebuild(build: Path) -> None:
    (build / "html" / ".build-digest").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not os.environ.get("COMPUTE_RACE_DATA"):
        pytest.skip("COMPUTE_RACE_DATA is not set: run through `make test`")
    build = tmp_path_factory.mktemp("faults")
    code, output = _finish(_start(build))
    assert code == 0, output[-3000:]
    _assert_complete(build)
    return build


@pytest.mark.parametrize("stage", PAUSE_STAGES)
def test_a_build_killed_at_a_stage_leaves_the_good_book(build_dir: Path, stage: str) -> None:
    good = _assert_complete(build_dir)
    good_page = (good / f"notebooks/{CHAPTER}.html").read_bytes()
    _force_rebuild(build_dir)
    marker = build_dir / f".paused-at-{stage}"
    marker.unlink(missing_ok=True)
    process = _start(build_dir, pause=stage)
    deadline = time.monotonic() + 600
    while not marker.is_file():
        assert process.poll() is None, f"the build ended before {stage}: {_finish(process)[1]}"
        assert time.monotonic() < deadline, f"the build never reached {stage}"
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    code, _ = _finish(process, timeout=60)
    assert code == -signal.SIGKILL
    marker.unlink()
    # The published book is the good one, whole; nothing of the killed build is in it.
    assert _assert_complete(build_dir) == good
    assert (good / f"notebooks/{CHAPTER}.html").read_bytes() == good_page
    # A rerun succeeds, publishes a whole book, and removes what the killed build left.
    code, output = _finish(_start(build_dir))
    assert code == 0, output[-3000:]
    assert f"built {build_dir / 'html'}" in output
    new = _assert_complete(build_dir)
    assert (new / ".build-digest").is_file()
    assert list(build_dir.glob(".stage-*")) == []
    versions = [p for p in build_dir.glob(".html.*") if p.is_dir() and not p.is_symlink()]
    assert versions == [new], versions


def test_two_builds_at_once_end_with_one_good_book(build_dir: Path) -> None:
    _force_rebuild(build_dir)
    first, second = _start(build_dir), _start(build_dir)
    results = [_finish(first), _finish(second)]
    assert [code for code, _ in results] == [0, 0], [out[-2000:] for _, out in results]
    outputs = " ".join(out for _, out in results)
    assert "another build is running in this checkout" in outputs  # one waited for the other
    assert outputs.count(f"built {build_dir / 'html'}") == 1  # and then found it up to date
    assert "is up to date" in outputs
    folder = _assert_complete(build_dir)
    assert (folder / ".build-digest").is_file()
    assert list(build_dir.glob(".stage-*")) == []
