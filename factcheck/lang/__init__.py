"""Language data, one module per language."""
