"""A Sphinx extension that keeps the book's pages free of network requests.

Jupyter Book always loads sphinx-thebe, which writes its configuration script (with an
unpkg.com URL) into every page, twice on some pages, so the browser logs "Identifier
'THEBE_JS_URL' has already been declared". The book does not use Thebe (launch buttons
open JupyterLab instead), so its scripts are removed from every page.
"""

from __future__ import annotations

from typing import Any


def _drop_thebe(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    scripts = context.get("script_files")
    if scripts is None:
        return
    kept = [
        js for js in scripts
        if "thebe" not in str(getattr(js, "filename", "") or "")
        and "THEBE_JS_URL" not in str(getattr(js, "attributes", {}).get("body", ""))
    ]
    scripts[:] = kept


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
