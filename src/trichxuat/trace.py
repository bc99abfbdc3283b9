"""Trace a plan into the plans that implement it: who took up which task, and what nobody took up.

Two steps, each explainable:

1. **Children.** A document is a child of the parent when one of its legal bases cites the parent,
   or cites a document that amends the parent ("Nghị quyết số 71/NQ-CP ... sửa đổi, bổ sung cập nhật
   Chương trình hành động ..." amends 03/NQ-CP), or names either inside a legal basis ("Kế hoạch số
   283/KH-UBND ... về thực hiện Nghị quyết số 71/NQ-CP": the child implements the province's plan
   that implements the parent), or cites a child. Documents that name the parent only in their
   running text, and news reports, are *mentions*: listed, not traced.
2. **Alignment.** Each task of each child (and the child's title: a plan as a whole often carries
   out one parent task) is compared with every task of the parent by a weighted cosine of their
   terms (folded syllables and syllable pairs, which are most Vietnamese words; the verbs of
   assignment every task uses weigh little, see ``resources/trace.yaml``). A child task links to its
   best parent task when the score reaches the threshold, and to the next ones within ``keep_ratio``
   of the best: one parent task may map to several child tasks and the other way round. A child
   task whose object is one of a class of things a parent task works on ("các nền tảng số quốc
   gia" ← "Nền tảng chuỗi khối quốc gia") is linked to it too. Each link keeps its score and the
   shared terms that made it.

A pure function from records to a :class:`Trace`; ``report/`` renders it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import resources
from .extract.citations import grammar  # the document-number grammar
from .graph import Amendment, DocumentKey, citation_refers_to, number_key
from .graph import amendments as graph_amendments
from .record import GROUP_SEPARATOR
from .textnorm import collapse, fold

TITLE_TASK = -1  # a child's title, aligned like a task: the plan as a whole


@cache
def _vocab() -> dict[str, Any]:
    return resources.load("trace")


@dataclass
class TaskRow:
    index: int  # position in the record's tasks; TITLE_TASK for the plan's title
    text: str
    agency: str | None = None
    partners: list[str] = field(default_factory=list)
    deadline: str | None = None
    span: dict | None = None
    group: str | None = None  # the group rows of the task table over it: its area of work


@dataclass
class PlanRef:
    id: str | None
    label: str
    number: str | None
    issuer: str | None
    date: str | None
    title: str | None
    source: str | None


@dataclass
class Child:
    plan: PlanRef
    route: str  # "cites the parent", "cites 71/NQ-CP, which amends the parent", ...
    relation: str  # the verb of the legal basis: "căn cứ", "thực hiện", ...
    via: list[str]  # the documents between the child and the parent
    tasks: list[TaskRow]


@dataclass
class Mention:
    plan: PlanRef
    why: str


@dataclass
class Link:
    parent_task: int  # index into Trace.parent_tasks
    child: int  # index into Trace.children
    child_task: int  # index into the child's tasks, or TITLE_TASK
    score: float
    shared: list[str]
    how: str = "text"  # "text": the task's own words | "title": the child's title | "plan": the task serves the plan that takes up the parent task | "class": the task builds one of a class of things the parent task names


@dataclass
class Trace:
    parent: PlanRef
    parent_tasks: list[TaskRow]
    amendments: list[Amendment]
    children: list[Child]
    mentions: list[Mention]
    links: list[Link]
    threshold: float
    own: set[int] = field(default_factory=set)  # parent tasks about its own follow-up and reporting: not traced

    @property
    def traced(self) -> list[int]:
        """The parent tasks a child can take up (its own follow-up and reporting clauses excepted)."""
        return [i for i in range(len(self.parent_tasks)) if i not in self.own]

    def task(self, child: int, index: int) -> TaskRow:
        """A child's task by its index among the record's tasks (TITLE_TASK: its title)."""
        return next(t for t in self.children[child].tasks if t.index == index)

    def links_of(self, child: int) -> list[Link]:
        return [lk for lk in self.links if lk.child == child]

    def taken_up(self, child: int) -> set[int]:
        return {lk.parent_task for lk in self.links if lk.child == child}

    def coverage(self, child: int) -> float:
        """The share of the parent's traced tasks this child takes up (by a task or by its title)."""
        return len(self.taken_up(child)) / len(self.traced) if self.traced else 0.0

    def untaken(self) -> list[int]:
        """Parent tasks no child takes up."""
        taken = {lk.parent_task for lk in self.links}
        return [i for i in self.traced if i not in taken]

    def areas(self) -> list[tuple[str, list[int]]]:
        """The parent's areas of work (its task table's top group rows, in order) with their traced
        tasks; empty when the parent's tasks sit in no table with group rows."""
        out: dict[str, list[int]] = {}
        for i in self.traced:
            area = _area(self.parent_tasks[i])
            if area:
                out.setdefault(area, []).append(i)
        return list(out.items())

    def unmatched(self, child: int) -> list[int]:
        """The child's own tasks (not its title) that trace to no parent task."""
        linked = {lk.child_task for lk in self.links if lk.child == child}
        return [t.index for t in self.children[child].tasks if t.index != TITLE_TASK and t.index not in linked]


# --- the parent and its amendments -------------------------------------------------------------


def plan_ref(r: dict) -> PlanRef:
    num = r.get("number") or {}
    number = num.get("raw") if num.get("number") else None
    issuer = (r.get("issuer") or {}).get("name")
    uri = (r.get("source") or {}).get("uri")
    return PlanRef(
        id=r.get("id"), label=number or (uri.rsplit("/", 1)[-1] if uri else r.get("id") or "?"), number=number,
        issuer=issuer, date=(r.get("issued") or {}).get("date"), title=r.get("title"), source=uri,
    )


def document_key(r: dict) -> DocumentKey | None:
    ref = plan_ref(r)
    if not ref.number:
        return None
    return DocumentKey(ref.number, ref.issuer, (r.get("issued") or {}).get("year"))


def find_parent(spec: str, records: list[dict]) -> dict | None:
    """The record whose number is ``spec``; None when no record has it.

    Raises ValueError when several documents of different issuers or years carry the number (local
    numbers repeat in every province and every year), naming them.
    """
    key = number_key(spec)
    hits = [r for r in records if (k := document_key(r)) and number_key(k.number) == key]
    distinct = {(fold(k.issuer), k.year) for r in hits if (k := document_key(r))}
    if len(distinct) > 1:
        names = "; ".join(sorted({f"{plan_ref(r).issuer or '?'} {(r.get('issued') or {}).get('date') or '?'}" for r in hits}))
        raise ValueError(f"{len(distinct)} different documents carry the number {spec} ({names}): give the parent as a file")
    return hits[0] if hits else None


def amendments_of(parent: dict | None, key: DocumentKey, records: list[dict]) -> list[Amendment]:
    """The documents that amend the parent (see ``graph.amendments``), one per amending number.
    Without the parent's record only amendments that name its number are found."""
    pid = parent.get("id") if parent else None
    found: dict[str, Amendment] = {}
    for a in graph_amendments(records):
        hits = (pid is not None and a.amended_id == pid) if a.amended_id else citation_refers_to({"number": a.amended_number}, key)
        if hits and number_key(a.number) != number_key(key.number):
            found.setdefault(number_key(a.number), a)
    return list(found.values())


# --- children --------------------------------------------------------------------------------


def find_children(parent: dict | None, parent_key: DocumentKey, records: list[dict], amended_by: list[Amendment]) -> tuple[list[Child], list[Mention]]:
    amenders = [DocumentKey(a.number, a.issuer, int(a.date[:4]) if a.date else None) for a in amended_by]
    targets: list[tuple[DocumentKey, str]] = [(parent_key, "")] + [(k, k.number) for k in amenders]
    parent_id = parent.get("id") if parent else None
    amender_numbers = {number_key(a.number) for a in amended_by}
    children: dict[int, Child] = {}
    mentions: dict[int, Mention] = {}

    def refers(c: dict) -> tuple[bool, str]:
        for k, via in targets:
            if citation_refers_to(c, k):
                return True, via
        return False, ""

    # keyed by position: the same document saved twice has one record id, and both copies are read
    candidates = [(i, r) for i, r in enumerate(records) if r.get("id") != parent_id and number_key(plan_ref(r).number or "") not in amender_numbers]
    for i, r in candidates:
        ref = plan_ref(r)
        for b in r.get("legal_bases") or []:
            hit, via = refers(b)
            if hit:
                route = f"cites {via}, which amends the parent" if via else "cites the parent"
                children.setdefault(i, Child(ref, route, b.get("relation") or "căn cứ", [via] if via else [], []))
                break
            inner = next(((n, v) for n in b.get("cites") or [] for k, v in targets if citation_refers_to({"number": n}, k)), None)
            if inner and b.get("number"):
                n, v = inner
                route = f"implements {b['number']}, which cites {n}" + (", which amends the parent" if v else "")
                children.setdefault(i, Child(ref, route, b.get("relation") or "căn cứ", [b["number"], *([v] if v else [])], []))
                break
        if i in children and r.get("genre") == "news_report":
            mentions[i] = Mention(ref, "a news report about a plan that cites the parent")
            del children[i]
        elif i not in children:
            for c in r.get("references") or []:
                if refers(c)[0]:
                    mentions[i] = Mention(ref, "names the parent" + (f" ({c['number']})" if c.get("number") else "") + " in its text, not as a legal basis")
                    break
    # grandchildren: documents that implement a child of the set
    by_number: dict[str, list[tuple[int, DocumentKey]]] = {}  # the children, by the key of their number

    def known(i: int) -> None:
        if (k := document_key(records[i])) is not None:
            by_number.setdefault(number_key(k.number), []).append((i, k))

    for i in children:
        known(i)
    changed = True
    while changed:
        changed = False
        for i, r in candidates:
            if i in children or r.get("genre") == "news_report":
                continue
            for b in r.get("legal_bases") or []:
                near = by_number.get(number_key(b["number"]), []) if b.get("number") else []
                hit = next((j for j, k in near if citation_refers_to(b, k)), None)
                if hit is not None:
                    via = children[hit]
                    children[i] = Child(plan_ref(r), f"implements {via.plan.label}, a child", b.get("relation") or "căn cứ", [via.plan.label, *via.via], [])
                    known(i)
                    mentions.pop(i, None)
                    changed = True
                    break
    out = []
    for i, child in children.items():
        child.tasks = tasks_of(records[i], with_title=True)
        out.append(child)
    out.sort(key=lambda c: (c.plan.date or "", c.plan.label))
    return out, sorted(mentions.values(), key=lambda m: m.plan.label)


def tasks_of(r: dict, with_title: bool = False) -> list[TaskRow]:
    rows = [TaskRow(TITLE_TASK, r["title"])] if with_title and r.get("title") else []
    for i, t in enumerate(r.get("tasks") or []):
        rows.append(TaskRow(i, collapse(t.get("text") or ""), t.get("agency"), list(t.get("partners") or []), t.get("deadline"), t.get("span"),
                            t.get("group")))
    return rows


# --- similarity ------------------------------------------------------------------------------


@cache
def _rewrites():
    """Text with named bodies removed and synonyms made one (``trace.yaml``), case kept (the word
    segmenter reads capitals)."""
    vocab = _vocab()
    domains = sorted({d.split(" ", 1)[1] for d in resources.load("agencies")["departments"] if " " in d}, key=len, reverse=True)
    heads = "|".join(re.escape(h) for h in sorted(vocab["body_heads"], key=len, reverse=True))
    named = "|".join(re.escape(b) for b in sorted(vocab["bodies"], key=len, reverse=True))
    bodies = re.compile(rf"(?<!\w)(?:(?:{heads})\s+(?:{'|'.join(re.escape(d) for d in domains)})|{named})(?!\w)", re.IGNORECASE)
    pairs = sorted(((fold(v), k) for k, vs in vocab["synonyms"].items() for v in vs), key=lambda p: -len(p[0]))
    synonyms = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v, _ in pairs) + r")(?!\w)", re.IGNORECASE)
    table = dict(pairs)
    numbers = re.compile(rf"(?:(?<!\w)[Ss]ố\s+)?(?:{grammar()['number'].pattern})")

    def rewrite(text: str) -> str:
        text = numbers.sub(" ", unicodedata.normalize("NFC", text))  # "157/2007/QĐ-TTg" is no content
        text = bodies.sub(" ", text)
        return synonyms.sub(lambda m: table.get(fold(m.group()), m.group()), text)

    return rewrite


def words_of(text: str) -> list[str]:
    """The words of a text (underthesea's segmentation: "khu công nghiệp" → "khu", "công nghiệp"),
    folded, numbers dropped."""
    from underthesea import word_tokenize

    out = []
    for token in word_tokenize(text):
        syllables = [w for w in re.findall(r"[^\W_]+", fold(token)) if not w.isdigit()]
        if any(ch.isdigit() for w in syllables for ch in w):  # "mạng 5G": a code is a word of its own
            out += syllables
        elif syllables:
            out.append(" ".join(syllables))
    return out


class TaskSimilarity:
    """Weighted cosine of task texts: their segmented, folded words, weighted by their rarity among
    the tasks compared (idf) and by ``boilerplate_weight`` when they are assignment verbs."""

    def __init__(self, texts: list[str]):
        vocab = _vocab()
        self.stop = set(vocab["stopwords"])
        self.boiler_terms = set()
        for phrase in vocab["boilerplate"]:
            self.boiler_terms.add(" ".join(re.findall(r"[^\W_]+", fold(phrase))))
            self.boiler_terms.update(words_of(phrase))
        self.boiler_weight = float(vocab["boilerplate_weight"])
        self.rewrites = _rewrites()
        self._terms_of: dict[str, list[str]] = {}  # segmenting is the costly part: once per text
        df: Counter = Counter()
        for text in texts:
            df.update(set(self._terms(text)))
        n = len(texts) or 1
        self.idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self.default_idf = math.log(n + 1) + 1.0
        self._cache: dict[str, tuple[dict[str, float], float]] = {}

    def _terms(self, text: str) -> list[str]:
        if text not in self._terms_of:
            terms: list[str] = []
            for chunk in re.split(r"[,;:.()\"“”'‘’\[\]/–]+|\s-\s", self.rewrites(text)):
                terms += [word for word in words_of(chunk) if word not in self.stop]
            self._terms_of[text] = terms
        return self._terms_of[text]

    def vector(self, text: str) -> tuple[dict[str, float], float]:
        if text not in self._cache:
            tf = Counter(self._terms(text))
            vec = {}
            for t, c in tf.items():
                w = (1 + math.log(c)) * self.idf.get(t, self.default_idf)
                if t in self.boiler_terms:
                    w *= self.boiler_weight
                vec[t] = w
            self._cache[text] = (vec, math.sqrt(sum(w * w for w in vec.values())) or 1.0)
        return self._cache[text]

    def content_shared(self, a: str, b: str) -> int:
        """How many words the two texts share that are not assignment verbs."""
        return len((self.vector(a)[0].keys() & self.vector(b)[0].keys()) - self.boiler_terms)

    def score(self, a: str, b: str, explain: int = 6) -> tuple[float, list[str]]:
        """The cosine of the two texts' weighted words, and the shared words, heaviest first.
        (Tried and dropped: the geometric mean of the cosine and the share of the parent task's
        weight the child task holds; on the annotated family it lost 0.1 of precision.)"""
        va, na = self.vector(a)
        vb, nb = self.vector(b)
        common = [(va[t] * vb[t], t) for t in va.keys() & vb.keys()]
        s = sum(x for x, _ in common) / (na * nb)
        shown = [t for _, t in sorted(common, reverse=True)]
        return s, shown[:explain]


def _instance_of(sim: TaskSimilarity, parent: str, child: str) -> list[str] | None:
    """The shared words when the child task's object is one of the class of things the parent task
    works on ("các nền tảng số quốc gia" ← "Nền tảng chuỗi khối (blockchain) quốc gia"; trace.yaml:
    object_verbs, class_markers): the same head word and another content word."""
    cls, obj = _object(parent, True), _object(child, False)
    if not cls or not obj:
        return None
    cls_words, obj_words = words_of(cls), words_of(obj)
    others = (set(cls_words[1:]) & set(obj_words[1:])) - sim.stop - sim.boiler_terms
    return [cls_words[0], *sorted(others)] if obj_words[:1] == cls_words[:1] and others else None


@cache
def _object_patterns() -> tuple[re.Pattern, re.Pattern]:
    vocab = _vocab()
    verbs = "|".join(re.escape(v) for v in sorted(vocab["object_verbs"], key=len, reverse=True))
    markers = "|".join(re.escape(m) for m in vocab["class_markers"])
    lead = rf"^(?:(?:{verbs})(?:\s*,\s*|\s+và\s+|\s+))+"
    return re.compile(lead + rf"(?:{markers})\s+(?P<obj>[^,;:.()]+)"), re.compile(lead + r"(?P<obj>[^,;:.()]+)")


def _object(text: str, as_class: bool) -> str | None:
    """The object after a task's opening verbs: a class ("các nền tảng số quốc gia") for a parent
    task, a thing ("nền tảng chuỗi khối") for a child task."""
    text = re.sub(r"\s*\([^()]*\)", "", unicodedata.normalize("NFC", text))  # "(blockchain)" aside
    folded = fold(text)
    m = _object_patterns()[0 if as_class else 1].match(folded)
    if not m:
        return None
    # as written when folding kept the length: the segmenter reads capitals ("Nền tảng tích hợp")
    return (text if len(folded) == len(text) else folded)[m.start("obj") : m.end("obj")].strip()


def is_own_business(task: TaskRow) -> bool:
    """A task about carrying out the child document itself (tracking, reporting, funding,
    propagating "Kế hoạch này"): it traces to no parent task."""
    basis, own = _own_business()
    return bool(own.search(basis.sub("", fold(task.text))))


@cache
def _own_business() -> tuple[re.Pattern, re.Pattern]:
    return re.compile(_vocab()["own_business_basis"]), re.compile("|".join(f"(?:{p})" for p in _vocab()["own_business"]))


@cache
def _document_only() -> re.Pattern:
    return re.compile(_vocab()["document_only"])


def align(parent_tasks: list[TaskRow], children: list[Child], threshold: float, keep_ratio: float | None = None, max_links: int | None = None,
          own: set[int] | None = None) -> list[Link]:
    """Links of each child's title and tasks to the parent's tasks (see the module's docstring)."""
    vocab = _vocab()
    keep_ratio = vocab["keep_ratio"] if keep_ratio is None else keep_ratio
    max_links = vocab["max_links"] if max_links is None else max_links
    plan_threshold = vocab["plan_threshold"]
    min_shared = int(vocab["min_shared_words"])
    texts = [t.text for t in parent_tasks] + [t.text for c in children for t in c.tasks]
    sim = TaskSimilarity(texts)
    links: list[Link] = []
    if own is None:  # the parent's own follow-up and reporting
        own = {pi for pi, p in enumerate(parent_tasks) if is_own_business(p)}
    for ci, child in enumerate(children):
        title_links: list[tuple[int, str]] = []
        title = next((t.text for t in child.tasks if t.index == TITLE_TASK), "")
        for task in child.tasks:
            if task.index != TITLE_TASK and is_own_business(task):
                continue
            # a parent task whose whole work is to write a document is taken up by the child that is
            # that document (its title), not by the document's own tasks
            skip = own | ({pi for pi, _ in title_links if _document_only().search(fold(parent_tasks[pi].text))} if task.index != TITLE_TASK else set())
            scored = sorted(((*sim.score(p.text, task.text), pi) for pi, p in enumerate(parent_tasks) if pi not in skip), key=lambda x: -x[0])
            linked: set[int] = set()
            if scored and scored[0][0] >= threshold:
                best = scored[0][0]
                for s, shared, pi in scored[:max_links]:
                    # a task's link by its words rests on enough of the same things, not on one or two shared words
                    few = task.index != TITLE_TASK and sim.content_shared(parent_tasks[pi].text, task.text) < min_shared
                    if s >= threshold and s >= best * keep_ratio and not few:
                        how = "title" if task.index == TITLE_TASK else "text"
                        links.append(Link(pi, ci, task.index, round(s, 3), shared, how))
                        linked.add(pi)
                        if task.index == TITLE_TASK:
                            title_links.append((pi, title))
            if task.index == TITLE_TASK:
                continue
            for pi, p in enumerate(parent_tasks):  # one of the things of a class the parent task works on
                if pi not in skip and pi not in linked:
                    shared = _instance_of(sim, p.text, task.text)
                    if shared:
                        links.append(Link(pi, ci, task.index, float(vocab["class_score"]), shared, "class"))
                        linked.add(pi)
            # a task of a plan that as a whole carries out a parent task's work serves that work when
            # it speaks of the same things (the plan's title or the parent task); not when the
            # parent's work is only to write the document (the plan itself did that)
            for pi, ttl in title_links:
                if pi in linked or _document_only().search(fold(parent_tasks[pi].text)):
                    continue
                s, shared = sim.score(parent_tasks[pi].text + " " + ttl, task.text)
                if s >= plan_threshold and shared:
                    links.append(Link(pi, ci, task.index, round(s, 3), shared, "plan"))
    return links


def trace(parent: dict | str, records: list[dict], threshold: float | None = None, keep_ratio: float | None = None, max_links: int | None = None) -> Trace:
    """The parent (a record, or a document number found among ``records``) traced into ``records``.

    Raises ValueError when the parent cannot be identified.
    """
    threshold = _vocab()["threshold"] if threshold is None else threshold
    if isinstance(parent, str):
        found = find_parent(parent, records)
        if found is None:
            m = grammar()["number"].fullmatch(parent.strip())
            if not m:
                raise ValueError(f"{parent!r} is not a document number (e.g. 2623/QĐ-TTg) nor a file")
            parent_key = DocumentKey(m.group())
            parent_record: dict | None = None
            ref = PlanRef(None, m.group(), m.group(), None, None, None, None)
        else:
            parent_record, parent_key, ref = found, document_key(found), plan_ref(found)
    else:
        parent_record, parent_key, ref = parent, document_key(parent), plan_ref(parent)
        if parent_key is None:
            raise ValueError(f"{ref.source or ref.id}: the parent has no document number, so no plan can cite it")
    if parent_record is not None and not any(r is parent_record or (r.get("id") and r.get("id") == parent_record.get("id")) for r in records):
        records = [*records, parent_record]  # its title names what an amendment amends
    amended = amendments_of(parent_record, parent_key, records)
    children, mentions = find_children(parent_record, parent_key, records, amended)
    parent_tasks = tasks_of(parent_record) if parent_record else []
    own = {i for i, t in enumerate(parent_tasks) if is_own_business(t)}
    links = align(parent_tasks, children, threshold, keep_ratio, max_links, own) if parent_tasks else []
    return Trace(ref, parent_tasks, amended, children, mentions, links, threshold, own)


# --- tables (terminal, Markdown, CSV and the database share them) -------------------------------


TITLES = {
    "children": "Children", "amendments": "Amendments of the parent", "coverage": "Coverage",
    "areas": "Coverage by area of the parent (its task table's groups): parent tasks each child takes up", "links": "Links",
    "untaken": "Parent tasks no child takes up", "unmatched": "Children's tasks that trace to no parent task",
    "mentions": "Documents naming the parent, not children",
}


def _area(task: TaskRow) -> str | None:
    """A task's area of work: the outermost group row over it."""
    return task.group.split(GROUP_SEPARATOR)[0] if task.group else None


def _task_label(task: TaskRow | None) -> str:
    if task is None:
        return ""
    if task.index == TITLE_TASK:
        return "(the plan as a whole)"
    return collapse(task.text)[:140]


def to_tables(tr: Trace) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Every section as (header, rows): children, coverage, links, untaken, unmatched."""
    n = len(tr.traced)
    children = [[c.plan.label, c.plan.issuer, c.plan.date, c.route, c.relation, len([t for t in c.tasks if t.index != TITLE_TASK]), c.plan.source] for c in tr.children]
    coverage = [[c.plan.label, len(tr.taken_up(i)), n, round(tr.coverage(i), 3), len(tr.unmatched(i)), len([t for t in c.tasks if t.index != TITLE_TASK])] for i, c in enumerate(tr.children)]
    links = []
    for lk in sorted(tr.links, key=lambda lk: (lk.parent_task, lk.child, -lk.score)):
        p, c = tr.parent_tasks[lk.parent_task], tr.task(lk.child, lk.child_task)
        links.append([
            lk.parent_task + 1, _task_label(p), tr.children[lk.child].plan.label,
            "title" if lk.child_task == TITLE_TASK else lk.child_task + 1, _task_label(c),
            c.agency, c.deadline, lk.score, ", ".join(lk.shared),
        ])
    untaken = [[i + 1, _task_label(tr.parent_tasks[i]), tr.parent_tasks[i].agency, tr.parent_tasks[i].deadline, _area(tr.parent_tasks[i])]
               for i in tr.untaken()]
    nobody = set(tr.untaken())
    areas = [[area, len(tasks), *[f"{len(tr.taken_up(ci) & set(tasks))}/{len(tasks)}" for ci in range(len(tr.children))],
              len(nobody & set(tasks))] for area, tasks in tr.areas()]
    unmatched = []
    for ci, c in enumerate(tr.children):
        for ti in tr.unmatched(ci):
            t = tr.task(ci, ti)
            unmatched.append([c.plan.label, ti + 1, _task_label(t), t.agency])
    mentions = [[m.plan.label, m.plan.issuer, m.why, m.plan.source] for m in tr.mentions]
    amend = [[a.number, a.how] for a in tr.amendments]
    return {
        "children": (["child", "issuer", "date", "route", "relation", "tasks", "source"], children),
        "amendments": (["amending document", "how it says so"], amend),
        "coverage": (["child", "parent tasks taken up", "parent tasks", "coverage", "own tasks traced to none", "own tasks"], coverage),
        "links": (["parent task", "parent task text", "child", "child task", "child task text", "lead", "deadline", "score", "shared words"], links),
        "areas": (["area", "parent tasks", *[c.plan.label for c in tr.children], "taken up by none"], areas),
        "untaken": (["parent task", "text", "lead", "deadline", "area"], untaken),
        "unmatched": (["child", "child task", "text", "lead"], unmatched),
        "mentions": (["document", "issuer", "why not a child", "source"], mentions),
    }


def terminal_tables(tr: Trace) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The sections a terminal shows, narrowed to what fits: children with their coverage, the
    links, and the parent tasks no child takes up."""
    children = [
        [c.plan.label, c.plan.issuer, c.route, f"{len(tr.taken_up(i))}/{len(tr.traced)} ({tr.coverage(i):.0%})", len(tr.unmatched(i))]
        for i, c in enumerate(tr.children)
    ]
    links = [
        [lk.parent_task + 1, collapse(tr.parent_tasks[lk.parent_task].text)[:60], tr.children[lk.child].plan.label,
         "title" if lk.child_task == TITLE_TASK else collapse(tr.task(lk.child, lk.child_task).text)[:60], lk.score]
        for lk in sorted(tr.links, key=lambda lk: (lk.parent_task, lk.child, -lk.score))
    ]
    untaken = [[i + 1, collapse(tr.parent_tasks[i].text)[:90], tr.parent_tasks[i].agency] for i in tr.untaken()]
    full = to_tables(tr)
    h, areas = full["areas"]
    return {
        "children": (["child", "issuer", "route", "coverage", "own tasks traced to none"], children),
        "areas": (h, [[collapse(r[0])[:50], *r[1:]] for r in areas]),
        "links": (["#", "parent task", "child", "child task", "score"], links),
        "untaken": (["#", "parent task", "lead"], untaken),
        "mentions": full["mentions"],
    }


def link_rows(tr: Trace) -> list[dict[str, Any]]:
    """One row per link, for the database's ``trace_links``."""
    out = []
    for lk in tr.links:
        p, c, child = tr.parent_tasks[lk.parent_task], tr.task(lk.child, lk.child_task), tr.children[lk.child]
        out.append({
            "parent_number": tr.parent.number, "parent_id": tr.parent.id, "parent_task": lk.parent_task + 1, "parent_task_text": p.text,
            "parent_lead": p.agency, "parent_task_area": _area(p), "child_number": child.plan.number, "child_id": child.plan.id, "child_source": child.plan.source,
            "child_task": None if lk.child_task == TITLE_TASK else lk.child_task + 1, "child_task_text": c.text, "child_lead": c.agency,
            "child_deadline": c.deadline, "score": lk.score, "how": lk.how, "shared": ", ".join(lk.shared),
        })
    return out


# --- scoring against a hand-made alignment --------------------------------------------------


@dataclass
class AlignmentScore:
    child: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)  # "fn: child task -> parent task", "fp: ..."

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_alignment(tr: Trace, annotation: dict[str, Any]) -> list[AlignmentScore]:
    """Links against an annotation (``tests/fixtures/trace/*.yaml``): for each annotated child, each
    of its tasks (by the opening words of its text, or ``title``) with the parent tasks it carries
    out (by their opening words; an empty list: none). Only the tasks the annotation lists are
    scored (a task the extractor finds and the annotation does not list is neither right nor
    wrong); a child the trace did not find, or a listed task it did not extract, loses its links."""

    def starts(text: str, prefix: str) -> bool:
        return fold(collapse(text)).startswith(fold(collapse(prefix)).rstrip())

    def parent_index(prefix: str) -> int | None:
        return next((i for i, t in enumerate(tr.parent_tasks) if starts(t.text, prefix)), None)

    out = []
    for entry in annotation.get("children") or []:
        sc = AlignmentScore(entry["number"])
        ci = next((i for i, c in enumerate(tr.children) if c.plan.number and number_key(c.plan.number) == number_key(entry["number"])), None)
        gold: set[tuple[int, int | str]] = set()
        listed: set[int] = set()
        for item in entry.get("tasks") or []:
            if ci is None:
                task_index = None
            elif item["task"] == "title":
                task_index = TITLE_TASK
            else:
                task_index = next((t.index for t in tr.children[ci].tasks if t.index != TITLE_TASK and starts(t.text, item["task"])), None)
            if task_index is not None:
                listed.add(task_index)
            for p in item.get("parent_tasks") or []:
                pi = parent_index(p)
                if task_index is None or pi is None:
                    sc.fn += 1
                    sc.misses.append(f"fn (not found): {item['task'][:50]} -> {p[:50]}")
                else:
                    gold.add((task_index, pi))
        predicted = {(lk.child_task, lk.parent_task) for lk in tr.links if lk.child == ci and lk.child_task in listed} if ci is not None else set()
        sc.tp += len(gold & predicted)
        for ti, pi in sorted(gold - predicted, key=str):
            sc.fn += 1
            sc.misses.append(f"fn: {_task_label(tr.task(ci, ti))[:60]} -> {tr.parent_tasks[pi].text[:60]}")
        for ti, pi in sorted(predicted - gold, key=str):
            sc.fp += 1
            sc.misses.append(f"fp: {_task_label(tr.task(ci, ti))[:60]} -> {tr.parent_tasks[pi].text[:60]}")
        out.append(sc)
    return out
