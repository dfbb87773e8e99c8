"""The analysis wing: formulas and tables, one module per chapter, named by its stem."""
