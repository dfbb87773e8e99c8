"""Chart builders: one typed function per chart, one module per theme.

Each function returns an ``alt.Chart`` (or a layered/concatenated chart) and neither
displays nor saves it. Every chart names its source and the data's snapshot date in its
subtitle, carries a ``description`` for screen readers, and has tooltips. The look comes
from the theme in :mod:`helpers.render`.
"""
