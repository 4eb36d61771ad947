"""Read California IMR Final Determination Letters into typed records.

>>> import imrparse
>>> d = imrparse.parse(imrparse_sample)  # doctest: +SKIP
"""

from __future__ import annotations

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
    WarningKind,
)
from imrparse.serde import from_dict, from_json, to_dict, to_json

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
    "WarningKind",
    "__version__",
    "from_dict",
    "from_json",
    "parse",
    "to_dict",
    "to_json",
]
