"""The citation graph of a set of records: which plan cites which document, on what relation.

Nodes are documents: a record of the set, or a cited document known only by its key. An edge goes
from a record to what it cites (relation: the legal basis's verb, "references" for a document cited
elsewhere in the text, "cites" for a document named inside a legal basis). A cited document that
is itself in the set (same number, issuer and year) is that record's node, so edges cross documents.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from .textnorm import fold


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
    kind: str  # "legal_basis" | "reference" | "nested"


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def citing(self, number: str) -> list[tuple[Node, Edge]]:
        """Records whose citations name ``number`` ("650/QĐ-LĐTBXH"), with the edge."""
        key = _number_key(number)
        out = []
        for e in self.edges:
            target = self.nodes[e.target]
            if target.number and _number_key(target.number) == key and e.kind != "nested":
                out.append((self.nodes[e.source], e))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [asdict(n) for n in self.nodes.values()], "edges": [asdict(e) for e in self.edges]}


def _number_key(number: str) -> str:
    return re.sub(r"\s+", "", fold(number))


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
            by_number.setdefault(_number_key(num), []).append(node)

    def target(citation: dict[str, Any]) -> Node:
        number, title = citation.get("number"), citation.get("title")
        issuer, year = citation.get("issuer"), _year(citation.get("date")) or _number_year(number)
        if number:
            for cand in by_number.get(_number_key(number), []):
                same_issuer = issuer and cand.issuer and fold(issuer) == fold(cand.issuer)
                same_year = year and cand.year and year == cand.year
                # same number, and issuer and year agree wherever both are known (at least one is)
                if (same_issuer or same_year) and (not issuer or not cand.issuer or same_issuer) and (not year or not cand.year or same_year):
                    return cand
        key = "cited:" + fold(citation.get("doc_type")) + ":" + (_number_key(number) if number else fold(title))
        if number and not _number_year(number) and not re.search(r"/(?:TW|CP|TTg|QH\d*)$", number):
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
    for e in graph.edges:
        if e.kind != "nested":
            graph.nodes[e.target].cited_by += 1
    return graph


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
