"""The article record: the JSON contract of ../shared/docs/record.md as Pydantic v2 models.

These models are the single source of truth. Every model forbids unknown fields, so a
misspelled field is an error, not a silent drop. Validation that spans fields (a figure's
offsets into the body, currency set exactly for money) lives here, once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

SCHEMA_VERSION = "1.0"


def _as_number(value: Decimal) -> int | float:
    """JSON numbers: integral decimals become ints, others the nearest float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank; use null for absent values")
    return value


Number = Annotated[Decimal, PlainSerializer(_as_number, return_type=int | float, when_used="json")]
Text = Annotated[str, AfterValidator(_not_blank)]

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "table_row", "caption"]
Measure = Literal[
    "count", "money", "percent", "fraction", "duration", "area", "weight", "length",
    "energy", "rate", "other",
]
Qualifier = Literal[
    "exact", "approx", "more_than", "at_least", "nearly", "less_than", "at_most", "range",
]
HonoureeKind = Literal["person", "organisation", "project", "community", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Block(_Model):
    """One block of the article body."""

    kind: BlockKind
    text: Text


class Image(_Model):
    """An image that belongs to the article (not to the page furniture)."""

    url: Text
    alt: Text | None = None
    caption: Text | None = None


class Link(_Model):
    """A related / recommended / previous-next article link shown with the article."""

    title: Text
    url: Text
    date: str | None = Field(default=None, description="ISO date; year inferred for month-day")
    date_text: Text | None = Field(default=None, description="the date exactly as shown")


class Figure(_Model):
    """A quantity stated in the body, normalised."""

    text: Text
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: Number
    value_max: Number | None = None
    unit: Text | None = None
    measure: Measure
    qualifier: Qualifier = "exact"
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    subject: Text | None = None
    honouree: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.end <= self.start:
            raise ValueError("end must be greater than start")
        if self.end - self.start != len(self.text):
            raise ValueError("end - start must equal len(text)")
        if (self.measure == "money") != (self.currency is not None):
            raise ValueError("currency is set exactly when measure is 'money'")
        if (self.qualifier == "range") != (self.value_max is not None):
            raise ValueError("value_max is set exactly when qualifier is 'range'")
        return self


class Honouree(_Model):
    """A person, organisation, project or place the article names as receiving an honour."""

    name: Text
    aliases: list[Text] = Field(default_factory=list)
    kind: HonoureeKind
    award: Text | None = None
    programme: Text | None = None
    sponsor: Text | None = None
    place: Text | None = None
    since: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    description: Text | None = None


class Capture(_Model):
    """How the page's bytes were obtained: enough to trace the record back to them."""

    fetched_at: datetime | None = Field(default=None, description="UTC time of the fetch")
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    encoding: str | None = Field(default=None, description="charset actually used to decode")
    encoding_source: str | None = Field(
        default=None, description="which rule chose the charset: bom, http, meta, sniff, default"
    )
    input: str | None = Field(default=None, description="the file or URL the bytes came from")
    content_sha1: str | None = Field(default=None, description="SHA-1 of the payload, base32")
    truncated: str | None = Field(default=None, description="why the payload was cut, if it was")
    warc_file: str | None = None
    warc_record_id: str | None = None
    warc_offset: int | None = Field(default=None, description="byte offset of the WARC record")


class Article(_Model):
    """One extracted news page."""

    schema_version: str = SCHEMA_VERSION
    url: str | None = None
    canonical_url: str | None = None
    title: Text | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[Text] = Field(default_factory=list)
    source: Text | None = None
    site_name: Text | None = None
    language: str | None = None
    description: Text | None = None
    breadcrumb: list[Text] = Field(default_factory=list)
    view_count: int | None = Field(default=None, ge=0)
    body: str = ""
    blocks: list[Block] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    related: list[Link] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    honourees: list[Honouree] = Field(default_factory=list)
    provenance: dict[str, str] = Field(default_factory=dict)
    capture: Capture | None = None

    @model_validator(mode="after")
    def _figures_point_into_body(self) -> Article:
        names = {h.name for h in self.honourees}
        for fig in self.figures:
            if self.body[fig.start : fig.end] != fig.text:
                raise ValueError(
                    f"figure {fig.text!r} does not match body[{fig.start}:{fig.end}]"
                )
            if fig.honouree is not None and fig.honouree not in names:
                raise ValueError(f"figure {fig.text!r} names unknown honouree {fig.honouree!r}")
        return self


def json_schema() -> dict[str, object]:
    """The JSON Schema of the record as it is serialised (the contract pipelines read)."""
    schema = Article.model_json_schema(mode="serialization")
    schema["$id"] = f"https://scraper.invalid/schema/article-{SCHEMA_VERSION}.json"
    return schema
