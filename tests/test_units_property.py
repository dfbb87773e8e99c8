"""Property: a value written with an SI prefix and a unit comes back in the base unit.

For any value and any prefix (kilo … exa) and unit word (flops, vatios, bytes, bytes por
segundo), formatting the value the Spanish way, writing it in a sentence and extracting it
gives value × prefix in FLOP/s, W, bytes or bytes/s.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import text

PREFIXES = {"kilo": 1e3, "mega": 1e6, "giga": 1e9, "tera": 1e12, "peta": 1e15, "exa": 1e18}
UNITS = {"flops": "FLOP/s", "vatios": "W", "bytes": "bytes", "bytes por segundo": "bytes/s"}


@settings(max_examples=60, deadline=None)
@given(
    value=st.decimals(min_value="0.01", max_value="999.99", places=2).map(float),
    prefix=st.sampled_from(sorted(PREFIXES)),
    unit=st.sampled_from(sorted(UNITS)),
)
def test_prefixed_units_normalise_to_the_base_unit(value: float, prefix: str, unit: str) -> None:
    sentence = f"El sistema ofrece {text.format_spanish_number(value)} {prefix}{unit} en total."
    found = text.extract_quantities(sentence)
    assert len(found) == 1, (sentence, found)
    row = found.iloc[0]
    assert row["unit"] == UNITS[unit]
    assert row["value"] == pytest.approx(value * PREFIXES[prefix], rel=1e-9)
