"""Imported by the fork server of ``imrparse parse --jobs N``, before it forks the workers.

A worker forked from a fork server that has imported this starts with imrparse imported
and the parsers built (functools.cache keeps them), instead of spending ~0.4 s of CPU on
them itself while the parent reads the first letters: the fork server does that work
once for every worker. See where the command sets the preload (:mod:`imrparse.cli.main`).
"""

from __future__ import annotations

# The command's outputs' prepare functions, which each worker is sent, live there.
import imrparse.cli.main  # noqa: F401
from imrparse.read.parsers import letter_parser, request_lexer

letter_parser()
request_lexer()
