"""Score records against gold files, as docs/plan-record.md fixes it (with the held-out split).

Both sides are folded (NFC, casefold, whitespace, dashes, tone placement). Header fields are
scored by accuracy; list fields by precision / recall / F1 over one-to-one matches, micro-averaged
over documents. A gold file scores only the fields it states (partial gold is fine).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .errors import TrichxuatError
from .textnorm import fold

SOURCE_SUFFIXES = [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".excerpt.txt"]

# The held-out rule: a third of the gold documents form the test part, chosen by a hash of what the
# document *is* (its gold title, else its file stem), so that the renderings of one plan (HTML and
# DOCX, a PDF and its Markdown) fall in the same part. Rules are written from the development part
# only; the test part's figures are the accuracy to expect on documents nobody has read.
TEST_SHARE = 3


def split_key(gold_path: Path, gold: dict) -> str:
    title = gold.get("title")
    if title:
        return fold(title)
    return gold_path.name[: -len(".gold.json")]


def part_of(gold_path: Path, gold: dict) -> str:
    """'test' or 'dev': fixed by a hash, never by looking at scores."""
    digest = hashlib.sha256(split_key(gold_path, gold).encode("utf-8")).digest()
    return "test" if digest[0] % TEST_SHARE == 0 else "dev"

HEADER_FIELDS: list[tuple[str, Callable[[dict], Any]]] = [
    ("document_type.code", lambda r: (r.get("document_type") or {}).get("code")),
    ("number.raw", lambda r: (r.get("number") or {}).get("raw")),
    ("issued.date", lambda r: (r.get("issued") or {}).get("date")),
    ("issued.year", lambda r: (r.get("issued") or {}).get("year")),
    ("issued.month", lambda r: (r.get("issued") or {}).get("month")),
    ("issued.day", lambda r: (r.get("issued") or {}).get("day")),
    ("issued.place", lambda r: (r.get("issued") or {}).get("place")),
    ("title", lambda r: r.get("title")),
    ("issuer.name", lambda r: (r.get("issuer") or {}).get("name")),
    ("issuer.level", lambda r: (r.get("issuer") or {}).get("level")),
    ("issuer.province", lambda r: (r.get("issuer") or {}).get("province")),
    ("issuer.district", lambda r: (r.get("issuer") or {}).get("district")),
    ("period", lambda r: None if not r.get("period") else (r["period"].get("start_year"), r["period"].get("end_year"))),
    ("signer.name", lambda r: (r.get("signer") or {}).get("name")),
    ("signer.position", lambda r: (r.get("signer") or {}).get("position")),
    ("signer.mode", lambda r: (r.get("signer") or {}).get("mode")),
]
# the gold key each header field needs to be scored
_HEADER_KEY = {name: name.split(".")[0] for name, _ in HEADER_FIELDS}
EXTRA_FIELDS: list[tuple[str, Callable[[dict], Any]]] = [
    ("genre", lambda r: r.get("genre")),
    ("issuer.province_2025", lambda r: (r.get("issuer") or {}).get("province_2025")),
    ("archive", lambda r: r.get("archive")),
]


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return fold(str(a)) == fold(str(b)) if a is not None and b is not None else a == b
    return a == b


@dataclass
class Score:
    name: str
    kind: str  # accuracy | prf
    correct: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 and self.total else None)

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if self.fp == 0 and self.total else None)

    @property
    def f1(self) -> float | None:
        if self.tp == 0 and (self.fp or self.fn):
            return 0.0
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value(self) -> float | None:
        return self.accuracy if self.kind == "accuracy" else self.f1

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"field": self.name, "kind": self.kind, "n": self.total}
        if self.kind == "accuracy":
            d.update(correct=self.correct, accuracy=self.accuracy)
        else:
            d.update(tp=self.tp, fp=self.fp, fn=self.fn, precision=self.precision, recall=self.recall, f1=self.f1)
        return d


def _match(gold: list, pred: list, similar: Callable[[Any, Any], float], threshold: float) -> list[tuple[int, int]]:
    """One-to-one matching, best pairs first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = similar(g, p)
            if s >= threshold:
                pairs.append((s, i, j))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _citation_key(c: dict) -> tuple[str, str]:
    return fold(c.get("doc_type")), fold(c.get("number") or c.get("title"))


def _ratio(a: str | None, b: str | None) -> float:
    return fuzz.ratio(fold(a), fold(b))


LIST_FIELDS: dict[str, tuple[Callable[[dict], list], Callable[[Any, Any], float], float, Callable[[Any], str]]] = {
    # name: (get list, similarity, threshold, how to show an item)
    "legal_bases": (lambda r: r.get("legal_bases") or [], lambda g, p: 100.0 * (_citation_key(g) == _citation_key(p)), 100, lambda c: f"{c.get('doc_type')} {c.get('number') or c.get('title')}"),
    "references": (lambda r: r.get("references") or [], lambda g, p: 100.0 * (_citation_key(g) == _citation_key(p)), 100, lambda c: f"{c.get('doc_type')} {c.get('number') or c.get('title')}"),
    "tasks": (
        lambda r: r.get("tasks") or [],
        lambda g, p: (fuzz.token_set_ratio(fold(g.get("text")), fold(p.get("text"))) if _ratio(g.get("agency"), p.get("agency")) >= 85 else 0.0),
        80,
        lambda t: f"{t.get('agency')}: {(t.get('text') or '')[:70]}",
    ),
    "agencies": (lambda r: r.get("agencies") or [], lambda g, p: _ratio(g.get("name"), p.get("name")), 85, lambda a: a.get("name")),
    "budget.items": (lambda r: (r.get("budget") or {}).get("items") or [], lambda g, p: 100.0 * (g.get("amount") == p.get("amount")), 100, lambda i: f"{i.get('label')}: {i.get('amount')}"),
    "budget.sources": (lambda r: (r.get("budget") or {}).get("sources") or [], lambda g, p: 100.0 * (g.get("kind") == p.get("kind")), 100, lambda s: f"{s.get('kind')}: {(s.get('text') or '')[:60]}"),
    "targets": (lambda r: r.get("targets") or [], lambda g, p: 100.0 * (g.get("value") == p.get("value") and fold(g.get("unit")) == fold(p.get("unit"))), 100, lambda t: f"{t.get('value')} {t.get('unit')}"),
    "recipients": (lambda r: r.get("recipients") or [], lambda g, p: _ratio(g.get("name"), p.get("name")), 90, lambda r: r.get("name")),
    "programs": (lambda r: r.get("programs") or [], lambda g, p: _ratio(g.get("name"), p.get("name")), 85, lambda p: p.get("name")),
}
_LIST_KEY = {"budget.items": "budget", "budget.sources": "budget"}
# attributes checked on matched pairs
PAIR_ATTRIBUTES = {"legal_bases": ["date", "issuer", "relation"], "tasks": ["role", "requested"]}


def header_accuracy(scores: dict[str, Score]) -> float | None:
    c = sum(scores[n].correct for n, _ in HEADER_FIELDS)
    t = sum(scores[n].total for n, _ in HEADER_FIELDS)
    return c / t if t else None


@dataclass
class Report:
    documents: int
    errors: list[dict[str, str]]
    scores: dict[str, Score]
    # the same scores for each document alone: a target met overall can still fail on one file
    per_document: dict[str, dict[str, Score]] = field(default_factory=dict)
    # each document's part of the held-out split ("dev" | "test")
    parts: dict[str, str] = field(default_factory=dict)
    # the same scores restricted to each part
    by_part: dict[str, dict[str, Score]] = field(default_factory=dict)
    # each document's predicted record (for the audit's separation of good and bad records)
    records: dict[str, dict] = field(default_factory=dict)

    def header_accuracy(self) -> float | None:
        return header_accuracy(self.scores)

    def to_dict(self, verbose: bool = False) -> dict[str, Any]:
        rows = []
        for s in self.scores.values():
            d = s.to_dict()
            if verbose:
                d["misses"] = s.misses
            rows.append(d)
        documents = {
            doc: {"header_accuracy": header_accuracy(scores), **{n: sc.value for n, sc in scores.items() if sc.total}}
            for doc, scores in self.per_document.items()
        }
        parts = {
            part: {"documents": sum(1 for p in self.parts.values() if p == part), "header_accuracy": header_accuracy(scores),
                   **{n: sc.value for n, sc in scores.items() if sc.total}}
            for part, scores in self.by_part.items()
        }
        return {"documents": self.documents, "errors": self.errors, "header_accuracy": self.header_accuracy(), "fields": rows,
                "parts": parts, "per_document": documents, "document_parts": self.parts}


def find_gold(root: Path) -> list[tuple[Path, Path | None]]:
    """Every ``*.gold.json`` below ``root`` with the source document beside it (None if absent)."""
    out = []
    paths = [root] if root.is_file() else sorted(root.rglob("*.gold.json"))
    for gold in paths:
        stem = gold.name[: -len(".gold.json")]
        source = next((gold.with_name(stem + s) for s in SOURCE_SUFFIXES if gold.with_name(stem + s).exists()), None)
        out.append((gold, source))
    return out


def score(pairs: Iterable[tuple[str, dict, dict]]) -> dict[str, Score]:
    """Score (document id, gold, predicted) triples."""
    scores: dict[str, Score] = {n: Score(n, "accuracy") for n, _ in HEADER_FIELDS + EXTRA_FIELDS}
    for name in LIST_FIELDS:
        scores[name] = Score(name, "prf")
        for attr in PAIR_ATTRIBUTES.get(name, []):
            scores[f"{name}.{attr}"] = Score(f"{name}.{attr}", "accuracy")
    scores["budget.total"] = Score("budget.total", "accuracy")
    for doc_id, gold, pred in pairs:
        for name, get in HEADER_FIELDS + EXTRA_FIELDS:
            key = _HEADER_KEY.get(name, name.split(".")[0])
            if key not in gold:
                continue
            sub = name.split(".")[1] if "." in name else None
            if sub and isinstance(gold[key], dict) and sub not in gold[key]:
                continue  # a partial gold object ("issuer": {"level": …}) claims nothing about its other keys
            s = scores[name]
            g, p = get(gold), get(pred)
            s.total += 1
            if _eq(g, p):
                s.correct += 1
            else:
                s.misses.append({"document": doc_id, "gold": g, "predicted": p})
        if "budget" in gold:
            s = scores["budget.total"]
            g = ((gold.get("budget") or {}).get("total") or {}).get("amount")
            p = ((pred.get("budget") or {}).get("total") or {}).get("amount")
            s.total += 1
            if g == p:
                s.correct += 1
            else:
                s.misses.append({"document": doc_id, "gold": g, "predicted": p})
        for name, (get, similar, threshold, show) in LIST_FIELDS.items():
            if _LIST_KEY.get(name, name) not in gold:
                continue
            s = scores[name]
            gl, pl = get(gold), get(pred)
            matched = _match(gl, pl, similar, threshold)
            s.total += 1
            s.tp += len(matched)
            s.fn += len(gl) - len(matched)
            s.fp += len(pl) - len(matched)
            mg = {i for i, _ in matched}
            mp = {j for _, j in matched}
            for i, g in enumerate(gl):
                if i not in mg:
                    s.misses.append({"document": doc_id, "missed": show(g)})
            for j, p in enumerate(pl):
                if j not in mp:
                    s.misses.append({"document": doc_id, "spurious": show(p)})
            for attr in PAIR_ATTRIBUTES.get(name, []):
                a = scores[f"{name}.{attr}"]
                for i, j in matched:
                    if attr not in gl[i]:
                        continue
                    a.total += 1
                    if _eq(gl[i].get(attr), pl[j].get(attr)):
                        a.correct += 1
                    else:
                        a.misses.append({"document": doc_id, "item": show(gl[i]), "gold": gl[i].get(attr), "predicted": pl[j].get(attr)})
    return scores


def evaluate(root: Path, extract: Callable[[Path], dict] | None = None, progress: Callable[[Path], None] | None = None,
             part: str | None = None) -> Report:
    """Score every gold document below ``root``; ``part`` ("dev" | "test") keeps one part of the split."""
    if extract is None:
        from .api import extract as _extract

        def extract(path: Path) -> dict:
            return _extract(path).model_dump(mode="json")

    triples = []
    errors: list[dict[str, str]] = []
    parts: dict[str, str] = {}
    found = []
    for gold_path, source in find_gold(root):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if part and part_of(gold_path, gold) != part:
            continue
        found.append((gold_path, source, gold))
    for gold_path, source, gold in found:
        if progress:
            progress(gold_path)
        doc_id = str(source or gold_path)
        parts[doc_id] = part_of(gold_path, gold)
        if source is None:
            errors.append({"document": str(gold_path), "error": "no source document beside the gold file"})
            continue
        try:
            pred = extract(source)
        except TrichxuatError as e:
            errors.append({"document": doc_id, "error": e.problem})
            pred = {}
        except Exception as e:  # a bug on one document is an error row, not the end of the run
            errors.append({"document": doc_id, "error": f"internal error ({type(e).__name__}: {e})"})
            pred = {}
        triples.append((doc_id, gold, pred))
    per_document = {t[0]: score([t]) for t in triples}
    by_part = {p: score([t for t in triples if parts[t[0]] == p]) for p in sorted(set(parts.values()))}
    return Report(documents=len(found), errors=errors, scores=score(triples), per_document=per_document, parts=parts, by_part=by_part,
                  records={t[0]: t[2] for t in triples})


# A record is *bad* (issue #18) when its header accuracy is below this, or, where the gold has tasks,
# its tasks F1 is below TASKS_BAD.
HEADER_BAD = 0.8
TASKS_BAD = 0.6


def is_bad(scores: dict[str, Score]) -> bool:
    acc = header_accuracy(scores)
    tasks = scores["tasks"]
    return (acc is not None and acc < HEADER_BAD) or (tasks.total > 0 and (tasks.value or 0.0) < TASKS_BAD)


def audit_separation(report: Report) -> dict[str, dict[str, Any]]:
    """Per part: how well `audit` tells bad records from good ones without gold (recall of the bad
    records flagged not ok; false alarms among the good ones), with the documents behind each figure."""
    from .audit import audit_record

    out: dict[str, dict[str, Any]] = {}
    for doc, scores in report.per_document.items():
        part = report.parts.get(doc, "dev")
        row = out.setdefault(part, {"bad": 0, "good": 0, "bad_flagged": 0, "good_flagged": 0, "missed": [], "false_alarms": []})
        bad = is_bad(scores)
        audit = audit_record(report.records.get(doc) or {})
        flagged = not audit.ok
        row["bad" if bad else "good"] += 1
        if bad and flagged:
            row["bad_flagged"] += 1
        elif bad:
            row["missed"].append(doc)
        elif flagged:
            row["good_flagged"] += 1
            row["false_alarms"].append((doc, [f.code for f in audit.flags if f.severity == "serious"]))
    for row in out.values():
        row["recall"] = row["bad_flagged"] / row["bad"] if row["bad"] else None
        row["false_alarm_rate"] = row["good_flagged"] / row["good"] if row["good"] else None
    return out
