"""What the book reads, with provenance: the external datasets, the curated tables, the articles."""
