"""No input can inject into a page: text from ``seeds/``, ``data/``, the datasets or a
parameter is shown as literal text wherever it lands.

The first tests check each mechanism on its own (escaping for Markdown and MyST, trusted
citations, the protection of a notebook's own Markdown, the claims table, CSV cells, the
Content-Security-Policy). The last one is the corpus: payloads (script tags, event handlers,
``javascript:`` links, Markdown links and images to example.invalid, MyST roles and
directives, raw HTML blocks, Jinja and Sphinx substitutions, HTML entities, bidi-override and
zero-width characters) planted in every free-text column of every curated table, in the seed
index's titles and in a sentence the book quotes, in a copy of the repository; the book is
built from that copy, offline, and opened in Chromium: no dialog, no request leaving
localhost, no CSP violation, and every payload shown literally wherever its field is shown.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import pytest
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser as MystParser

from helpers import formats
from helpers.build.browser import serve
from helpers.inputs import claims as claims_module
from helpers.inputs.facts import Fact
from helpers.page import paste as paste_module
from helpers.page import prose, render
from helpers.paths import BOOK, ROOT

sys.path.insert(0, str(BOOK / "_ext"))
import csp

#: One of each kind of markup a field could smuggle in (no digit, so that no planted text
#: adds a number to an article or a table; no sentence end, so a quoted sentence stays one).
KINDS = (
    "<script>alert(document.domain)</script>",
    "<img src=x onerror=alert(document.cookie)>",
    "[click](javascript:alert(document.domain))",
    "[site](https://example.invalid/x)",
    "![px](https://example.invalid/p.png)",
    "<https://example.invalid/auto>",
    "www.example.invalid",
    "{eval}`alert`",
    "{glue}`some_key`",
    "{{ jinja_name }}",
    "|sphinx_subst|",
    "&lt;b&gt; &amp; &#x3C;i&#x3E;",
    "__bold__ *em* `code`",
    "<b onmouseover=alert(document.domain)>hover</b>",
    "'single' \"double\" a--b",
    "\u202eevil\u202c and zero\u200bwidth",
)
#: Block-level payloads, each on lines of its own (a raw HTML block, a directive).
BLOCKS = (
    "\n<div onclick=alert(document.domain)>raw block</div>\n",
    "\n:::{danger}\ndirective\n:::\n",
)


def payload(marker: str, blocks: bool = True) -> str:
    """The corpus payload, tagged with ``marker`` at both ends (letters only)."""
    return f"{marker} " + " ".join(KINDS) + ("".join(BLOCKS) if blocks else "") + f" {marker}Z"


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- Escaping for Markdown, MyST and HTML ---------------------------------------------------


def _myst_text(markdown: str) -> tuple[str, list[str]]:
    """What MyST (the book's parser, with the book's extensions) makes of ``markdown``: the
    document's text, and the kinds of node that are not plain text."""
    doctree = publish_doctree(
        markdown,
        parser=MystParser(),
        settings_overrides={
            "myst_enable_extensions": ["colon_fence", "deflist", "substitution", "linkify"],
            "report_level": 5,
        },
    )
    allowed = {"document", "paragraph", "#text", "system_message"}
    kinds = sorted({n.tagname for n in doctree.findall() if n.tagname not in allowed})
    return doctree.astext(), kinds


@pytest.mark.parametrize("kind", [*KINDS, *BLOCKS])
def test_escaped_text_is_literal_in_myst(kind: str) -> None:
    text, kinds = _myst_text("Before " + formats.escape_markdown(kind) + " after")
    assert kinds == []  # no link, image, raw HTML, role, directive, substitution
    assert _flat(text) == _flat(f"Before {kind} after")


@pytest.mark.parametrize("kind", [*KINDS, *BLOCKS])
def test_escaped_text_is_literal_in_the_html_for_jupyterlab(kind: str) -> None:
    out = prose.to_html("Before " + formats.escape_markdown(kind) + " after")
    body = re.search(r"<p>(.*)</p>", out, re.S)
    assert body is not None
    assert "<" not in body.group(1)  # no element at all inside the paragraph
    assert _flat(html.unescape(body.group(1))) == _flat(f"Before {kind} after")


def test_a_pasted_string_is_text_and_a_citation_stays_a_link() -> None:
    prose.VALUES.clear()
    fact = Fact(
        "x", 1.0, None, None, "count", "s", "q", "<b>Title</b> [x](y)",
        "https://example.org/a_(b)", "2025-01-01", "n",
    )  # fmt: skip
    citation = fact.citation
    assert citation == (
        "[\\<b\\>Title\\</b\\> \\[x\\](y)](https://example.org/a%5F%28b%29), 2025-01-01"
    )
    paste_module.paste("quote", "«<img src=x onerror=alert(1)> __x__»")
    paste_module.paste("both", f"{citation}; and <i>more</i>")
    assert prose.VALUES["quote"] == "«\\<img src=x onerror=alert(1)\\> \\_\\_x\\_\\_»"
    assert prose.VALUES["both"] == f"{citation}; and \\<i\\>more\\</i\\>"
    rendered = prose.to_html(prose.fill("{{ both }}"))
    assert (
        '<a href="https://example.org/a%5F%28b%29">&lt;b&gt;Title&lt;/b&gt; [x](y)</a>' in rendered
    )
    assert "&lt;i&gt;more&lt;/i&gt;" in rendered


def test_a_link_needs_an_http_url() -> None:
    with pytest.raises(ValueError, match="not an http"):
        formats.link("x", "javascript:alert(1)")


def test_input_text_in_a_notebooks_own_markdown_is_escaped() -> None:
    planted = "Subject <img src=x onerror=alert(1)> [a](https://example.invalid)"
    formats.untrusted(planted)
    shown = formats.protect_untrusted(f"- **{planted}**, see [the source](https://example.org)")
    assert shown == (
        f"- **{formats.escape_markdown(planted)}**, see [the source](https://example.org)"
    )
    _, kinds = _myst_text(shown)
    assert "image" not in kinds and "raw" not in kinds
    assert [k for k in kinds if k == "reference"] == ["reference"]  # only the notebook's link


def test_markdown_cells_and_the_claims_table_show_text() -> None:
    bad = "«x» | <script>alert(1)</script> *y*"
    row = {c: "x" for c in claims_module.CLAIMS_SCHEMA.columns}
    row.update(
        quote=bad, gloss=bad, explanation=bad, verdict="wrong", factor=2.0,
        source_url="https://example.org/a", source_date="2025-01-01",
    )  # fmt: skip
    table = claims_module.markdown_table(pd.DataFrame([row]))
    assert "<script>" not in table and "\\<script\\>" in table
    assert table.count("\\|") == 3  # each cell's bar is text, not a column
    assert "[source](https://example.org/a)" in table
    doctree = publish_doctree(table, parser=MystParser(), settings_overrides={"report_level": 5})
    assert {n.astext() for n in doctree.findall() if n.tagname == "raw"} == {"<br>"}
    assert "««x» | <script>alert(1)</script> *y*»" in doctree.astext()


def test_a_parameter_value_in_the_banner_is_a_code_span() -> None:
    assert formats.code("a`b") == "``a`b``"
    assert formats.code("`x`") == "`` `x` ``"


# --- CSV downloads --------------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    cells = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "-5", "-1.5e-3"]
    text = render.csv_text(["-header", "n"], [[c, "1"] for c in cells])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["'-header", "n"]
    got = [r[0] for r in rows[1:]]
    assert got == [
        "'=HYPERLINK(\"http://x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "-5", "-1.5e-3",
    ]  # fmt: skip


# --- The Content-Security-Policy ------------------------------------------------------------


def _script_src(page: str) -> list[str]:
    out = csp.with_policy(page)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out)
    assert meta is not None
    directive = next(
        d for d in html.unescape(meta.group(1)).split("; ") if d.startswith("script-src")
    )
    return directive.split()[1:]


def _hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_the_policy_allows_the_pages_own_inline_scripts_by_hash_and_nothing_remote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMPUTE_RACE_SCRIPT_KEY", "k" * 64)
    signed = render.sign_scripts("<script>draw()</script>")
    page = (
        '<html><head><meta charset="utf-8">\n<script>var a = 1;</script>'
        '<script src="_static/x.js"></script><script type="text/x-thebe-config">{}</script>'
        '</head><body><button onclick="toggleFullScreen()">p</button>'
        f'{signed}<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<script data-signature="' + "0" * 64 + '">steal()</script></body></html>'
    )
    assert 'data-signature="' in signed
    out = csp.with_policy(page)
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert _script_src(page) == [
        "'self'",
        "'unsafe-hashes'",
        _hash("var a = 1;"),  # in the head: the theme's
        _hash("draw()"),  # signed with the build's key: a chart's
        _hash("toggleFullScreen()"),  # the theme's button
    ]  # not alert(1), alert(2) nor steal(): they reached the body some other way
    policy = html.unescape(re.search(r'content="([^"]+)"', out).group(1))  # type: ignore[union-attr]
    assert "default-src 'none'" in policy and "img-src 'self' data:" in policy
    assert "http" not in policy and "unsafe-inline" not in _script_src(page)
    assert "unsafe-eval" not in policy
    assert csp.with_policy(out) == out  # a second run replaces the policy, not adds one


def test_a_data_string_cannot_end_a_charts_script() -> None:
    import altair as alt

    data = pd.DataFrame({"a": [1], "t": ["</script><script>alert(1)</script><!--"]})
    chart = alt.Chart(data).mark_point().encode(x="a:Q", tooltip="t:N")
    out = render.book_html_renderer(chart.to_dict())["text/html"]
    assert out.count("</script>") == 2  # the chart's own script and its label fixer
    assert "<\\/script><script>alert(1)<\\/script><\\!--" in out


# --- The corpus: plant, build, open ---------------------------------------------------------

#: The free-text columns of each curated table, planted in the first row of each file.
PLANTED_COLUMNS = {
    "facts": ["subject", "quantity", "source_title", "note"],
    "events": ["title", "description", "source_title"],
    "claims": ["gloss", "explanation"],
    "ai_factories.csv": ["note"],
    "sources.csv": ["note"],
    "ledger_exclusions.csv": ["reason"],
    "lexicon.csv": ["note"],
}
#: The sentence of an article the book quotes (the claims chapter), and where in it the
#: payload goes: between two quoted phrases, so every claim's quote still occurs verbatim.
ARTICLE = ("000", "anunció una inversión", " de más de 500 millones")
#: The chapters the corpus build renders (with the narrative pages and the appendix): the
#: claims show the seed titles, the quoted sentences, every chapter's claims and their facts;
#: the EU chapter the events, in a timeline chart's labels, tooltips and data table.
CHAPTERS = ("claims", "eu_access")


def _marker(name: str) -> str:
    letters = re.sub(r"[^A-Za-z]", "", name.title())
    return f"INJ{letters}"


def _plant_table(path: Path, columns: list[str], planted: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    for column in columns:
        if column in header:
            marker = _marker(f"{path.stem}{column}")
            value = payload(marker)
            rows[0][column] = f"{rows[0][column]} {value}".strip()
            planted[marker] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def plant(repo: Path) -> dict[str, str]:
    """Plant the payloads in the copy ``repo``; return marker -> payload."""
    planted: dict[str, str] = {}
    data = repo / "data"
    for name, columns in PLANTED_COLUMNS.items():
        paths = sorted((data / name).glob("*.csv")) if (data / name).is_dir() else [data / name]
        for path in paths:
            _plant_table(path, columns, planted)
    # The seed index: every title. The article: a payload inside a quoted sentence, and the
    # index's sha256 of it recomputed, as a person would record a new copy of the article.
    index = repo / "seeds" / "index.csv"
    with index.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    article_id, after, before = ARTICLE
    for row in rows:
        marker = _marker("title" + "".join(chr(ord("a") + int(d)) for d in row["id"]))
        planted[marker] = payload(marker, blocks=False)
        row["title"] = f"{row['title']} {planted[marker]}"
        if row["id"] == article_id:
            path = repo / "seeds" / row["file"]
            text = path.read_text(encoding="utf-8")
            assert text.count(after + before) == 1
            quoted = payload("INJArticle", blocks=False)
            planted["INJArticle"] = quoted
            text = text.replace(after + before, f"{after} {quoted}{before}")
            path.write_text(text, encoding="utf-8")
            row["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    with index.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return planted


def _copy_repository(target: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".venv", "_build", ".git", "__pycache__", ".*_cache", "*.egg-info", ".ipynb_checkpoints"
    )
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    return target


@pytest.fixture(scope="module")
def planted_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    data = os.environ.get("COMPUTE_RACE_DATA")
    if not data:
        pytest.skip("COMPUTE_RACE_DATA is not set: run through `make test`")
    base = tmp_path_factory.mktemp("injection")
    repo = _copy_repository(base / "repo")
    planted = plant(repo)
    html_dir = base / "html"
    env = {
        **os.environ,
        "COMPUTE_RACE_DATA": data,
        "COMPUTE_RACE_BUILD_DIR": str(base / "build"),
        "PYTHONPATH": os.pathsep.join([str(repo / "src"), os.environ.get("PYTHONPATH", "")]),
        # No network: any attempt to download fails at once rather than reaching out.
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "no_proxy": "127.0.0.1,localhost",
    }
    result = subprocess.run(
        [sys.executable, "-m", "helpers.build", "--only", *CHAPTERS, "--target", str(html_dir)],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, f"the planted book did not build:\n{result.stderr[-3000:]}"
    return html_dir, planted


@pytest.fixture(scope="module")
def planted_server(planted_book: tuple[Path, dict[str, str]]) -> Iterator[str]:
    with serve(planted_book[0]) as url:
        yield url


#: Where each planted field must be visible (page -> markers), besides "wherever it shows".
MUST_SHOW = {
    "book/data_sources.html": [
        _marker("germany_jupitersubject"),
        _marker("germany_jupiterquantity"),
        _marker("germany_jupitersource_title"),
        _marker("eu_accesstitle"),
    ],
    "notebooks/claims.html": ["INJArticle", _marker("titleaaa")],
    "notebooks/eu_access.html": [_marker("eu_accesstitle")],
}

_SHOWN_JS = """() => (document.querySelectorAll('details').forEach(d => { d.open = true; }),
  document.body.innerText)"""
_FOUND_JS = """() => ({
  bad: Array.from(document.querySelectorAll(
    'img[src="x"], img[src*="example.invalid"], a[href^="javascript:"], a[href*="example.invalid"],' +
    ' [onerror], [onmouseover], [onclick*="document.domain"], script:not([src])'
  )).filter(el => el.tagName !== 'SCRIPT' || el.textContent.trim().startsWith('alert('))
    .map(el => el.outerHTML.slice(0, 120)),
  csp: window.__csp || [],
})"""


@pytest.mark.slow
@pytest.mark.browser
def test_no_planted_payload_becomes_markup(
    planted_book: tuple[Path, dict[str, str]], planted_server: str, chromium: Any
) -> None:
    html_dir, planted = planted_book
    pages = sorted(
        str(p.relative_to(html_dir))
        for p in html_dir.rglob("*.html")
        if "_static" not in p.parts and p.name not in {"genindex.html", "search.html"}
    )
    problems: list[str] = []
    seen: dict[str, list[str]] = {}
    context = chromium.new_context()
    try:
        for page in pages:
            tab = context.new_page()
            dialogs: list[str] = []
            outside: list[str] = []

            def guard(route: Any, outside: list[str] = outside) -> None:
                url = route.request.url
                if urlparse(url).hostname in {"127.0.0.1", "localhost"} or url.startswith("data:"):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            tab.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
            tab.route("**/*", guard)
            tab.add_init_script(
                "window.__csp = []; document.addEventListener('securitypolicyviolation', "
                "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
            )
            tab.goto(f"{planted_server}/{page}", wait_until="networkidle")
            # What the page shows is read as loaded, before any event: a click on a theme's
            # element (a sidebar toggle, the search overlay) may hide text for a while.
            text = _flat(tab.evaluate(_SHOWN_JS))
            # Hover and click every element a payload could have made, to fire any handler.
            tab.evaluate(
                "() => document.querySelectorAll('b, div, img').forEach(el => "
                "['mouseover', 'click'].forEach(t => el.dispatchEvent(new MouseEvent(t))))"
            )
            found = tab.evaluate(_FOUND_JS)
            tab.close()
            for marker, value in planted.items():
                if f"{marker} " in text or f"{marker}Z" in text:
                    seen.setdefault(marker, []).append(page)
                    if _flat(value) not in text:
                        problems.append(f"{page}: {marker} is not shown literally")
            problems += [f"{page}: dialog {m!r}" for m in dialogs]
            problems += [f"{page}: request left localhost: {u}" for u in outside]
            problems += [f"{page}: CSP violation: {v}" for v in found["csp"]]
            problems += [f"{page}: element made from a payload: {b}" for b in found["bad"]]
    finally:
        context.close()
    for page, markers in MUST_SHOW.items():
        problems += [f"{page}: {m} is not shown" for m in markers if page not in seen.get(m, [])]
    assert len(seen) >= 10, f"too few planted fields are shown anywhere: {sorted(seen)}"
    assert problems == [], "\n".join(problems[:40])


def test_charts_are_embedded_without_eval() -> None:
    """The policy allows no eval: Vega-Embed must interpret the charts' expressions itself."""
    import altair as alt

    chart = alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_point().encode(x="a:Q")
    out = render.book_html_renderer(chart.to_dict())["text/html"]
    assert '"ast": true' in out
