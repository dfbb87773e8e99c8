"""Trust in the build: offline, deterministic, and nothing the build must not touch is touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import book, build
from helpers.paths import DATA, ROOT, SEEDS

pytestmark = pytest.mark.slow


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="unshare -n is not permitted here (needs root)")
def test_the_book_builds_with_the_network_switched_off(tmp_path: Path, data_folder: Path) -> None:
    target = tmp_path / "html"
    script = (
        "ip link set lo up 2>/dev/null; "
        f"{sys.executable} -c \"import urllib.request as u\n"
        "try:\n u.urlopen('https://pypi.org', timeout=5); print('NETWORK')\n"
        "except OSError: print('OFFLINE')\" && "
        f"{sys.executable} -m helpers.build --only germany_jupiter --target {target}"
    )
    result = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True,
                            cwd=ROOT)
    assert "OFFLINE" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert (target / "notebooks" / "germany_jupiter.html").is_file()


def test_two_clean_builds_are_identical_and_leave_sources_untouched(
        tmp_path: Path, data_folder: Path) -> None:
    before = build.manifest(SEEDS) | {f"data/{k}": v for k, v in build.manifest(DATA).items()}
    targets = []
    for run in ("first", "second"):
        target = tmp_path / run / "html"
        env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(tmp_path / run)}  # a fresh cache
        result = subprocess.run([sys.executable, "-m", "helpers.build", "--only", "germany_jupiter",
                                 "--target", str(target)], capture_output=True, text=True, cwd=ROOT,
                                env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        targets.append(target)
    first, second = (build.manifest(t) for t in targets)
    assert first.keys() == second.keys()
    differing = sorted(k for k in first if first[k] != second[k])
    assert differing == [], f"files that differ between two builds: {differing[:10]}"
    after = build.manifest(SEEDS) | {f"data/{k}": v for k, v in build.manifest(DATA).items()}
    assert after == before, "the build wrote inside seeds/ or data/"


def test_markup_in_an_article_is_shown_escaped(monkeypatch) -> None:
    glued: dict[str, str] = {}
    monkeypatch.setattr(book, "glue", lambda name, obj, display=False: glued.__setitem__(name, obj.data))
    book.paste("quote", 'El <script>alert("x")</script> & <b>JUPITER</b>')
    assert glued["quote"] == 'El &lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;JUPITER&lt;/b&gt;'
    book.paste("cite", "[FZJ](https://www.fz-juelich.de/), 2022-06-15")
    assert glued["cite"] == "[FZJ](https://www.fz-juelich.de/), 2022-06-15"
