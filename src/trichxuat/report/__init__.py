"""Renderers of comparisons and records: terminal tables, Markdown, CSV, self-contained HTML."""
