"""Read California IMR Final Determination Letters into typed records.

>>> import imrparse
>>> d = imrparse.parse(imrparse_sample)  # doctest: +SKIP
"""

from __future__ import annotations

from imrparse.annotate import annotate
from imrparse.batch import parse_file, parse_many
from imrparse.errors import ParseError
from imrparse.letter import parse
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
    Outcome,
    ReadWarning,
    Request,
    Reviewer,
    Sex,
    Span,
    WarningKind,
)
from imrparse.pdf import parse_pdf
from imrparse.render import render
from imrparse.serde import from_dict, from_json, json_schema, to_dict, to_json
from imrparse.tables import to_rows

__version__ = "0.1.0.dev0"

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
    "Outcome",
    "ParseError",
    "ReadWarning",
    "Request",
    "Reviewer",
    "Sex",
    "Span",
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
