"""Chart builders: one typed function per chart, one module per chapter.

Each function returns an ``alt.Chart`` (or a layered/concatenated chart) and neither
displays nor saves it. Every chart names its source and the data's snapshot date in its
subtitle, carries a ``description`` for screen readers, and has tooltips. A module is named
after its chapter's notebook (``scenarios`` draws ``scenarios_compared``'s), and all share:

- :mod:`helpers.charts.theme`: the palette (a name for every colour) and the Altair theme;
- :mod:`helpers.charts._common`: the "Source: …" subtitle, unit scales, and the sliders whose
  range is the one :mod:`helpers.params` declares.
"""
