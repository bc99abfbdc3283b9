"""The plan record: pydantic models that are the contract of docs/plan-record.md.

The JSON Schema in ``schemas/plan-record.schema.json`` is generated from these models
(``trichxuat schema``); a test fails when the two differ.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Genre = Literal["plan", "decision", "news_report", "other"]
IssuerLevel = Literal["central", "ministry", "province", "department", "district", "commune", "party", "other"]
SourceFormat = Literal["text", "markdown", "html", "pdf", "docx"]
SignerMode = Literal["TM.", "KT.", "TL.", "TUQ.", "Q."]
Role = Literal["lead", "cooperate", "implement"]
AgencyKind = Literal[
    "department", "office", "people_committee", "front", "mass_org", "press", "bank",
    "steering_committee", "group", "other",
]
ObjectiveKind = Literal["purpose", "requirement", "general_goal", "specific_goal"]
FundingKind = Literal["state_budget", "program", "integrated", "mobilized", "unit_budget", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Where a value came from: character offsets into the normalized text (end exclusive)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, description="1-based page, for paged sources (PDF)")


class Spanned(_Model):
    span: Span | None = Field(default=None, description="the words this value was read from; null when absent")


class Warning(_Model):
    """Something the reader should know: an inferred value, a blank field, a disagreement."""

    code: str
    message: str
    span: Span | None = None


class Source(_Model):
    uri: str | None = None
    format: SourceFormat
    sha256: str
    portal: str | None = Field(default=None, description='"thuvienphapluat", "vbpl", ... when the input is a portal page')
    pages: int | None = None
    ocr: bool = False


class DocumentType(Spanned):
    name: str | None = None
    code: str | None = None


class DocumentNumber(Spanned):
    raw: str | None = Field(default=None, description='as printed after "Số:", e.g. "182/KH-UBND" or "/KH-UBND"')
    number: str | None = None
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None


class Issued(Spanned):
    date: str | None = Field(default=None, description="ISO date when day, month and year are all stated")
    year: int | None = None
    month: int | None = None
    day: int | None = None
    place: str | None = None


class Issuer(Spanned):
    name: str | None = None
    parent: str | None = None
    level: IssuerLevel | None = None
    province: str | None = None
    district: str | None = None
    province_2025: str | None = Field(default=None, description="the province after the 1 July 2025 merger")


class Period(Spanned):
    start_year: int | None = None
    end_year: int | None = None
    vision_year: int | None = Field(default=None, description='"tầm nhìn đến 2045"')


class Objective(Spanned):
    kind: ObjectiveKind
    text: str


class Citation(Spanned):
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    title: str | None = None
    issuer: str | None = None
    issuer_raw: str | None = None
    subject: str | None = None


class LegalBasis(Citation):
    relation: str
    cites: list[str] = Field(default_factory=list)


class Reference(Citation):
    pass


class Program(Spanned):
    name: str
    project: str | None = None
    subproject: str | None = None


class Target(Spanned):
    text: str
    value: float
    unit: str | None = None
    comparator: Literal["=", ">=", ">", "<=", "<"] = "="
    subject: str | None = None
    year: int | None = None


GROUP_SEPARATOR = " › "  # between the group rows of a task table in Task.group, outermost first


class Task(Spanned):
    agency: str
    agency_raw: str | None = None
    requested: bool = False
    role: Role = "implement"
    partners: list[str] = Field(default_factory=list)
    text: str
    deadline: str | None = None
    report_to: str | None = None
    group: str | None = None  # a task table's group rows over the task ("Phát triển hạ tầng số › Nhóm …"): what area of work it belongs to


class Agency(Spanned):
    name: str
    kind: AgencyKind = "other"
    locality: str | None = None
    roles: list[Role] = Field(default_factory=list)
    mentions: int = 0


class Amount(Spanned):
    amount: int
    currency: Literal["VND"] = "VND"
    text: str
    words: str | None = None
    words_amount: int | None = None


class BudgetItem(Spanned):
    label: str
    amount: int


class FundingSource(Spanned):
    kind: FundingKind
    level: Literal["central", "province", "district", "commune"] | None = Field(
        default=None, description="which state budget, when the text names it"
    )
    text: str
    reference: str | None = Field(default=None, description="the decision that allocates it, e.g. 1153/QĐ-UBND")


class Budget(_Model):
    total: Amount | None = None
    items: list[BudgetItem] = Field(default_factory=list)
    sources: list[FundingSource] = Field(default_factory=list)


class Signer(Spanned):
    name: str | None = None
    position: str | None = None
    mode: SignerMode | None = None
    on_behalf_of: str | None = None
    rank: str | None = None  # a military or police rank printed before the name ("Đại tướng"), not part of it


class Recipient(Spanned):
    name: str
    note: str | None = None


class PortalMetadata(Spanned):
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    signer: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    gazette_date: str | None = None
    gazette_number: str | None = None
    status: str | None = None
    field: str | None = None


class Section(Spanned):
    label: str
    heading: str
    level: int = Field(ge=1)
    children: list[Section] = Field(default_factory=list)


class PlanRecord(_Model):
    """One published plan document, as a validated record."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str
    source: Source
    genre: Genre
    document_type: DocumentType = Field(default_factory=DocumentType)
    number: DocumentNumber = Field(default_factory=DocumentNumber)
    issued: Issued = Field(default_factory=Issued)
    title: str | None = None
    issuer: Issuer = Field(default_factory=Issuer)
    period: Period | None = None
    scope: str | None = None
    audiences: list[str] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    signer: Signer = Field(default_factory=Signer)
    recipients: list[Recipient] = Field(default_factory=list)
    archive: str | None = None
    portal_metadata: PortalMetadata | None = None
    sections: list[Section] = Field(default_factory=list)
    spans: dict[str, Span] = Field(
        default_factory=dict,
        description='spans of plain-string fields, keyed by path: "title", "scope", "archive", "audiences[0]"',
    )
    not_extracted: list[str] = Field(
        default_factory=list,
        description="field groups this version does not extract yet: their empty values mean 'not looked for'",
    )
    warnings: list[Warning] = Field(default_factory=list)
    text: str | None = Field(default=None, description="the normalized text, with --include-text")


def json_schema() -> dict:
    schema = PlanRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://trichxuat.example/schemas/plan-record.schema.json"
    return schema
