"""Benchmarks: the time of a clean book build and of the test suite (with ``make test``'s one
worker per core, and with one more, and per test file), their peak memory, the scenario sweep
through the key-figures functions against executing the notebooks, one key-figures evaluation
per chapter, a chapter's sensitivity run, and the scenario tests alone.

Speed and memory are measured here, not asserted in timed tests. ``make bench`` runs this
and prints a table the README quotes; the raw figures go to ``_build/bench.json``.
"""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.paths import BUILD, ROOT


def _run(cmd: list[str], build_dir: Path | None = None) -> tuple[float, float, float]:
    """Run ``cmd`` from the repository root; return (wall seconds, peak RSS in MiB, CPU seconds
    of it and the processes it waited for).

    ``build_dir`` gives the run a build folder of its own (``COMPUTE_RACE_BUILD_DIR``): an
    empty one means no cached notebook and no sweep result, as on a fresh clone.
    """
    env = {**os.environ, "COMPUTE_RACE_BUILD_DIR": str(build_dir)} if build_dir else None
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        stderr = proc.stderr.read() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} exited with {code}: {stderr[-1000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def machine() -> str:
    cpus = os.cpu_count()
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {cpus} cores, {mem_gib:.0f} GiB, Python {platform.python_version()}"
    )


def test_workers() -> int:
    """The pytest-xdist workers ``make test`` starts by default: ``nproc``, one per core."""
    try:
        return int(subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return os.cpu_count() or 1


def sweep_speedup() -> dict[str, float]:
    """Wall time of the scenario sweep (every scenario × chapter) from an empty folder, each
    run of the command a fresh process (its imports and the chapters' inputs included):
    through the key-figures functions in one process, and by executing the notebooks with one
    and with two worker processes; the functions' speed-up over the notebooks'."""
    out: dict[str, float] = {}
    for label, extra in (
        ("sweep_functions_s", []),
        ("sweep_notebooks_1_worker_s", ["--notebooks", "--workers", "1"]),
        ("sweep_notebooks_2_workers_s", ["--notebooks", "--workers", "2"]),
    ):
        with tempfile.TemporaryDirectory(
            prefix="bench-sweep-", dir=BUILD if BUILD.exists() else None
        ) as tmp:
            seconds, _, _ = _run(
                [sys.executable, "-m", "helpers.build.sweep", *extra, "--out", tmp]
            )
        out[label] = round(seconds, 1)
    out["sweep_functions_speedup"] = round(
        out["sweep_notebooks_2_workers_s"] / max(out["sweep_functions_s"], 0.1), 1
    )
    return out


def key_figures_ms() -> dict[str, float]:
    """Milliseconds of one key-figures evaluation per chapter, its inputs loaded (the best of
    five runs of 50 calls, at the defaults and at a moved point, so memoised parts that depend
    on the inputs alone are warm but the parameters' arithmetic is done each time)."""
    import timeit

    from helpers.analysis import sensitivity
    from helpers.analysis.keyfigures import CHAPTERS, key_figures_of

    out: dict[str, float] = {}
    for stem in CHAPTERS:
        fs = sensitivity.factors(stem)
        moved = sensitivity.overrides(fs, [0.37] * len(fs))
        key_figures_of(stem, {})
        key_figures_of(stem, moved)

        def both(stem: str = stem, moved: dict[str, object] = moved) -> None:
            key_figures_of(stem, {})
            key_figures_of(stem, moved)

        best = min(timeit.repeat(both, number=25, repeat=5))
        out[f"key_figures_{stem}_ms"] = round(best / 50 * 1e3, 3)
    return out


def sensitivity_run(
    stem: str = "ai_factories", n: int = 1024, workers: int = 2
) -> dict[str, float]:
    """Wall time of one chapter's whole sensitivity run (``make sensitivity``'s command, a fresh
    process: Saltelli's sample of ``n``, Morris's, the indices) on ``workers`` processes, from
    an empty folder; and how many evaluations of the key figures it made."""
    with tempfile.TemporaryDirectory(
        prefix="bench-sensitivity-", dir=BUILD if BUILD.exists() else None
    ) as tmp:
        seconds, _, _ = _run(
            [
                sys.executable,
                "-m",
                "helpers.build.sensitivity",
                "--n",
                str(n),
                "--only",
                stem,
                "--workers",
                str(workers),
                "--quiet",
                "--out",
                tmp,
            ]
        )
        evaluations = json.loads((Path(tmp) / f"{stem}.json").read_text("utf-8"))["evaluations"]
    return {
        f"sensitivity_{stem}_evaluations": evaluations,
        f"sensitivity_{stem}_{workers}_workers_s": round(seconds, 1),
    }


def scenario_tests_s() -> dict[str, float]:
    """Wall time of the scenario and sweep tests alone (``tests/test_scenarios.py`` without the
    two that need the built book), one pytest process."""
    seconds, _, _ = _run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "0",
            "tests/test_scenarios.py",
            "-k",
            "not books_own and not functions_and_the_notebooks",
        ]
    )
    return {"scenario_tests_s": round(seconds, 1)}


def suite_by_group(junit: Path) -> dict[str, float]:
    """Seconds of the test suite per test file or notebook (the sum of its tests' times in
    pytest's JUnit XML report), the ten longest, and the rest together."""
    import xml.etree.ElementTree as ET

    totals: dict[str, float] = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = case.get("classname", "") or case.get("file", "")
        group = name.split(".")[1] if name.startswith("tests.") else name.split("::")[0]
        totals[group] = totals.get(group, 0.0) + float(case.get("time", 0))
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    out = {f"suite_group_{g}_s": round(t, 1) for g, t in ranked[:10]}
    out["suite_group_others_s"] = round(sum(t for _, t in ranked[10:]), 1)
    return out


def page_benchmark(book: Path) -> dict[str, float]:
    """For each chapter page of the built ``book``, served on 127.0.0.1 and opened in headless
    Chromium with an empty cache: the kB transferred (bodies and headers) besides the shared
    Vega bundle, the kB of the page's own HTML (the rest is the theme's shared assets), and
    the ms from navigation start until its first chart's SVG is drawn.

    Targets: at most 1,500 kB and 1,000 ms. Empty (with a note) without Debian's chromium.
    """
    import shutil
    from urllib.parse import urlsplit

    chromium = shutil.which("chromium")
    if chromium is None:
        print("page benchmark skipped: Debian's chromium is not installed", file=sys.stderr)
        return {}
    from playwright.sync_api import Request, sync_playwright

    from helpers.build.browser import CHROMIUM_FLAGS, serve
    from helpers.build.toc import notebooks_in_toc

    first_chart = """() => new Promise(resolve => {
      const done = () => document.querySelector('div.vega-embed svg.marks');
      if (done()) return resolve(performance.now());
      new MutationObserver((m, o) => { if (done()) { o.disconnect(); resolve(performance.now()); } })
        .observe(document.documentElement, {childList: true, subtree: true});
    })"""

    out: dict[str, float] = {}
    with serve(book) as url:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            for stem in notebooks_in_toc():
                page = browser.new_context().new_page()
                requests: list[Request] = []

                def record(request: Request, seen: list[Request] = requests) -> None:
                    seen.append(request)  # a plain function: Playwright cannot wrap a bound method

                page.on("requestfinished", record)
                page.goto(
                    f"{url}/notebooks/{stem}.html",
                    wait_until="commit",
                )
                drawn_ms = float(page.evaluate(first_chart))
                page.wait_for_load_state("networkidle")
                sizes = [
                    r.sizes()
                    for r in requests
                    if not urlsplit(r.url).path.endswith("/vega-bundle.js")
                ]
                total = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
                out[f"page_{stem}_kb"] = round(total / 1000)
                out[f"page_{stem}_html_kb"] = round(
                    (book / "notebooks" / f"{stem}.html").stat().st_size / 1000
                )
                out[f"page_{stem}_first_chart_ms"] = round(drawn_ms)
                page.context.close()
            browser.close()
    return out


def text_pipeline(min_bytes: int = 1_000_000) -> dict[str, float]:
    """Words per second and peak memory of the text pipeline on the five articles repeated to at
    least ``min_bytes`` of UTF-8 text (one core, one :func:`helpers.text.analyse` call, entities
    and quantities), and milliseconds per :func:`helpers.text.quantities_of` call on the
    articles' median paragraph of 30 words or more (the light API, best of five runs of 2000
    calls). The pipeline is built and warmed up first; the whole text is read three times and
    the fastest run counts; peak RSS is this process's."""
    import resource
    import timeit

    from helpers import text
    from helpers.inputs import seeds

    articles = "\n\n".join(seeds.article(a) for a in seeds.index().index)
    copies = -(-min_bytes // len(articles.encode("utf-8")))
    corpus = "\n\n".join([articles] * copies)
    text.analyse(articles)  # builds the pipeline and warms it up
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # best of three whole-text runs, as timeit advises: on a shared machine the slower runs
    # measure the neighbours, not the code
    seconds = math.inf
    for _ in range(3):
        start = time.perf_counter()
        found = text.analyse(corpus)
        seconds = min(seconds, time.perf_counter() - start)
    words = len(corpus.split())
    # the light API on one paragraph (the median of the articles' paragraphs of 30 words or more)
    paragraphs = sorted((p for p in articles.split("\n") if len(p.split()) >= 30), key=len)
    paragraph = paragraphs[len(paragraphs) // 2]
    calls = 2000
    light = min(timeit.repeat(lambda: text.quantities_of(paragraph), number=calls, repeat=5))
    return {
        "text_light_call_ms": round(light / calls * 1e3, 3),
        "text_light_paragraph_words": len(paragraph.split()),
        "text_bytes": len(corpus.encode("utf-8")),
        "text_words": words,
        "text_s": round(seconds, 2),
        "text_words_per_s": round(words / seconds),
        "text_quantities_found": len(found.quantities),
        "text_entities_found": len(found.entities),
        "text_pipeline_loaded_rss_mib": round(loaded),
        "text_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    results: dict[str, object] = {"machine": machine()}
    results.update(text_pipeline())
    with tempfile.TemporaryDirectory(prefix="bench-", dir=BUILD if BUILD.exists() else None) as tmp:
        target = Path(tmp) / "html"
        build = [sys.executable, "-m", "helpers.build", "--target", str(target)]
        seconds, rss, _ = _run(build, build_dir=Path(tmp) / "clean")
        if not (target / "index.html").exists():
            print("error: the benchmark build failed", file=sys.stderr)
            return 1
        results["clean_book_s"] = round(seconds, 1)
        results["clean_book_peak_rss_mib"] = round(rss)
        seconds, _, _ = _run(build, build_dir=Path(tmp) / "clean")  # nothing changed: nothing done
        results["unchanged_book_s"] = round(seconds, 1)
        results.update(page_benchmark(target))
        # The suite as CI runs it (`make test`, its workers in parallel): no cached notebook,
        # no sweep result. CPU seconds count what the pytest workers waited for (kernels,
        # builds, Chromium), so they show how much work the suite is, whatever the cores.
        workers = test_workers()
        junit = Path(tmp) / "junit.xml"
        os.environ["PYTEST_ADDOPTS"] = f"--junitxml={junit}"
        try:
            seconds, rss, cpu = _run(
                ["make", "--no-print-directory", "test", f"TEST_WORKERS={workers}"],
                build_dir=Path(tmp) / "tests",
            )
        finally:
            del os.environ["PYTEST_ADDOPTS"]
        results.update(suite_by_group(junit))
        # The Makefile's choice of one worker per core, measured against one more worker.
        more, _, _ = _run(
            ["make", "--no-print-directory", "test", f"TEST_WORKERS={workers + 1}"],
            build_dir=Path(tmp) / "tests-more",
        )
    results["test_workers"] = workers
    results["test_s"] = round(seconds, 1)
    results["test_cpu_s"] = round(cpu, 1)
    results["test_peak_rss_mib"] = round(rss)
    results[f"test_{workers + 1}_workers_s"] = round(more, 1)
    results.update(sweep_speedup())
    results.update(key_figures_ms())
    results.update(sensitivity_run())
    results.update(scenario_tests_s())
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
