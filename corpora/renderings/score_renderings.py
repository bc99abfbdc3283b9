"""The per-layout table of the rendering harness: each rendering's scores beside its original's.

    python corpora/renderings/score_renderings.py [--kind KIND]

Columns: header accuracy, signer name, recipients F1, legal bases F1, tasks F1, agencies F1, each as
"rendering/original"; a field below 0.97 of the original's (0.90 for OCR renderings) is marked *.
tests/test_renderings.py asserts the same ratios."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from trichxuat import extract
from trichxuat.evaluate import header_accuracy, score

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent
FIELDS = ["header", "signer.name", "recipients", "legal_bases", "tasks", "agencies"]
OCR_KINDS = {"scan300"}


def values(path: Path, gold: dict) -> dict[str, float | None]:
    s = score([(path.name, gold, extract(path).model_dump(mode="json"))])
    out = {"header": header_accuracy(s)}
    for f in FIELDS[1:]:
        out[f] = s[f].value if s[f].total else None
    return out


def main() -> int:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    kind = sys.argv[sys.argv.index("--kind") + 1] if "--kind" in sys.argv else None
    cache: dict[str, dict] = {}
    print(f"{'rendering':<16}{'document':<44}" + "".join(f"{f.split('.')[0][:11]:>14}" for f in FIELDS))
    for name, entry in sorted(manifest.items(), key=lambda x: (x[1]["rendering"], x[0])):
        if kind and entry["rendering"] != kind:
            continue
        original = CORPORA / entry["original"]
        gold = json.loads(original.with_name(original.name[: -len(original.suffix)] + ".gold.json").read_text(encoding="utf-8"))
        if entry["original"] not in cache:
            cache[entry["original"]] = values(original, gold)
        base, got = cache[entry["original"]], values(HERE / name, gold)
        ratio = 0.90 if entry["rendering"] in OCR_KINDS else 0.97
        cells = []
        for f in FIELDS:
            if base[f] is None:
                cells.append(f"{'-':>14}")
                continue
            low = got[f] is None or got[f] < ratio * base[f]
            cells.append(f"{('-' if got[f] is None else f'{got[f]:.2f}') + '/' + f'{base[f]:.2f}' + ('*' if low else ' '):>14}")
        print(f"{entry['rendering']:<16}{original.stem[:43]:<44}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
