"""Read California IMR Final Determination Letters into typed records.

>>> import imrparse
>>> d = imrparse.parse(imrparse_sample)  # doctest: +SKIP
"""

from __future__ import annotations

from imrparse import models
from imrparse.batch.many import parse_file, parse_many
from imrparse.errors import ParseError
from imrparse.export.plain_data import from_dict, from_json, json_schema, to_dict, to_json
from imrparse.export.rows import to_rows

# The records and their vocabularies: `models.__all__` is their one list.
from imrparse.models import *  # noqa: F403
from imrparse.models import __all__ as __all__
from imrparse.read.letter import parse
from imrparse.read.pdf import PdfError, parse_pdf
from imrparse.version import __version__
from imrparse.write.annotate import annotate
from imrparse.write.render import render

# Type checkers read the exports of `models` in two ways: mypy from the import of its
# `__all__` above (it does not follow `+=`), pyright and the typing spec from `+=` below.
__all__ = [  # noqa: F811 (the list starts anew here at run time)
    "ParseError",
    "PdfError",
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
__all__ += models.__all__
