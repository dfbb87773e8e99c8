"""Trust in the build: offline, deterministic, incremental, and nothing the build must not
touch is touched. Two clean builds of one chapter serve all four checks."""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import formats
from helpers.build.digest import manifest
from helpers.env import BOOK_VAR
from helpers.page import paste, prose
from helpers.paths import DATA, ROOT, SEEDS

pytestmark = pytest.mark.slow


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return (
        subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0
    )


OFFLINE = _unshare_works()
#: Prints OFFLINE when no request can leave the machine, NETWORK when one can.
_PROBE = (
    "import urllib.request as u\n"
    "try:\n u.urlopen('https://pypi.org', timeout=5); print('NETWORK')\n"
    "except OSError: print('OFFLINE')"
)


@dataclass
class CleanBuild:
    build_dir: Path  # its own cache, staging folder and sweep: nothing shared with another build
    html: Path
    stdout: str


@pytest.fixture(scope="module")
def clean_builds(
    tmp_path_factory: pytest.TempPathFactory, data_folder: Path
) -> tuple[CleanBuild, CleanBuild]:
    """Two clean builds of the JUPITER chapter, each with an empty cache of its own, run side
    by side (one per core); the first with the network switched off when ``unshare -n`` is
    permitted. seeds/ and data/ must be byte for byte as they were before."""
    before = _sources()
    builds, procs = [], []
    for run in ("first", "second"):
        folder = tmp_path_factory.mktemp(run)
        html = folder / "html"
        cmd = [
            sys.executable,
            "-m",
            "helpers.build",
            "--only",
            "germany_jupiter",
            "--target",
            str(html),
        ]
        if run == "first" and OFFLINE:
            script = f"ip link set lo up 2>/dev/null; {sys.executable} -c {shlex.quote(_PROBE)} && {shlex.join(cmd)}"
            cmd = ["unshare", "-n", "sh", "-c", script]
        env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(folder)}
        procs.append(
            subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
        builds.append((folder, html))
    outputs = [proc.communicate() for proc in procs]
    for proc, (_, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, stderr[-2000:]
    assert _sources() == before, "the build wrote inside seeds/ or data/"
    first, second = (
        CleanBuild(folder, html, stdout)
        for (folder, html), (stdout, _) in zip(builds, outputs, strict=True)
    )
    return first, second


def _sources() -> dict[str, str]:
    return manifest(SEEDS) | {f"data/{k}": v for k, v in manifest(DATA).items()}


@pytest.mark.skipif(not OFFLINE, reason="unshare -n is not permitted here (needs root)")
def test_the_book_builds_with_the_network_switched_off(
    clean_builds: tuple[CleanBuild, CleanBuild],
) -> None:
    offline, _ = clean_builds
    assert offline.stdout.splitlines()[0] == "OFFLINE", offline.stdout
    assert (
        "executed notebooks/germany_jupiter.ipynb" in offline.stdout
    )  # executed, not taken from a cache
    assert (offline.html / "notebooks" / "germany_jupiter.html").is_file()


def test_two_clean_builds_are_identical(clean_builds: tuple[CleanBuild, CleanBuild]) -> None:
    first, second = (manifest(b.html) for b in clean_builds)
    assert "notebooks/germany_jupiter.html" in first
    assert first.keys() == second.keys()
    differing = sorted(k for k in first if first[k] != second[k])
    assert differing == [], f"files that differ between two builds: {differing[:10]}"


def _build_cli(build_dir: Path, *args: str) -> str:
    env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(build_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "helpers.build", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_an_unchanged_book_is_not_rebuilt_and_an_executed_notebook_is_reused(
    clean_builds: tuple[CleanBuild, CleanBuild], tmp_path: Path
) -> None:
    _, done = clean_builds
    assert "executed notebooks/germany_jupiter.ipynb" in done.stdout
    digest = (done.html / ".build-digest").read_text()
    again = _build_cli(done.build_dir, "--only", "germany_jupiter", "--target", str(done.html))
    assert "is up to date" in again and "executed" not in again  # nothing executed or rendered
    assert (done.html / ".build-digest").read_text() == digest
    # Into a new folder, the book must be rendered again, but the notebook comes from the cache.
    other = _build_cli(
        done.build_dir, "--only", "germany_jupiter", "--target", str(tmp_path / "html")
    )
    assert "reused notebooks/germany_jupiter.ipynb" in other and "built" in other
    assert "executed" not in other


@pytest.mark.parametrize("in_book", [False, True], ids=["lab", "book"])
def test_markup_in_an_article_is_shown_escaped(monkeypatch, in_book: bool) -> None:
    """A pasted string is text: the prose renders it character for character, with no
    element from it; a link is markup only when the book's code builds it
    (:func:`helpers.formats.link`). What the book glues for other pages is the same text."""
    glued: dict[str, str] = {}
    monkeypatch.setattr(
        paste, "glue", lambda name, obj, display=False: glued.__setitem__(name, obj.data)
    )
    monkeypatch.setenv(BOOK_VAR, "1" if in_book else "0")

    def shown(rendered: str) -> str:  # the text a reader sees
        return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()

    quote = 'El <script>alert("x")</script> & <b>JUPITER</b>'
    paste.paste("quote", quote)
    rendered = prose.to_html(prose.fill("> {{ quote }}"))
    assert "<script" not in rendered and "<b>" not in rendered
    assert shown(rendered) == quote
    # (A link the book's code made stays a link also inside a longer string: its citations
    # are joined that way. So the plain string links elsewhere.)
    cite = "[FZJ](https://example.invalid/fzj), 2022-06-15"
    paste.paste("cite", cite)
    rendered = prose.to_html(prose.fill("{{ cite }}"))
    assert "<a " not in rendered and shown(rendered) == cite
    made = formats.markup("{}, {}", formats.link("FZJ", "https://www.fz-juelich.de/"), "2022-06-15")
    paste.paste("link", made)
    rendered = prose.to_html(prose.fill("{{ link }}"))
    assert '<a href="https://www.fz-juelich.de/"' in rendered
    assert shown(rendered) == "FZJ, 2022-06-15"
    expected = {k: prose.VALUES[k] for k in ("quote", "cite", "link")}
    assert glued == (expected if in_book else {})
