"""Benchmarks: the time of a clean book build and of the test suite, and their peak memory.

Speed and memory are measured here, not asserted in timed tests. ``make bench`` runs this
and prints a table the README quotes; the raw figures go to ``_build/bench.json``.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.paths import BUILD, ROOT


def _run(cmd: list[str]) -> tuple[float, float]:
    """Run ``cmd`` from the repository root; return (wall seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        stderr = proc.stderr.read() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} exited with {code}: {stderr[-1000:]}")
    return elapsed, usage.ru_maxrss / 1024


def machine() -> str:
    cpus = os.cpu_count()
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {cpus} cores, {mem_gib:.0f} GiB, Python {platform.python_version()}"


def main() -> int:
    results: dict[str, object] = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="bench-", dir=BUILD if BUILD.exists() else None) as tmp:
        target = Path(tmp) / "html"
        seconds, rss = _run([sys.executable, "-m", "helpers.build", "--target", str(target)])
        if not (target / "index.html").exists():
            print("error: the benchmark build failed", file=sys.stderr)
            return 1
        results["clean_book_s"] = round(seconds, 1)
        results["clean_book_peak_rss_mib"] = round(rss)
    seconds, rss = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"])
    results["test_s"] = round(seconds, 1)
    results["test_peak_rss_mib"] = round(rss)
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"machine: {results['machine']}")
    print(f"{'measure':<34}{'value':>10}")
    for key, value in results.items():
        if key != "machine":
            print(f"{key:<34}{value:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
