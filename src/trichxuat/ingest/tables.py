"""How a table of a Word document or a web page becomes text, the same way for both."""

from __future__ import annotations


def table_lines(grid: list[list[list[str]]]) -> list[str]:
    """``grid[row][column]`` is a cell's paragraphs. A small table (at most three columns and four
    rows: the header or the signature block) is read one column after the other, top to bottom;
    a larger one (tasks, budgets) becomes rows of `|`-separated cells."""
    columns = max((len(r) for r in grid), default=0)
    if columns <= 3 and len(grid) <= 4:
        out: list[str] = []
        for col in range(columns):
            for row in grid:
                if col < len(row):
                    out.extend(row[col])
            out.append("")
        return out
    return [" | ".join(" ".join(cell).replace("|", "/") for cell in row) for row in grid]
