from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SEEDS = CORPORA / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SEED = {
    "backan": SEEDS / "backan-182-kh-ubnd-2024-tvpl-page.txt",
    "tuyphuoc": SEEDS / "tuyphuoc-kh-ubnd-2022-truyen-thong.md",
    "kiengiang": SEEDS / "kiengiang-kh-ubnd-2024-truyen-thong.md",
    "cualo": SEEDS / "cualo-kh-ubnd-2024-tieu-du-an-1.txt",
    "bacgiang": SEEDS / "bacgiang-2023-news-report.txt",
}


def corpus_documents() -> list[Path]:
    return sorted(p for p in CORPORA.rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")


@pytest.fixture(scope="session")
def seed_records():
    from trichxuat import extract

    return {name: extract(path) for name, path in SEED.items()}
