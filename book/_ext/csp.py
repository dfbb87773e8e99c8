"""A Content-Security-Policy on every page: the book's own files only, no remote origin at all.

Sphinx writes the pages; when the build has finished, this extension reads each HTML file,
hashes the inline scripts and event-handler attributes that the theme and the charts put in
it, and writes a ``<meta http-equiv="Content-Security-Policy">`` first in its ``<head>`` (a
policy given by a ``<meta>`` applies to what comes after it), so each page allows exactly
its own inline scripts, and nothing that reached it any other way:

- ``script-src 'self'`` and the SHA-256 of the page's own inline ``<script>`` elements:
  all of those in its ``<head>`` (the theme's settings; no page content reaches the head),
  the theme's two in its body, and the charts' embedding code, which carries an HMAC of its
  text under the checkout's secret key (``helpers.page.render.sign_scripts``): a script
  that reached a page any other way, say a payload that escaping missed, is not hashed and
  does not run. The theme's ``onclick="toggleFullScreen()"`` by hash too, which CSP allows
  only with ``'unsafe-hashes'``: that keyword admits exactly those handler texts. No ``'unsafe-inline'``, and no ``'unsafe-eval'``: Vega
  compiles a chart's expressions with ``new Function`` unless told otherwise, so the charts
  are embedded with Vega-Embed's ``ast: true`` (:func:`helpers.page.render.book_html_renderer`),
  which evaluates them with the expression interpreter bundled in Vega-Embed instead.
- ``style-src 'self' 'unsafe-inline'``: the theme's and the tables' ``style="…"`` attributes
  and the ``<style>`` element Vega-Embed adds when it draws a chart are inline styles, the
  last made at run time, which no hash written at build time can cover. A style cannot run
  a script, and everything a style could load (images, fonts) is held to the book's own
  files by ``img-src`` and ``font-src``, so no style can send anything anywhere.
- ``img-src 'self' data:`` (the charts' static SVGs and the theme's icons are ``data:``
  URIs), ``font-src 'self'``, ``connect-src 'self'``; ``default-src 'none'`` for the rest;
  ``base-uri`` and ``form-action`` the book's own. A ``<meta>`` policy cannot carry
  ``frame-ancestors`` or a report address: a server that hosts the book may add those.

The browser test (``tests/test_browser.py``) records every ``securitypolicyviolation`` event
and fails on any, so a new inline script that is not hashed is caught.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import os
import re
from pathlib import Path
from typing import Any

from helpers.env import SCRIPT_KEY_VAR

#: The directives besides script-src, in the order they are written.
POLICY = {
    "default-src": "'none'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "media-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.S)
_HANDLER = re.compile(r"""\s(on[a-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
#: Script types a browser runs; any other (``text/x-thebe-config``, JSON) is data.
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
_SIGNATURE = re.compile(r'\bdata-signature="([0-9a-f]{64})"')
_BODY = re.compile(r"<body\b", re.I)
#: The inline scripts the theme writes in a page's body (whitespace aside), allowed as they
#: are; any other inline script in a body must carry a valid signature (the charts' do).
THEME_BODY_SCRIPTS = {
    "kernelName = 'python3'",
    '// Activate the search field on page load let searchInput = document.querySelector("form.bd-search input"); '
    'if (searchInput) { searchInput.focus(); searchInput.select(); console.log("[PST]: Set focus on search field."); }',
}
#: The event-handler attributes the theme writes (its full-screen and print buttons).
THEME_HANDLERS = {"toggleFullScreen()", "window.print()", "printPdf(this)"}


def _signed(attributes: str, body: str, key: str | None) -> bool:
    """Whether a script's ``data-signature`` is the HMAC of its text under ``key``."""
    found = _SIGNATURE.search(attributes)
    if not key or not found:
        return False
    expected = hmac.new(key.encode(), body.encode("utf-8"), "sha256").hexdigest()
    return hmac.compare_digest(found.group(1), expected)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(page: str, key: str | None = None) -> str:
    """The policy for ``page`` (its HTML): the fixed directives and a script-src that allows
    the book's own files and, by hash, the page's own inline scripts: every one in its
    ``<head>`` (the theme's template writes those, no page content reaches them); in its
    body, the theme's few (:data:`THEME_BODY_SCRIPTS`) and those signed with ``key`` (the
    charts'; default: :data:`helpers.env.SCRIPT_KEY_VAR`), and the theme's event handlers
    (:data:`THEME_HANDLERS`). Anything else that got into a page is not allowed to run."""
    key = key if key is not None else os.environ.get(SCRIPT_KEY_VAR)
    page = _META.sub("", page)
    body_at = _BODY.search(page)
    start_of_body = body_at.start() if body_at else 0
    hashes: dict[str, None] = {}
    for match in _SCRIPT.finditer(page):
        attributes, body = match.groups()
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(1).lower() not in _JS_TYPES):
            continue
        in_head = match.start() < start_of_body
        if (
            in_head
            or " ".join(body.split()) in THEME_BODY_SCRIPTS
            or _signed(attributes, body, key)
        ):
            hashes[_sha256(body)] = None
    handlers: dict[str, None] = {}
    for tag in _TAG.finditer(_SCRIPT.sub("", page)):
        for match in _HANDLER.finditer(tag.group()):
            value = html.unescape(next(v for v in match.groups()[1:] if v is not None))
            if value in THEME_HANDLERS:
                handlers[_sha256(value)] = None
    script = ["'self'"]
    if handlers:
        script.append("'unsafe-hashes'")
    script += [*hashes, *(h for h in handlers if h not in hashes)]
    directives = {"script-src": " ".join(script), **POLICY}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(page: str) -> str:
    """``page`` with its policy (:func:`policy`) as the first ``<meta>`` after its charset
    (or first in its ``<head>``), replacing any policy an earlier run wrote."""
    page = _META.sub("", page)
    content = html.escape(policy(page), quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">\n'
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:  # a page without a head (Jupyter Book's redirecting index.html)
        return meta + page
    return page[: anchor.end()] + "\n" + meta + page[anchor.end() :].lstrip("\n")


#: A chart script's signature as it is written in a page, and in a notebook's JSON.
_SIGNATURE_ATTRIBUTE = re.compile(r' data-signature=(?:"|\\")[0-9a-f]{64}(?:"|\\")')


def unsigned(text: str) -> str:
    """``text`` without the charts' ``data-signature`` attributes. They served only to tell
    the charts' scripts from any other when the policy was written; the policy allows those
    scripts by the hash of their text, which the attribute is not part of. Removing it keeps
    the published files free of the checkout's key, so two builds of one commit are the same
    byte for byte, whatever key each build folder made."""
    return _SIGNATURE_ATTRIBUTE.sub("", text)


def write_policies(outdir: Path) -> int:
    """Give every HTML page below ``outdir`` its policy, then drop the signatures from the
    pages and from the notebooks published for download; return how many pages."""
    count = 0
    for path in sorted(outdir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        path.write_text(unsigned(with_policy(text)), encoding="utf-8")
        count += 1
    for path in sorted(outdir.rglob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        if "data-signature" in text:
            path.write_text(unsigned(text), encoding="utf-8")
    return count


def _build_finished(app: Any, exception: BaseException | None) -> None:
    if exception is None and app.builder.format == "html":
        write_policies(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    # After sphinx-external-toc writes the redirecting index.html (at the default priority).
    app.connect("build-finished", _build_finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
