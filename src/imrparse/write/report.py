"""One record as a report for a person to read: what ``imrparse show`` prints.

The report follows the letter's order (case, reviewer, worker, summary, decisions) and
opens with a one-line tally of the outcomes. Values the letter does not give read
``(not given)``; long text is wrapped to the width asked for.

>>> import datetime
>>> from imrparse import Basis, Claimant, Decision, Determination, Outcome, Reviewer
>>> basis = Basis(text="Decision based on MTUS.", based_on_mtus=True, cites_evidence=True)
>>> d = Determination(
...     generation="2013", case=None,
...     reviewer=Reviewer(certifications=("Anesthesiology",), licensed_in=("Texas",)),
...     claimant=Claimant(role="injured worker", age=38),
...     diagnoses=("lumbago",), medications=(), summary="The injured worker is 38.",
...     decisions=(Decision(item="Diazepam 10mg #30", outcome=Outcome.UPHELD,
...         claims_administrator_basis=basis, reviewer_basis=basis,
...         rationale="Not medically necessary."),),
... )
>>> print(format_determination(d, width=80))
IMR Final Determination (2013 template): 1 decision, 1 upheld, 0 overturned
<BLANKLINE>
Expert reviewer
  Certifications         Anesthesiology
  Subspecialties         (none)
  Licensed in            Texas
  Profession             (not given)
  In practice            (not given)
<BLANKLINE>
Injured worker
  Called                 injured worker
  Age                    38
  Sex                    (not given)
  Date of injury         (not given)
<BLANKLINE>
Diagnoses (1)
  - lumbago
<BLANKLINE>
Medications (none listed)
<BLANKLINE>
Clinical case summary
  The injured worker is 38.
<BLANKLINE>
Decision 1 of 1: UPHELD (the denial stands: not medically necessary)
  Item                   Diazepam 10mg #30
  Claims administrator   Decision based on MTUS.
  Expert reviewer        Decision based on MTUS.
  Rationale
    Not medically necessary.
"""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Iterable, Iterator, Sequence

from imrparse.models import Basis, Citation, Decision, Determination, Outcome, Request, Reviewer

__all__ = ["format_determination", "page_ranges"]

_LABEL_WIDTH = 23
_NOT_GIVEN = "(not given)"
_OUTCOME_MEANING = {
    Outcome.UPHELD: "the denial stands: not medically necessary",
    Outcome.OVERTURNED: "the denial is reversed: medically necessary",
}


def page_ranges(pages: Sequence[int]) -> str:
    """Write page numbers back as the short ranges a letter uses.

    Args:
        pages: Page numbers in order, as in :attr:`imrparse.Citation.pages`.

    Returns:
        Runs of consecutive pages as ranges, joined with commas.

    >>> page_ranges((76, 77, 78, 79, 80, 24, 66))
    '76-80, 24, 66'
    """
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def format_determination(determination: Determination, *, width: int = 88) -> str:
    """Lay one record out as a plain-text report.

    Args:
        determination: The record.
        width: Line width to wrap long text at (at least 40).

    Returns:
        The report, without a final line break.
    """
    width = max(width, 40)
    return "\n".join(_report(determination, width))


def _value(value: object) -> str:
    if value is None:
        return _NOT_GIVEN
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _listed(values: Iterable[str]) -> str:
    return "; ".join(values) or "(none)"


def _field(label: str, value: str, width: int, indent: str = "  ") -> Iterator[str]:
    """Give a label and its value, the value wrapped in a column after the label."""
    return _hanging(value, width, f"{indent}{label:<{_LABEL_WIDTH}}")


def _paragraph(text: str, width: int, indent: str) -> Iterator[str]:
    yield from textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    ) or [f"{indent}(empty)"]


def _bullet(text: str, width: int, bullet: str = "  - ") -> Iterator[str]:
    """One item of a list: the bullet on its first line only, the rest aligned under it."""
    return _hanging(text, width, bullet)


def _hanging(text: str, width: int, lead: str) -> Iterator[str]:
    """``lead`` then the text, wrapped, its later lines aligned under the text's start."""
    yield from textwrap.wrap(
        text,
        width,
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def _heading(text: str, width: int) -> Iterator[str]:
    """A line that starts a part of the report, wrapped like the rest."""
    yield from textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False)


def _report(d: Determination, width: int) -> Iterator[str]:
    upheld = sum(1 for decision in d.decisions if decision.outcome is Outcome.UPHELD)
    count = len(d.decisions)
    yield from _heading(
        f"IMR Final Determination ({d.generation} template): "
        f"{count} decision{'' if count == 1 else 's'}, "
        f"{upheld} upheld, {count - upheld} overturned",
        width,
    )
    if d.case is not None:
        yield ""
        yield "Case"
        case = d.case
        yield from _field("Case number", _value(case.case_number), width)
        yield from _field("Date assigned", _value(case.date_assigned), width)
        yield from _field("Date of injury", _value(case.date_of_injury), width)
        yield from _field("Decision date", _value(case.decision_date), width)
        yield from _field("UR denial date", _value(case.ur_denial_date), width)
        yield from _field("Application received", _value(case.application_received), width)
        yield from _field("Priority", _value(case.priority), width)
    reviewers = d.reviewers or (d.reviewer,)
    for number, reviewer in enumerate(reviewers, start=1):
        yield ""
        yield "Expert reviewer" + (f" {number} of {len(reviewers)}" if len(reviewers) > 1 else "")
        yield from _field("Certifications", _listed(reviewer.certifications), width)
        yield from _field("Subspecialties", _listed(reviewer.subspecialties), width)
        yield from _field("Licensed in", _listed(reviewer.licensed_in), width)
        yield from _field("Profession", _value(reviewer.profession), width)
        yield from _field("In practice", _practice(reviewer), width)
    yield ""
    yield "Injured worker"
    claimant = d.claimant
    yield from _field("Called", _value(claimant.role), width)
    yield from _field("Age", _value(claimant.age), width)
    yield from _field("Sex", _value(claimant.sex.value if claimant.sex else None), width)
    yield from _field("Date of injury", _value(claimant.date_of_injury), width)
    for title, entries in (("Diagnoses", d.diagnoses), ("Medications", d.medications)):
        yield ""
        if not entries:
            yield f"{title} (none listed)"
            continue
        yield f"{title} ({len(entries)})"
        for entry in entries:
            yield from _bullet(entry, width)
    yield ""
    yield "Clinical case summary"
    yield from _paragraph(d.summary, width, "  ")
    for number, decision in enumerate(d.decisions, start=1):
        yield ""
        yield from _decision(decision, number, count, width)
    if d.warnings:
        yield ""
        yield f"Warnings ({len(d.warnings)})"
        for warning in d.warnings:
            yield from _bullet(f"{warning.field} ({warning.kind}): {warning.message}", width)


def _practice(reviewer: Reviewer) -> str:
    parts = []
    if reviewer.min_years_in_practice is not None:
        parts.append(f"more than {reviewer.min_years_in_practice} years")
    if reviewer.min_hours_per_week is not None:
        parts.append(f"at least {reviewer.min_hours_per_week} hours a week")
    return ", ".join(parts) or _NOT_GIVEN


def _request(request: Request) -> str:
    """Give the parts of a requested item that the item line names, or ``''``."""
    parts = [
        f"{label} {value}"
        for label, value in (
            ("strength", request.strength),
            ("quantity", request.quantity),
            ("frequency", request.frequency),
            ("duration", request.duration),
            ("body part", request.body_part),
            ("laterality", request.laterality),
        )
        if value is not None
    ]
    if request.unparsed:
        parts.append("also " + "; ".join(f"'{piece}'" for piece in request.unparsed))
    return ", ".join(filter(None, [request.name or "", *parts]))


def _decision(decision: Decision, number: int, count: int, width: int) -> Iterator[str]:
    outcome = decision.outcome
    yield from _heading(
        f"Decision {number} of {count}: {outcome.name} ({_OUTCOME_MEANING[outcome]})", width
    )
    yield from _field("Item", decision.item, width)
    requested = _request(decision.request)
    if requested:
        yield from _field("Requested", requested, width)
    if (category := decision.request.category) is not None:
        named = " > ".join(part.value for part in (category.category, category.subcategory) if part)
        drug = f", drug class {category.drug_class.value}" if category.drug_class else ""
        yield from _field("Category", named + drug, width)
    if decision.original_request is not None:
        yield from _field("Original request", decision.original_request, width)
    if decision.authorized is not None:
        yield from _field("Authorized", decision.authorized, width)
    yield from _basis("Claims administrator", decision.claims_administrator_basis, width)
    yield from _basis("Expert reviewer", decision.reviewer_basis, width)
    yield "  Rationale"
    yield from _paragraph(decision.rationale, width, "    ")


def _basis(label: str, basis: Basis, width: int) -> Iterator[str]:
    yield from _field(label, basis.text, width)
    if not basis.cites_evidence:
        yield from _field("", "(cites no medical evidence)", width)
    elif not basis.based_on_mtus:
        yield from _field("", "(not based on the MTUS)", width)
    bullet = "  " + " " * _LABEL_WIDTH + "* "
    for citation in basis.citations:
        yield from _bullet(_citation(citation), width, bullet)


def _citation(citation: Citation) -> str:
    text = f"{citation.source.value} {citation.title or citation.text}"
    if citation.year is not None:
        text += f" {citation.year}"
    if citation.sections:
        text += ": " + "; ".join(citation.sections)
    if citation.pages:
        page_word = "page" if len(citation.pages) == 1 else "pages"
        text += f", {page_word} {page_ranges(citation.pages)}"
    return text
