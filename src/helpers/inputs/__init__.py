"""What the book reads, with provenance: the external datasets, the curated tables, the articles."""

# Registers the names the data decide, so that parameters naming them are checked when they are
# validated (helpers.params.names_from).
from helpers.inputs import names as _names  # noqa: F401
