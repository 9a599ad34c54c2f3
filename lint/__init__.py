"""Project lint rules that the standard tools cannot express (loaded by import-linter)."""
