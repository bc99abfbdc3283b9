"""Which records to trust, without gold (issue #18).

A record's flags are the quality warnings the extractor wrote while it had the text (a section that
assigns duties but gave no task, a preamble that cites but gave no legal basis, …) and checks of the
record alone (a plan with no title, date or issuer). resources/audit.yaml says how serious each flag
is: a record with a serious flag is not ``ok``; its ``score`` is the product of (1 - weight) over
its flags, an estimate that the record is complete and right.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import resources
from .textnorm import fold

PLAN_GENRES = ("plan", "decision")
LOCAL_LEVELS = ("province", "department", "district", "commune")  # bodies that are somewhere


@cache
def table() -> dict[str, Any]:
    return resources.load("audit")


@dataclass
class Flag:
    code: str
    message: str
    severity: str = "minor"
    weight: float = 0.0
    group: str = "header"
    span: dict | None = None

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass
class Audit:
    uri: str | None
    id: str | None
    flags: list[Flag] = field(default_factory=list)
    format: str | None = None
    level: str | None = None
    genre: str | None = None

    @property
    def ok(self) -> bool:
        return not any(f.severity == "serious" for f in self.flags)

    @property
    def score(self) -> float:
        s = 1.0
        for f in self.flags:
            s *= 1.0 - f.weight
        return round(s, 3)

    def as_json(self) -> dict[str, Any]:
        """The line `audit --format jsonl` writes, exactly these keys."""
        return {"uri": self.uri, "id": self.id, "ok": self.ok, "score": self.score, "flags": [f.as_json() for f in self.flags]}


def _flag(code: str, message: str, span: dict | None = None) -> Flag:
    entry = table()["flags"].get(code, {})
    return Flag(code=code, message=message, severity=entry.get("severity", "info"), weight=float(entry.get("weight", 0.0)),
                group=entry.get("group", "header"), span=span)


def _names_its_place(name: str) -> bool:
    """ "Ủy ban nhân dân phường Lê Lợi" names its place; "Ủy ban nhân dân", "Ban Chỉ đạo … tỉnh" do not."""
    from .normalize import unit_words  # admin_units.yaml's words

    units = unit_words()
    m = re.search(rf"(?i)(?<!\w)(?:{units})\s+(\S.*)$", name)
    return bool(m) and not re.fullmatch(rf"(?i)(?:{units})", m.group(1).strip())


def record_flags(r: dict) -> list[Flag]:
    """Checks of the record alone: the fields a plan always has, missing."""
    from .extract.closing import surnames

    codes = {w.get("code") for w in r.get("warnings") or []}
    genre = r.get("genre")
    flags: list[Flag] = []
    if genre == "other" and not (r.get("document_type") or {}).get("code"):
        flags.append(_flag("not_recognised", "no type name, no number code and no news-report cue: the document was not recognised"))
    if genre in (*PLAN_GENRES, "news_report"):
        # a copy that lost its type-name line lost the title under it too: nothing to read
        if not r.get("title") and not codes & {"title_missing", "document_type_from_number"}:
            flags.append(_flag("no_title", "no title"))
        if not (r.get("issued") or {}).get("year") and genre in PLAN_GENRES:  # (a news report may not date the plan)
            flags.append(_flag("no_date", "no date of issue"))
        issuer = r.get("issuer") or {}
        if not issuer.get("name") and not codes & {"issuer_missing", "issuer_ambiguous"}:
            flags.append(_flag("no_issuer", "no issuer"))
        elif issuer.get("name") and not _names_a_body(issuer["name"]):
            flags.append(_flag("issuer_implausible", f"the issuer \"{issuer['name'][:60]}\" does not read as the name of a public body"))
        elif issuer.get("name") and not issuer.get("level") and genre in PLAN_GENRES:
            # a body's head with a damaged rest ("Ủy ban nhân dân hành phố hồ chí minh": a copy that lost a line's first letter)
            flags.append(_flag("issuer_unclassified", f"the issuer \"{issuer['name'][:60]}\" is of no known level: its name was not read whole"))
        elif issuer.get("name") and issuer.get("level") in LOCAL_LEVELS and not issuer.get("province"):
            # weak on its own (a ministry read without its level); with an issuer inferred from the text, serious
            code = "issuer_inferred_unplaced" if "header_missing_issuer_inferred" in codes else "issuer_unplaced"
            if genre == "news_report" and issuer.get("level") in ("commune", "district") and _names_its_place(issuer["name"]):
                code = "report_issuer_unplaced"  # an article names "UBND phường Lê Lợi" without its province: as the text says
            flags.append(_flag(code, f"the issuer \"{issuer['name'][:60]}\" is not placed in a province"))
        elif issuer.get("level") in LOCAL_LEVELS and (elsewhere := _place_elsewhere(r)):
            flags.append(_flag("issuer_place_mismatch", f"the place line names {elsewhere}, the issuer \"{issuer['name'][:60]}\" is of "
                               f"{issuer.get('province')}: one of them is misread"))
        if issuer.get("name") and (other := _issuer_disagrees(r)):
            flags.append(_flag("issuer_disagrees", f"the issuer \"{issuer['name'][:60]}\" is not the body {other}: one of them is misread"))
    if genre in PLAN_GENRES:
        if not (r.get("number") or {}).get("raw") and "number_blank" not in codes:
            flags.append(_flag("no_number", "no number"))
        complete = "text_cut_short" not in codes
        if complete and not r.get("tasks") and "tasks_section_empty" not in codes:
            flags.append(_flag("no_tasks", "a plan with no task read"))
        issued = (r.get("issued") or {}).get("date")
        later = [b for b in r.get("legal_bases") or [] if issued and b.get("date") and b["date"] > issued]
        if later:  # a plan cannot rest on a document issued after it: one of the two dates is misread (or misprinted)
            b = later[0]
            flags.append(_flag("basis_after_issue", f"the plan is dated {issued}, its basis {b.get('number') or b.get('title') or ''} "
                               f"{b['date']}: one of the dates is misread or misprinted"))
        signer = (r.get("signer") or {}).get("name")
        if complete and not signer and "signer_name_missing" not in codes:
            flags.append(_flag("no_signer", "no signer"))
        elif signer and signer.split()[0] not in surnames() and "signer_name_partial" not in codes:
            flags.append(_flag("signer_name_unusual", f"the signer's name \"{signer[:40]}\" does not begin with a family name "
                               "signature.yaml knows: an OCR misreading, a position read as a name, or a rare family name"))
    return flags


def _issuer_disagrees(r: dict) -> str | None:
    """What names another body than the issuer: the number's issuer code ("KH-UBND" under a Sở) or the body
    the signature is made on behalf of ("TM. ỦY BAN NHÂN DÂN" under a Sở)."""
    name = fold(r["issuer"]["name"])
    code = ((r.get("number") or {}).get("issuer_code") or "").split("-")[0]
    codes = table()["issuer_codes"]
    starts = codes.get(code)
    if starts and not any(name.startswith(fold(s)) for s in starts):
        return f"its number's code {code} stands for"
    if code and not starts:  # "…/KH-SCT" under "Ủy ban nhân dân tỉnh …": a department's plan read as its committee's
        if any(name.startswith(fold(b)) for bodies in codes.values() for b in bodies):
            return f"its number's code {code} names"
    body = (r.get("signer") or {}).get("on_behalf_of")
    if body and not name.startswith(fold(body)):
        return f"its signature is made for (TM. {body})"
    return None


def _place_elsewhere(r: dict) -> str | None:
    """The province the place line names when it is not the local issuer's (nor, after the 2025
    merger, the province the issuer's became): a body signs where it sits."""
    from .gazetteer import gazetteer

    gaz = gazetteer()
    place, province = (r.get("issued") or {}).get("place"), (r.get("issuer") or {}).get("province")
    named = gaz.province(place) if place and province else None
    if named and named != province and gaz.province_2025(named) != gaz.province_2025(province):
        return named
    return None


def _names_a_body(name: str) -> bool:
    """An issuer's name begins with a unit's head and is not a sentence (a title read as the issuer)."""
    from .extract.agencies import is_unit
    from .extract.citations import read_issuer

    if re.search(r"\.\s+[a-zđà-ỹ]", name):
        return False  # a sentence break inside the name ("Ủy ban nhân dân thành phố. pleiku")
    return (is_unit(name) or read_issuer(name, 0) is not None) and len(name.split()) <= 20


def audit_record(r: dict) -> Audit:
    known = table()["flags"]
    flags = [_flag(w["code"], w.get("message") or "", w.get("span")) for w in r.get("warnings") or [] if w.get("code") in known]
    if r.get("genre") == "other":  # not a plan: what matters is whether it was recognised at all
        flags = [f for f in flags if f.severity == "info"]
    flags += record_flags(r)
    seen: set[str] = set()
    unique = [f for f in flags if not (f.code in seen or seen.add(f.code))]  # one flag per code, the first said
    unique.sort(key=lambda f: ({"serious": 0, "minor": 1}.get(f.severity, 2), -f.weight))
    src = r.get("source") or {}
    return Audit(uri=src.get("uri"), id=r.get("id"), flags=unique, format=src.get("format"), level=(r.get("issuer") or {}).get("level"),
                 genre=r.get("genre"))


# --- coverage -----------------------------------------------------------------------------------


def found(r: dict, group: str) -> bool:
    """Whether a field group was found in a record."""
    if group == "header":
        return all([(r.get("number") or {}).get("raw"), (r.get("issued") or {}).get("year"), (r.get("issuer") or {}).get("name"), r.get("title")])
    if group == "budget":
        b = r.get("budget") or {}
        return bool(b.get("total") or b.get("items") or b.get("sources"))
    if group == "signer":
        return bool((r.get("signer") or {}).get("name"))
    return bool(r.get(group))


def coverage(records: Iterable[dict]) -> dict[str, dict[str, tuple[int, int]]]:
    """For each field group, (found, plans) overall, by source format and by issuer level, over the
    plans and the decisions that issue them."""
    out: dict[str, dict[str, list[int]]] = {g: defaultdict(lambda: [0, 0]) for g in table()["groups"]}
    for r in records:
        if r.get("genre") not in PLAN_GENRES:
            continue
        keys = ["all", f"format:{(r.get('source') or {}).get('format') or '?'}", f"level:{(r.get('issuer') or {}).get('level') or '?'}"]
        for g in out:
            for k in keys:
                out[g][k][1] += 1
                out[g][k][0] += found(r, g)
    return {g: {k: (v[0], v[1]) for k, v in cols.items()} for g, cols in out.items()}


def summary_line(audits: list[Audit]) -> str:
    bad = sum(1 for a in audits if not a.ok)
    return f"{bad} of {len(audits)} records to review (not ok)"


# --- reports ------------------------------------------------------------------------------------


def show_command(a: Audit, records_path: str | None = None) -> str:
    """How to look at a record in place: `trichxuat show` on its source file (or on the records file)."""
    if a.uri:
        return f"trichxuat show {a.uri!s} --html review-{(a.id or 'record')[:60]}.html"
    return f"trichxuat show {records_path} --id {a.id} --html review.html"


def worst_first(audits: list[Audit]) -> list[Audit]:
    return sorted(audits, key=lambda a: (a.ok, a.score, a.uri or ""))


def coverage_rows(cov: dict[str, dict[str, tuple[int, int]]], prefix: str) -> tuple[list[str], list[list[str]]]:
    """The coverage table's columns ("all" and the keys with ``prefix``) and rows (a field group each)."""
    keys = ["all"] + sorted({k for cols in cov.values() for k in cols if k.startswith(prefix)})
    rows = []
    for group, cols in cov.items():
        cells = [group]
        for k in keys:
            f, n = cols.get(k, (0, 0))
            cells.append(f"{f / n:.0%} ({f}/{n})" if n else "-")
        rows.append(cells)
    return [k.split(":", 1)[-1] for k in keys], rows


def to_html(audits: list[Audit], cov: dict[str, dict[str, tuple[int, int]]], source: str, top: int | None = None) -> str:
    """The same as the terminal report, as one self-contained page (inline CSS, no script)."""
    from html import escape

    from .report.html import CSS

    parts = [f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>trichxuat audit: {escape(source)}</title>",
             f"<style>{CSS} td.bad {{ background:#ffebee; }} td.ok {{ background:#e8f5e9; }} code {{ font-size:.85em; }}</style></head><body>",
             f"<header class='top'><h1>Quality audit</h1><p>{escape(source)} · {escape(summary_line(audits))}</p></header><main>"]
    for title, prefix in (("Coverage by source format", "format:"), ("Coverage by issuer level", "level:")):
        cols, rows = coverage_rows(cov, prefix)
        parts.append(f"<section><h2>{title}</h2><p class='legend'>share of plans (and decisions issuing plans) where the field group was found</p>"
                     "<div class='scroll'><table><tr><th>field group</th>" + "".join(f"<th>{escape(c)}</th>" for c in cols) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</table></div></section>")
    shown = worst_first(audits)[: top or None]
    parts.append("<section><h2>Records to review, worst first</h2><div class='scroll'><table><tr><th>record</th><th>ok</th><th>score</th><th>flags</th><th>look at it</th></tr>")
    for a in shown:
        flags = "<br>".join(f"<b>{escape(f.code)}</b> ({escape(f.severity)}): {escape(f.message)}" for f in a.flags) or "-"
        parts.append(f"<tr><td>{escape(a.uri or a.id or '?')}</td><td class='{'ok' if a.ok else 'bad'}'>{'yes' if a.ok else 'no'}</td>"
                     f"<td>{a.score:.2f}</td><td>{flags}</td><td><code>{escape(show_command(a, source))}</code></td></tr>")
    parts.append("</table></div></section></main></body></html>")
    return "".join(parts)
