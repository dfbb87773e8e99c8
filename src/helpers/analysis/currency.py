"""Converting between the two currencies the sources use, at a rate the reader sets.

The rate is always US dollars per euro (as the ECB quotes it); amounts stay in their
original currency in the data and are converted only for comparison.
"""

from __future__ import annotations

CURRENCIES = ("EUR", "USD")


def convert(amount: float, currency: str, to: str, usd_per_eur: float) -> float:
    """``amount`` in ``currency`` expressed in ``to``, at ``usd_per_eur`` dollars per euro."""
    if not usd_per_eur > 0:
        raise ValueError(f"usd_per_eur must be positive, got {usd_per_eur!r}")
    for code in (currency, to):
        if code not in CURRENCIES:
            raise ValueError(f"cannot convert {code!r}: only USD and EUR")
    if currency == to:
        return amount
    return amount * usd_per_eur if to == "USD" else amount / usd_per_eur


def to_usd(amount: float, currency: str, usd_per_eur: float) -> float:
    """``amount`` in US dollars."""
    return convert(amount, currency, "USD", usd_per_eur)


def to_eur(amount: float, currency: str, usd_per_eur: float) -> float:
    """``amount`` in euros."""
    return convert(amount, currency, "EUR", usd_per_eur)
