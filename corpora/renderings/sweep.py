"""Render every development-part gold document in throwaway layouts and report where its record
falls short of the original's: the search for layout families that found the crawls of other widths
and the pages of unknown sites now in the harness. Nothing is written to corpora/.

    python corpora/renderings/sweep.py                      # crawls at 45, 60, 110, 140 columns and site pages
    python corpora/renderings/sweep.py --widths 60 --no-pages
    python corpora/renderings/sweep.py --widths "" --no-pages --misread 0.04 --headless   # the audit on damaged copies
    python corpora/renderings/sweep.py --widths "" --no-pages --body-only   # pages without header
    python corpora/renderings/sweep.py --widths "" --no-pages --lost-initials   # heads whose lines lost their first letter
    python corpora/renderings/sweep.py --widths "" --no-pages --printed   # printed to PDF in two columns (needs chromium, poppler-utils)
    python corpora/renderings/sweep.py --widths "" --no-pages --printed --scanned   # ... and that PDF scanned, read by OCR

One line per rendering: BAD (header accuracy < 0.8 or tasks F1 < 0.6, the audit's definition) or ok;
"flagged" when `trichxuat audit` says the record is not ok; WORSE when the header or the tasks fall
below the original's. Only the development part is rendered (the test part is not read)."""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from render_layouts import chromium_pdf, crawl, scan, site_page, two_column_page  # noqa: E402

from trichxuat import extract  # noqa: E402
from trichxuat.audit import audit_record  # noqa: E402
from trichxuat.evaluate import find_gold, header_accuracy, is_bad, part_of, score  # noqa: E402
from trichxuat.ingest import read_source  # noqa: E402

FOLDERS = ["seeds", "docs", "dev-docs", "web-excerpts", "tvpl-excerpts"]


def _line(out: Path, gold: dict, base: dict) -> tuple[str, float, bool]:
    rec = extract(out).model_dump(mode="json")
    s = score([(out.name, gold, rec)])
    hb, h = header_accuracy(base) or 0, header_accuracy(s) or 0
    tb = base["tasks"].value if base["tasks"].total else None
    t = s["tasks"].value if s["tasks"].total else None
    genre = "" if rec.get("genre") == gold.get("genre") else f" genre {rec.get('genre')}/{gold.get('genre')}"
    worse = h < hb - 0.001 or (t is not None and tb is not None and t < tb - 0.02) or bool(genre)
    flags = [f.code for f in audit_record(rec).flags if f.severity != "info"]
    line = (f"{'BAD' if is_bad(s) else 'ok '} {'flagged' if not audit_record(rec).ok else '-------'} {'WORSE' if worse else '     '} "
            f"{out.name[:64]:<64} header {h:.2f}/{hb:.2f} tasks {t if t is None else round(t, 2)}/{tb if tb is None else round(tb, 2)}{genre} {flags}")
    return line, h, not genre


def misread(text: str, rate: float, seed: int = 7) -> str:
    """What a poor OCR does to a text: a share ``rate`` of its letters dropped, doubled, read as "l" or
    in the other case ("thhông", "thôg", "lhức"); seeded, so a run can be repeated."""
    rng = random.Random(seed)
    out = []
    for ch in text:
        if ch.isalpha() and rng.random() < rate:
            out.append(rng.choice(["", ch + ch, "l" if ch != "l" else "i", ch.swapcase()]))
        else:
            out.append(ch)
    return "".join(out)


def _type_line(lines: list[str], alone: bool = False) -> int | None:
    """The index of the type-name line ("KẾ HOẠCH", "QUYẾT ĐỊNH"), if in the first 80 (``alone``: nothing else on it)."""
    end = r"\W*$" if alone else r"\b"
    return next((i for i, ln in enumerate(lines[:80]) if re.match(r"\W*(?:KẾ HOẠCH|QUYẾT ĐỊNH)" + end, ln.strip())), None)


def headless(text: str) -> str | None:
    """The copy a portal's excerpt gives: everything above the type name ("KẾ HOẠCH") dropped."""
    lines = text.split("\n")
    at = _type_line(lines)
    return "\n".join(lines[at:]) if at else None


def lost_initials(text: str, lines: int = 25) -> str:
    """A copy that dropped the first letter of each block of its head (styled initials a converter lost:
    "Y BAN NHÂN DÂN", "ố: 12/KH-UBND", "ắk Lắk, ngày …", "Ế HOẠCH"), the rest as it was."""
    out = text.split("\n")
    for i, ln in enumerate(out[:lines]):
        m = re.search(r"[^\W\d_]", ln)
        opens = i == 0 or not out[i - 1].strip() or out[i - 1].strip().strip("|-* ") == ""  # a block's first line, not a wrapped one
        if m and opens and not re.match(r"\s*(?:\||-{3,})", ln):
            out[i] = ln[: m.start()] + ln[m.end() :]
    return "\n".join(out)


def bodyonly(text: str) -> str | None:
    """The copy of a page that shows the title and the body but no header: everything down to the type
    name line dropped ("KẾ HOẠCH" too), the title's lines first."""
    lines = text.split("\n")
    at = _type_line(lines, alone=True)
    return "\n".join(lines[at + 1 :]) if at is not None else None


def headed(text: str, title: str | None, type_name: str) -> str | None:
    """The same page whose heading names the type before the title in sentence case, as many sites
    write it ("Kế hoạch thực hiện …"), above the body without the title's lines in capitals."""
    cut = bodyonly(text)
    if not cut or not title:
        return None
    lines = cut.split("\n")
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].strip() == lines[i].strip().upper()):
        i += 1
    return f"{type_name} {title[:1].lower()}{title[1:]}\n\n" + "\n".join(lines[i:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--widths", default="45,60,110,140", help="crawl widths, comma-separated")
    ap.add_argument("--no-pages", action="store_true", help="skip the pages of an unknown site")
    ap.add_argument("--misread", type=float, default=0.0, metavar="RATE",
                    help="also render each text with this share of its letters misread (0.02, 0.04): the audit's recall on damaged copies")
    ap.add_argument("--headless", action="store_true", help="also render each text without the lines above its type name")
    ap.add_argument("--lost-initials", action="store_true", help="also render each text with the first letter of its head's lines dropped")
    ap.add_argument("--body-only", action="store_true",
                    help="also render each text without its header: from its title down, and under a heading \"Kế hoạch <title>\"")
    ap.add_argument("--printed", action="store_true",
                    help="also lay each document out as its office prints it (head and signature in two-column tables): read that page as "
                         "HTML, printed to PDF by Chromium, and that PDF's `pdftotext -layout` and plain `pdftotext` text")
    ap.add_argument("--style", default="even", choices=["even", "office"],
                    help="with --printed: how the page is set (office: a narrower issuer column, 14 pt and a 3 cm left margin, which wrap "
                         "the place and date line and the issuer's name)")
    ap.add_argument("--scanned", action="store_true",
                    help="with --printed: also the printed PDF rasterised at 300 dpi into an image-only PDF, read by OCR (slow: a minute a document)")
    args = ap.parse_args()
    widths = [int(w) for w in args.widths.split(",") if w]
    counts = {"renderings": 0, "bad": 0, "bad_unflagged": 0, "worse": 0, "header": 0.0, "genre_right": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for folder in FOLDERS:
            for gold_path, source in find_gold(HERE.parent / folder):
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                if source is None or part_of(gold_path, gold) != "dev" or "scan" in source.name.lower():
                    continue
                base = score([(source.name, gold, extract(source).model_dump(mode="json"))])
                outs = []
                if source.suffix in (".txt", ".md"):
                    text = read_source(source).text
                    for w in widths:
                        outs.append((Path(tmp) / f"{source.stem}.crawl{w}.txt", crawl(text, w)))
                    if args.misread:
                        outs.append((Path(tmp) / f"{source.stem}.misread.txt", misread(text, args.misread)))
                    if args.headless and (cut := headless(text)):
                        outs.append((Path(tmp) / f"{source.stem}.headless.txt", cut))
                    if args.lost_initials:
                        outs.append((Path(tmp) / f"{source.stem}.initials.txt", lost_initials(text)))
                    if args.body_only and (cut := bodyonly(text)):
                        outs.append((Path(tmp) / f"{source.stem}.bodyonly.txt", cut))
                    if args.body_only and gold.get("genre") == "plan" and (cut := headed(text, gold.get("title"), "Kế hoạch")):
                        outs.append((Path(tmp) / f"{source.stem}.headed.txt", cut))
                if not args.no_pages:
                    outs.append((Path(tmp) / f"{source.stem}.page.html", site_page(source)))
                if args.printed and (page := two_column_page(source, args.style)):
                    outs.append((Path(tmp) / f"{source.stem}.printed.html", page))  # the page itself, as a site shows it
                    pdf = Path(tmp) / f"{source.stem}.printed.pdf"
                    pdf.write_bytes(chromium_pdf(page))
                    outs.append((pdf, None))
                    if args.scanned:
                        scanned = Path(tmp) / f"{source.stem}.scanned.pdf"
                        scanned.write_bytes(scan(pdf.read_bytes()))
                        outs.append((scanned, None))
                    for kind, opts in (("layout", ["-layout"]), ("plain", [])):
                        text = subprocess.run(["pdftotext", *opts, str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
                        outs.append((Path(tmp) / f"{source.stem}.printed-{kind}.txt", text))
                for out, content in outs:
                    if content is not None:
                        out.write_text(content, encoding="utf-8")
                    line, header, genre_right = _line(out, gold, base)
                    counts["header"] += header
                    counts["genre_right"] += genre_right
                    counts["renderings"] += 1
                    counts["bad"] += line.startswith("BAD")
                    counts["bad_unflagged"] += line.startswith("BAD -")
                    counts["worse"] += " WORSE " in line
                    if not line.startswith("ok  -------       "):
                        print(line, flush=True)
    bad = counts["bad"]
    recall = f"audit recall {(bad - counts['bad_unflagged']) / bad:.3f}" if bad else "audit recall -"
    print(f"{counts['renderings']} renderings: {bad} bad ({counts['bad_unflagged']} not flagged, {recall}), {counts['worse']} worse than their original")
    if counts["renderings"]:
        print(f"mean header accuracy {counts['header'] / counts['renderings']:.3f}, genre right in {counts['genre_right']} of {counts['renderings']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
