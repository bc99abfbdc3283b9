"""The citation graph of a set of records: which plan cites which document, on what relation.

Nodes are documents: a record of the set, or a cited document known only by its key. An edge goes
from a record to what it cites (relation: the legal basis's verb, "references" for a document cited
elsewhere in the text, "cites" for a document named inside a legal basis), and from an amending
document to the one it amends (kind "amends": "Nghị quyết số 71/NQ-CP ... sửa đổi, bổ sung cập nhật
Chương trình hành động ...", read from the citations of the plans that cite it). A cited document
that is itself in the set (same number, issuer and year) is that record's node, so edges cross
documents.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from . import resources
from .textnorm import collapse, fold


@dataclass
class Node:
    id: str
    kind: str  # "record" (in the set) | "cited" (known only from citations)
    doc_type: str | None = None
    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    date: str | None = None
    source: str | None = None
    cited_by: int = 0


@dataclass
class Edge:
    source: str
    target: str
    relation: str
    kind: str  # "legal_basis" | "reference" | "nested" | "amends"


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def citing(self, number: str) -> list[tuple[Node, Edge]]:
        """Records whose citations name ``number`` ("650/QĐ-LĐTBXH"), with the edge."""
        key = number_key(number)
        out = []
        for e in self.edges:
            target = self.nodes[e.target]
            if target.number and number_key(target.number) == key and e.kind not in ("nested", "amends"):
                out.append((self.nodes[e.source], e))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [asdict(n) for n in self.nodes.values()], "edges": [asdict(e) for e in self.edges]}


def number_key(number: str) -> str:
    """A document number as citations are compared: folded, spaces dropped ("71/NQ -CP" = "71/NQ-CP")."""
    return re.sub(r"\s+", "", fold(number))


@dataclass
class DocumentKey:
    """What identifies a document in citations: its number, and its issuer and year where known."""

    number: str
    issuer: str | None = None
    year: int | None = None


NATIONAL_NUMBER = re.compile(r"[/-](?:TW|CP|TTg|QH\d*)$")  # the issuer code of a national body


def citation_refers_to(citation: dict[str, Any], key: DocumentKey) -> bool:
    """The citation names the document: same number, and issuer and year agree wherever both are
    known. A local number ("283/KH-UBND") repeats in every province and every year, so it needs one
    of them to agree; a national one ("03/NQ-CP") is enough on its own."""
    number = citation.get("number")
    if not number or number_key(number) != number_key(key.number):
        return False
    issuer, year = citation.get("issuer"), _year(citation.get("date")) or _number_year(number)
    same_issuer = bool(issuer and key.issuer and fold(issuer) == fold(key.issuer))
    same_year = bool(year and key.year and year == key.year)
    if (issuer and key.issuer and not same_issuer) or (year and key.year and not same_year):
        return False
    return same_issuer or same_year or bool(NATIONAL_NUMBER.search(number)) or not (key.issuer or key.year)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _number_year(number: str | None) -> int | None:
    m = re.match(r"^\d+/(\d{4})/", number or "")
    return int(m.group(1)) if m else None


def build(records: list[dict[str, Any]]) -> Graph:
    graph = Graph()
    by_number: dict[str, list[Node]] = {}
    for r in records:
        num = (r.get("number") or {}).get("raw")
        if not (r.get("number") or {}).get("number"):
            num = None
        issued = r.get("issued") or {}
        node = Node(
            id=r["id"],
            kind="record",
            doc_type=(r.get("document_type") or {}).get("name"),
            number=num,
            title=r.get("title"),
            issuer=(r.get("issuer") or {}).get("name"),
            year=issued.get("year"),
            date=issued.get("date"),
            source=(r.get("source") or {}).get("uri"),
        )
        graph.nodes[node.id] = node
        if num:
            by_number.setdefault(number_key(num), []).append(node)

    def target(citation: dict[str, Any]) -> Node:
        number, title = citation.get("number"), citation.get("title")
        issuer, year = citation.get("issuer"), _year(citation.get("date")) or _number_year(number)
        if number:
            for cand in by_number.get(number_key(number), []):
                if citation_refers_to(citation, DocumentKey(cand.number, cand.issuer, cand.year)):
                    return cand
        key = "cited:" + fold(citation.get("doc_type")) + ":" + (number_key(number) if number else fold(title))
        if number and not _number_year(number) and not NATIONAL_NUMBER.search(number):
            # local numbers repeat every year and in every province: the issuer and year say which
            key += f":{fold(issuer) or '?'}:{year or '?'}"
        node = graph.nodes.get(key)
        if node is None:
            node = graph.nodes[key] = Node(
                id=key, kind="cited", doc_type=citation.get("doc_type"), number=number, title=title,
                issuer=issuer, year=year, date=citation.get("date"),
            )
        else:
            node.issuer = node.issuer or issuer
            node.date = node.date or citation.get("date")
            node.year = node.year or year
        return node

    for r in records:
        done: set[str] = set()
        for basis in r.get("legal_bases") or []:
            t = target(basis)
            if t.id == r["id"]:
                continue
            graph.edges.append(Edge(r["id"], t.id, basis.get("relation") or "căn cứ", "legal_basis"))
            done.add(t.id)
            for inner in basis.get("cites") or []:
                ref = next((x for x in r.get("references") or [] if x.get("number") == inner or x.get("title") == inner), None)
                if ref:
                    graph.edges.append(Edge(t.id, target(ref).id, "cites", "nested"))
        for ref in r.get("references") or []:
            t = target(ref)
            if t.id in done or t.id == r["id"]:
                continue
            graph.edges.append(Edge(r["id"], t.id, "references", "reference"))
            done.add(t.id)
    for a in amendments(records):
        amender = target({"number": a.number, "issuer": a.issuer, "date": a.date})
        amended = graph.nodes[a.amended_id] if a.amended_id else target({"number": a.amended_number})
        if amender.id != amended.id and not any(e.source == amender.id and e.target == amended.id and e.kind == "amends" for e in graph.edges):
            graph.edges.append(Edge(amender.id, amended.id, "sửa đổi, bổ sung", "amends"))
    for e in graph.edges:
        if e.kind not in ("nested", "amends"):
            graph.nodes[e.target].cited_by += 1
    return graph


# --- amendments ------------------------------------------------------------------------------


@dataclass
class Amendment:
    number: str  # the amending document
    issuer: str | None
    date: str | None
    how: str  # the words that say so
    amended_number: str | None = None  # what it amends: a number ...
    amended_id: str | None = None  # ... or a record of the set, recognised by its title


def _words(text: str | None) -> list[str]:
    return re.findall(r"[^\W\d_]+|\d+", fold(text))


def _subject_words(title: str | None) -> list[str]:
    """A title's words without the leading "Ban hành" / "Về việc" that say nothing of its subject."""
    words = _words(title)
    for prefix in sorted(resources.load("citations")["amendments"]["title_prefixes"], key=len, reverse=True):
        p = _words(prefix)
        if words[: len(p)] == p:
            return words[len(p) :]
    return words


def amended_object(subject: str | None) -> list[str] | None:
    """The words after the amend verbs that open a citation's subject; None when it amends nothing."""
    vocab = resources.load("citations")["amendments"]
    words = _words(subject)
    verbs = {w for v in vocab["verbs"] for w in _words(v)}
    i = 0
    while i < len(words) and (words[i] in verbs or (i and words[i] in vocab["fillers"])):
        i += 1
    if not any(" ".join(words[:i]).startswith(v) for v in vocab["verbs"]):
        return None
    return words[i:]


def names_title(obj: list[str], title: str | list[str] | None) -> bool:
    """An amended object written as a title ("Chương trình hành động của Chính phủ thực hiện ...")
    names the document with that title (or the title's ``_subject_words``): most of its words open it."""
    vocab = resources.load("citations")["amendments"]
    content = [w for w in obj if not w.isdigit()][:14]
    words = title if isinstance(title, list) else _subject_words(title)
    target = [w for w in words if not w.isdigit()][: len(content) + 4]
    if len(content) < vocab["title_min_words"]:
        return False
    return sum((Counter(content) & Counter(target)).values()) / len(content) >= vocab["title_share"]


def amendments(records: list[dict[str, Any]]) -> list[Amendment]:
    """Every amendment the records state, in the citations they make (an amending document is often
    known only from the plans that cite it) and in their own titles."""
    from .extract.citations import grammar  # the document-number grammar

    vocab = resources.load("citations")["amendments"]
    passive = re.compile("|".join(re.escape(p) for p in vocab["passive"]), re.IGNORECASE)
    number_in_text = grammar()["number"]
    titled = {r["id"]: _subject_words(r["title"]) for r in records if r.get("title") and r.get("id")}  # read once
    out: list[Amendment] = []
    for r in records:
        num = r.get("number") or {}
        own = {"number": num.get("raw") if num.get("number") else None, "subject": r.get("title"),
               "issuer": (r.get("issuer") or {}).get("name"), "date": (r.get("issued") or {}).get("date"), "self": r.get("id")}
        for c in [own, *(r.get("legal_bases") or []), *(r.get("references") or [])]:
            number, subject = c.get("number"), c.get("subject") or c.get("title")
            if not number or not subject:
                continue
            said = passive.search(subject)
            if said:  # "03/NQ-CP ... được sửa đổi, bổ sung ... tại Nghị quyết số 71/NQ-CP"
                after = number_in_text.search(subject, said.start())
                if after and number_key(after.group()) != number_key(number):
                    out.append(Amendment(after.group(), None, None, collapse(subject[said.start() : after.end()])[:200], amended_number=number))
                continue
            s = fold(subject)
            obj = amended_object(subject)
            if not obj:
                continue
            head = " ".join(obj[:8])
            named = next((n for n in c.get("cites") or [] if fold(n) in s and " ".join(_words(n)) in head), None)
            if named:
                out.append(Amendment(number, c.get("issuer"), c.get("date"), collapse(subject)[:200], amended_number=named))
                continue
            for rid, words in titled.items():
                if rid != c.get("self") and names_title(obj, words):
                    out.append(Amendment(number, c.get("issuer"), c.get("date"), collapse(subject)[:200], amended_id=rid))
    return out


NODE_FIELDS = ["id", "kind", "doc_type", "number", "title", "issuer", "year", "date", "source", "cited_by"]


def write(graph: Graph, path: Path) -> list[Path]:
    """Write the graph in the format the suffix names; returns the files written."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        path.write_text(json.dumps(graph.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return [path]
    if suffix == ".csv":
        nodes_path = path.with_name(path.stem + ".nodes.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["source", "target", "relation", "kind"])
            for e in graph.edges:
                w.writerow([e.source, e.target, e.relation, e.kind])
        with open(nodes_path, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=NODE_FIELDS)
            w.writeheader()
            for n in graph.nodes.values():
                w.writerow(asdict(n))
        return [path, nodes_path]
    if suffix == ".graphml":
        path.write_text(_graphml(graph), encoding="utf-8")
        return [path]
    raise ValueError(f"{path}: unknown graph format {suffix!r} (use .json, .csv or .graphml)")


def _graphml(graph: Graph) -> str:
    types = {"year": "int", "cited_by": "int"}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    for name in NODE_FIELDS[1:]:
        lines.append(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{types.get(name, "string")}"/>')
    lines.append('  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>')
    lines.append('  <key id="edge_kind" for="edge" attr.name="kind" attr.type="string"/>')
    lines.append('  <graph id="citations" edgedefault="directed">')
    for n in graph.nodes.values():
        lines.append(f'    <node id="{escape(n.id, {chr(34): "&quot;"})}">')
        for name in NODE_FIELDS[1:]:
            value = getattr(n, name)
            if value is not None:
                lines.append(f'      <data key="{name}">{escape(str(value))}</data>')
        lines.append("    </node>")
    for i, e in enumerate(graph.edges):
        s, t = escape(e.source, {chr(34): "&quot;"}), escape(e.target, {chr(34): "&quot;"})
        lines.append(f'    <edge id="e{i}" source="{s}" target="{t}">')
        lines.append(f'      <data key="relation">{escape(e.relation)}</data>')
        lines.append(f'      <data key="edge_kind">{e.kind}</data>')
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)
