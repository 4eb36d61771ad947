"""The letters a command line names: files, folders, globs and ``-`` for standard input.

Folders are walked recursively, in sorted order, for ``.txt`` and ``.pdf`` files; a glob
(``'letters/**/*.txt'``) is expanded here too, for shells and scripts that pass it quoted.
Names are yielded as they are found, so a folder of a million letters is never listed
whole. A path that does not exist is yielded all the same: reading it fails, and that
failure is reported with the other letters' failures.
"""

from __future__ import annotations

import glob
import os
import pathlib
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from attrs import frozen

from imrparse.batch.many import Letter

__all__ = ["LETTER_SUFFIXES", "STDIN_NAME", "Source", "expand"]

#: File name endings a folder is searched for (case does not matter).
LETTER_SUFFIXES = (".txt", ".pdf")
#: The name that reports give the letter read from standard input.
STDIN_NAME = "<stdin>"


@frozen
class Source:
    """One letter to read, and the name to report it by."""

    #: The path as found (``letters/CM16-0221706.pdf``), or ``'<stdin>'``.
    name: str
    #: The letter's path, or its text for standard input.
    letter: Letter


def expand(
    arguments: Iterable[str], *, stdin: TextIO, on_empty: Callable[[str], None]
) -> Iterator[Source]:
    """Turn command-line arguments into the letters they name, in order.

    Args:
        arguments: Paths of files or folders, glob patterns, or ``-``.
        stdin: Where ``-`` reads a letter's text from.
        on_empty: Called with a folder or pattern that names no letter at all.

    Yields:
        One :class:`Source` per letter.
    """
    for argument in arguments:
        if argument == "-":
            yield Source(STDIN_NAME, stdin.read())
        elif os.path.isdir(argument):
            yield from _folder(argument, on_empty)
        elif os.path.exists(argument) or not glob.has_magic(argument):
            yield Source(argument, pathlib.Path(argument))
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                on_empty(argument)
            for match in matches:
                if os.path.isdir(match):
                    yield from _folder(match, on_empty)
                else:
                    yield Source(match, pathlib.Path(match))


def _folder(top: str, on_empty: Callable[[str], None]) -> Iterator[Source]:
    found = False
    for folder, subfolders, files in os.walk(top):
        subfolders.sort()  # os.walk follows this list: sorted here, walked in order
        for file in sorted(files):
            if file.lower().endswith(LETTER_SUFFIXES):
                found = True
                path = os.path.join(folder, file)
                yield Source(path, pathlib.Path(path))
    if not found:
        on_empty(top)
