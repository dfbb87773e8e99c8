"""The book's look: one palette, with a name for every colour a chart uses, and the Altair theme.

No other module writes a colour as a hex literal (a test checks it): a chart names the colour's
role (:data:`ACCENT` for the chart's subject, :data:`HIGHLIGHT` for what it is compared with,
:data:`CONTEXT` for the rest) or, for a further series, its hue. The hues are colour-blind
safe against each other; the greys, darkest first, are for text and lines.

:func:`enable_theme` registers the theme and enables it; :func:`helpers.page.render.enable` calls it.
"""

from __future__ import annotations

import altair as alt

#: The theme's name in Altair's registry.
THEME = "compute_race"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# The three roles.
#: The subject of a chart (orange).
ACCENT = "#c2410c"
#: What the subject is compared with (blue).
HIGHLIGHT = "#1d4ed8"
#: Everything else: context, unknowns, the fit's leftovers (grey).
CONTEXT = "#9ca3af"

# Further series, in the order the theme hands them out after the highlight and the accent.
GREEN = "#059669"
VIOLET = "#7c3aed"
OCHRE = "#b45309"
TEAL = "#0e7490"
# Two more hues, for verdicts (a warning and an error).
AMBER = "#f59e0b"
RED = "#b91c1c"

# Greys for text and lines, darkest first.
#: Text and lines that must stand out: a reported value's rule, a hovered mark's outline.
INK = "#111827"
#: Text written on a chart (labels, values) and the whiskers beside it.
TEXT = "#374151"
#: Secondary text (subtitles, notes) and the outline of context marks.
SUBTLE = "#4b5563"
#: Axis lines and ticks, and reference lines (the line at 1 of a ratio).
AXIS = "#6b7280"
#: Grid lines, and the fill of an area that holds nothing (a country with no AI Factory).
GRID = "#e5e7eb"
#: The faintest fill: an area outside the chart's subject (a country outside the EU).
PAPER = "#f9fafb"

#: The theme's colours for categories, in the order a chart without its own scale gets them.
CATEGORY = [HIGHLIGHT, ACCENT, GREEN, VIOLET, OCHRE, TEAL, CONTEXT]

#: Each colour a chart draws with (the palette, Vega's default black for axis labels and
#: titles, and the white outline of marks) and the one it is drawn with in the book's dark
#: mode, on the theme's dark background (#121212). The book's stylesheet
#: (``book/_static/book.css``) swaps them on the drawn SVG, so the toggle redraws every chart
#: at once, without re-running Vega; a test checks that it holds this mapping. Text colours
#: keep a contrast of 4.5 or more against the dark background, the hues 6.5 or more.
DARK = {
    ACCENT: "#fb923c",
    HIGHLIGHT: "#60a5fa",
    CONTEXT: "#808894",
    GREEN: "#34d399",
    VIOLET: "#a78bfa",
    OCHRE: "#e0a96d",
    TEAL: "#22d3ee",
    AMBER: "#fbbf24",
    RED: "#f87171",
    INK: "#f3f4f6",
    TEXT: "#e5e7eb",
    SUBTLE: "#d1d5db",
    AXIS: "#9ca3af",
    GRID: "#374151",
    PAPER: "#1f2937",
    "#000": "#f3f4f6",
    "white": "#121212",
    "black": "#f3f4f6",
    # Vega-Lite's default mark colour, for the marks that take no colour of the palette.
    "#4c78a8": "#7aa6d6",
}


def theme_config() -> alt.theme.ThemeConfig:
    """The book's Altair theme: its font, view size, axes, legend, titles and colours."""
    return alt.theme.ThemeConfig(
        config={
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 340},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "gridColor": GRID,
                "domainColor": AXIS,
                "tickColor": AXIS,
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "title": {
                "fontSize": 15,
                "anchor": "start",
                "subtitleFontSize": 12,
                "subtitleColor": SUBTLE,
            },
            "range": {"category": list(CATEGORY)},
        }
    )


def enable_theme() -> None:
    """Register the book's theme with Altair and enable it."""
    alt.theme.register(THEME, enable=True)(theme_config)
