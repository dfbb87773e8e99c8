"""The chapters' prose, written once and shown with this run's numbers wherever it is opened.

A chapter's text lives in code cells that start with the ``%%prose`` cell magic (their input
is hidden in the book and collapsed in JupyterLab). The body is MyST Markdown in which
``{{ name }}`` stands for a value the notebook computed and pasted with
:func:`helpers.page.paste.paste`. Running the cell fills in this run's values and shows the text:

- **In the book build** (``COMPUTE_RACE_BOOK=1``) as one output with two forms: the MyST
  text, which MyST-NB renders with figures, citations and cross-references (the book prefers
  ``text/markdown``, see ``_config.yml``), and the same text as plain HTML, which JupyterLab,
  GitHub and nbconvert show for a notebook downloaded from a page (figures as static SVG).
- **Anywhere else** (JupyterLab, papermill, nbval, the stored outputs) as plain HTML, with
  each ``{glue:figure}`` replaced by the chart itself (interactive, with its SVG) and its
  caption: no MyST syntax is left for a reader to see.

Why not MyST's ``{eval}`` inline expressions: JupyterLab needs the jupyterlab-myst extension
for them, and MyST-NB 1.x evaluates them only when it executes the notebook itself, which a
papermill-parameterised book does not let it do (README, "How the prose gets its numbers").

A prose cell may come before the cells that compute its values (a chapter's Findings open
it): it then shows a short "completed below" note and is redrawn in place, through IPython's
display updates, as soon as the last of its values is pasted. :func:`check_complete` (called
by the key-figures cell) fails if any text still waits for a value.

Every value is text that the notebook formatted; nothing in a template is evaluated. A value
is substituted once, so a value that itself contains ``{{ … }}`` stays literal. A pasted
string is escaped for Markdown (:func:`helpers.formats.escape_untrusted`): text from the
articles, the tables or a parameter shows character for character, never as a link, an
image, emphasis, a role, a directive or HTML, in the book's MyST and in the plain HTML alike;
only Markup the book's code built from escaped parts (a citation) is pasted as markup. The
Markdown a notebook passes to :func:`show` is its own, but any text from the input files in
it is escaped where it occurs (:func:`helpers.formats.protect_untrusted`).

Each chapter's second cell calls :func:`start_run`: it makes the magic available and forgets
the values of an earlier run in the same kernel, so that a second Run All with an edited
parameter never shows the first run's numbers in the text that comes before them.
"""

from __future__ import annotations

import base64
import html
import itertools
import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from helpers import formats
from helpers.env import in_book
from helpers.errors import ComputeRaceError
from helpers.paths import BOOK


class ProseError(ComputeRaceError):
    """A prose cell names a value or a figure that no cell before it pasted."""


#: The values pasted so far in this kernel (name -> Markdown text), and the charts.
VALUES: dict[str, str] = {}
FIGURES: dict[str, Any] = {}
#: Prose shown before all its values were pasted: display id -> template.
PENDING: dict[str, str] = {}
#: Numbers the display ids of waiting texts, so that each is unique in the kernel.
_DISPLAY_IDS = itertools.count(1)

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
#: A ``{glue:figure}`` block: its key, then its options and caption, up to the closing fence.
FIGURE = re.compile(r"^(:{3,})\{glue:figure\}[ \t]+(\S+)[ \t]*\n(.*?)^\1[ \t]*$", re.M | re.S)
_OPTION = re.compile(r"^:[\w-]+:.*$")
_ADMONITIONS = {
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "important": "Important",
    "caution": "Caution",
    "attention": "Attention",
    "seealso": "See also",
    "hint": "Hint",
    "danger": "Danger",
    "error": "Error",
}


def fill(template: str) -> str:
    """``template`` with every ``{{ name }}`` replaced by the value pasted under ``name``."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in VALUES:
            raise ProseError(
                f"prose: no value named {name!r} was pasted before this cell "
                "(run the cells above it first)"
            )
        return VALUES[name]

    return PLACEHOLDER.sub(value, template)


# --- MyST to plain HTML ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _citations() -> dict[str, tuple[str, str]]:
    """Each key of ``book/references.bib``: its authors as the book cites them, and its year."""
    from pybtex.database import parse_file
    from pybtex.richtext import Text

    def plain(latex: str) -> str:  # {\'c} -> ć, {{Epoch AI}} -> Epoch AI
        return str(Text.from_latex(latex).render_as("text"))

    cited: dict[str, tuple[str, str]] = {}
    for key, entry in parse_file(str(BOOK / "references.bib"), bib_format="bibtex").entries.items():
        people = entry.persons.get("author", [])
        names = [plain(" ".join(p.last_names) or str(p)) for p in people]
        who = (
            names[0]
            if len(names) == 1
            else f"{names[0]} and {names[1]}"
            if len(names) == 2
            else f"{names[0]} et al."
            if names
            else plain(entry.fields.get("publisher", key))
        )
        cited[key] = (who, entry.fields.get("year", "n.d."))
    return cited


def _cite(keys: str, textual: bool) -> str:
    parts = []
    for key in (k.strip() for k in keys.split(",")):
        who, year = _citations().get(key, (key, ""))
        parts.append(f"{who} ({year})" if textual else f"{who}, {year}")
    return "; ".join(parts) if textual else f"({'; '.join(parts)})"


_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)


def _role_text(name: str, content: str) -> str:
    """What a MyST role reads as outside the book: a citation as "(Author, year)", a
    cross-reference as its title, anything else as its text."""
    if name.startswith("cite"):
        return _cite(content, textual=name in ("cite:t", "cite:ts"))
    explicit = _EXPLICIT.match(content)
    if explicit:
        return explicit.group(1)
    if name in ("doc", "ref", "numref", "term", "download"):
        return content.rstrip("/").split("/")[-1].replace("_", " ")
    return content


def _render_role(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    return html.escape(_role_text(str(token.meta.get("name", "")), token.content))


def _render_fence(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """A MyST directive fence outside the book: an admonition as a quoted, titled block; a
    figure (in the HTML form of a book output) as its static image and caption."""
    token = tokens[idx]
    match = re.match(r"\{([\w:-]+)\}\s*(.*)", token.info.strip())
    if not match:
        return f"<pre><code>{html.escape(token.content)}</code></pre>\n"
    name, argument = match.groups()
    body = "\n".join(line for line in token.content.splitlines() if not _OPTION.match(line))
    inner = _markdown().render(body)
    if name == "glue:figure":
        return _figure_html(argument.strip(), inner)
    if name == "dropdown":
        return f"<details>\n<summary>{_markdown().renderInline(argument)}</summary>\n{inner}</details>\n"
    title = argument or _ADMONITIONS.get(name, name.title())
    return f"<blockquote>\n<p><strong>{html.escape(title)}</strong></p>\n{inner}</blockquote>\n"


def _figure_html(key: str, caption_html: str) -> str:
    chart = FIGURES.get(key)
    image = ""
    if chart is not None:
        from helpers.page.render import svg

        spec = chart.to_dict()
        data = base64.b64encode(svg(spec).encode("utf-8")).decode("ascii")
        alt = html.escape(str(spec.get("description") or key), quote=True)
        image = f'<img alt="{alt}" src="data:image/svg+xml;base64,{data}">\n'
    return f"<figure>\n{image}<figcaption>{caption_html}</figcaption>\n</figure>\n"


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """CommonMark with tables and MyST's syntax. Raw HTML in a template stays HTML, as MyST
    keeps it in the book (a formula's ``<sup>``, a table cell's ``<br>``); a value never
    carries any, since :func:`helpers.page.paste.paste` escapes every string it is given
    (``<`` becomes ``\\<``, which renders as text)."""
    md = (
        MarkdownIt("commonmark", {"html": True, "typographer": False})
        .enable("table")
        .use(colon_fence_plugin)
        .use(deflist_plugin)
        .use(myst_role_plugin)
        .use(myst_block_plugin)
    )
    md.add_render_rule("myst_role", _render_role)
    md.add_render_rule("colon_fence", _render_fence)
    md.add_render_rule("myst_target", lambda *a: "")
    md.add_render_rule("myst_line_comment", lambda *a: "")
    md.add_render_rule("myst_block_break", lambda *a: "<hr>\n")
    return md


def to_html(myst: str) -> str:
    """MyST Markdown as plain HTML that any notebook viewer shows: roles as readable text,
    admonitions as titled quotes, figures as static images.

    The prose holds no mathematics, so the HTML asks MathJax (which JupyterLab and nbconvert
    run over HTML outputs) to leave it alone: "$2.00 per GPU-hour … $415 million" is money.
    """
    text = _markdown().render(myst)
    # Markdown tables align left unless they say otherwise (JupyterLab's style aligns right).
    text = text.replace("<th>", '<th style="text-align: left">').replace(
        "<td>", '<td style="text-align: left">'
    )
    return f'<div class="mathjax_ignore tex2jax_ignore">\n{text}</div>\n'


# --- Showing prose --------------------------------------------------------------------------


def _bundle(myst: str) -> dict[str, str]:
    """One output showing ``myst``: MyST for the book beside plain HTML, or plain HTML alone."""
    if in_book():
        return {"text/markdown": myst, "text/html": to_html(myst)}
    return {"text/html": to_html(myst)}


def show(myst: str) -> None:
    """Show MyST Markdown (already filled in) as cell output, in the form that suits where
    the notebook runs (see the module's docstring).

    ``myst`` is the notebook's own Markdown; text from the input files that a notebook put
    into it (a fact's subject in a list of sources) is escaped where it occurs
    (:func:`helpers.formats.protect_untrusted`), so it shows as text, never as markup.
    """
    _display(formats.protect_untrusted(myst))


def _display(myst: str) -> None:
    from IPython.display import display

    if in_book():
        display(_bundle(myst), raw=True)
        return
    start = 0
    for match in FIGURE.finditer(myst):
        _show_html(myst[start : match.start()])
        key, rest = match.group(2), match.group(3)
        if key not in FIGURES:
            raise ProseError(f"prose: no figure named {key!r} was pasted before this cell")
        display(FIGURES[key])
        caption = "\n".join(line for line in rest.splitlines() if not _OPTION.match(line))
        _show_html("*Figure.* " + caption.strip())
        start = match.end()
    _show_html(myst[start:])


def _show_html(myst: str) -> None:
    from IPython.display import display

    if myst.strip():
        display(_bundle(myst), raw=True)


def _missing(template: str) -> list[str]:
    names = [n for n in PLACEHOLDER.findall(template) if n not in VALUES]
    names += [m.group(2) for m in FIGURE.finditer(template) if m.group(2) not in FIGURES]
    return list(dict.fromkeys(names))


def _waiting_note(missing: list[str]) -> str:
    return (
        f"*This text is completed by the cells below once they have run (it waits for "
        f"{', '.join(f'`{n}`' for n in missing)}).*"
    )


def prose_magic(line: str, cell: str) -> None:
    """``%%prose``: the cell's MyST text, with this run's values filled in."""
    missing = _missing(cell)
    if not missing:
        _display(fill(cell))  # the cell is the author's MyST; its values are escaped text
        return
    from IPython.display import display

    display_id = f"compute-race-prose-{next(_DISPLAY_IDS)}"
    PENDING[display_id] = cell
    display(_bundle(_waiting_note(missing)), raw=True, display_id=display_id)


def complete_pending() -> None:
    """Redraw, in place, each prose output whose values have all been pasted by now."""
    if not PENDING:
        return
    from IPython.display import update_display

    for display_id, template in list(PENDING.items()):
        if not _missing(template):
            del PENDING[display_id]
            update_display(_bundle(fill(template)), raw=True, display_id=display_id)


def check_complete() -> None:
    """Fail, in one line, if a prose cell still waits for a value no cell has pasted."""
    missing = sorted({n for t in PENDING.values() for n in _missing(t)})
    PENDING.clear()
    if missing:
        raise ProseError(
            f"prose: no cell pasted the value(s) {', '.join(map(repr, missing))} "
            "that a text above asks for"
        )


def start_run() -> None:
    """Start a run of the notebook: ``%%prose`` is available, and no value, figure, waiting
    text or served fact (the chapter's Sources) of an earlier run is left."""
    from helpers.inputs.facts import forget_served

    VALUES.clear()
    FIGURES.clear()
    PENDING.clear()
    forget_served()
    register()


def register() -> None:
    """Make ``%%prose`` available in the running IPython kernel (no-op outside one)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is always there in a kernel
        return
    shell = get_ipython()
    if shell is not None:
        load_ipython_extension(shell)


def load_ipython_extension(shell: Any) -> None:
    """Register the ``%%prose`` cell magic (also as ``%load_ext helpers.page.prose``)."""
    shell.register_magic_function(prose_magic, magic_kind="cell", magic_name="prose")
