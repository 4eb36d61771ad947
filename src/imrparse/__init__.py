"""Read California IMR Final Determination Letters into typed records.

>>> import imrparse
>>> d = imrparse.parse(imrparse_sample)  # doctest: +SKIP
"""

from __future__ import annotations

from imrparse.batch.many import parse_file, parse_many
from imrparse.errors import ParseError
from imrparse.export.plain_data import from_dict, from_json, json_schema, to_dict, to_json
from imrparse.export.rows import to_rows
from imrparse.models import (
    GENERATION_2013,
    GENERATION_2016,
    Basis,
    CaseHeader,
    Citation,
    CitationSource,
    Claimant,
    Decision,
    Determination,
    DrugClass,
    Generation,
    Outcome,
    ReadWarning,
    Request,
    RequestCategory,
    Reviewer,
    Sex,
    Span,
    TreatmentCategory,
    TreatmentSubcategory,
    WarningKind,
)
from imrparse.read.letter import parse
from imrparse.read.pdf import PdfError, parse_pdf
from imrparse.version import __version__
from imrparse.write.annotate import annotate
from imrparse.write.render import render

__all__ = [
    "GENERATION_2013",
    "GENERATION_2016",
    "Basis",
    "CaseHeader",
    "Citation",
    "CitationSource",
    "Claimant",
    "Decision",
    "Determination",
    "DrugClass",
    "Generation",
    "Outcome",
    "ParseError",
    "PdfError",
    "ReadWarning",
    "Request",
    "RequestCategory",
    "Reviewer",
    "Sex",
    "Span",
    "TreatmentCategory",
    "TreatmentSubcategory",
    "WarningKind",
    "__version__",
    "annotate",
    "from_dict",
    "from_json",
    "json_schema",
    "parse",
    "parse_file",
    "parse_many",
    "parse_pdf",
    "render",
    "to_dict",
    "to_json",
    "to_rows",
]
