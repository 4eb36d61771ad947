"""The letters a command line names: files, folders, globs and ``-`` for standard input.

Folders are walked recursively, in sorted order, for ``.txt`` and ``.pdf`` files; a glob
(``'letters/**/*.txt'``) is expanded here too, for shells and scripts that pass it quoted.
Names are yielded as they are found, so a folder of a million letters is never listed
whole. A path that does not exist is yielded all the same: reading it fails, and that
failure is reported with the other letters' failures.

What is not read is yielded too, as a :class:`Skipped` with its reason, so that a report
can account for every file: a link to a folder (not followed, so a link loop cannot make
a walk endless), and a file reached a second time (a link to a letter that the walk
reads anyway, two links to one file, a hard link, a file named twice).
"""

from __future__ import annotations

import glob
import os
import pathlib
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from attrs import frozen

from imrparse.batch.many import Letter

__all__ = [
    "LETTER_SUFFIXES",
    "STDIN_NAME",
    "Skipped",
    "Source",
    "expand",
    "letters_only",
]

#: File name endings a folder is searched for (case does not matter).
LETTER_SUFFIXES = (".txt", ".pdf")
#: The name that reports give the letter read from standard input.
STDIN_NAME = "<stdin>"


@frozen
class Source:
    """One letter to read, and the name to report it by."""

    #: The path as found (``letters/CM16-0221706.pdf``), or ``'<stdin>'``.
    name: str
    #: The letter's path, or the bytes read from standard input.
    letter: Letter


@frozen
class Skipped:
    """A path that names no letter to read, and why."""

    #: The path as found.
    name: str
    #: ``'folder-link'`` or ``'duplicate'``.
    kind: str
    #: Why, for a person.
    message: str


def expand(
    arguments: Iterable[str], *, stdin: BinaryIO, on_empty: Callable[[str], None]
) -> Iterator[Source | Skipped]:
    """Turn command-line arguments into the letters they name, in order.

    Args:
        arguments: Paths of files or folders, glob patterns, or ``-``.
        stdin: Where ``-`` reads a letter's bytes from (text or PDF).
        on_empty: Called with a folder or pattern that names no letter at all.

    Yields:
        One :class:`Source` per letter, and one :class:`Skipped` per path not read.
    """
    arguments = list(arguments)
    seen = _Seen(every_file=len(arguments) > 1)
    for argument in arguments:
        if argument == "-":
            yield Source(STDIN_NAME, stdin.read())
        elif os.path.isdir(argument):
            yield from _folder(argument, on_empty, seen)
        elif os.path.exists(argument) or not glob.has_magic(argument):
            yield seen.check(argument)
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                on_empty(argument)
            for match in matches:
                if os.path.isdir(match):
                    yield from _folder(match, on_empty, seen)
                else:
                    yield seen.check(match)


class _Seen:
    """Which files were already given, so that each is read once.

    Keeping every file's identity would make memory grow with the number of letters;
    within one folder walk only links and hard links can reach a file twice, so only
    they are kept, unless several arguments could name the same files.
    """

    def __init__(self, *, every_file: bool) -> None:
        self._every_file = every_file
        self._files: dict[tuple[int, int], str] = {}
        # Real paths of the folders walked so far and being walked.
        self.walked: list[str] = []

    def check(self, path: str, *, in_walk: bool = False) -> Source | Skipped:
        try:
            status = os.stat(path)
        except OSError:
            return Source(path, pathlib.Path(path))  # reading it will say what is wrong
        link = os.path.islink(path)
        if link and in_walk:
            real = os.path.realpath(path)
            if real.lower().endswith(LETTER_SUFFIXES) and any(
                real.startswith(folder + os.sep) for folder in self.walked
            ):
                return Skipped(path, "duplicate", f"a link to {real}, which is read as itself")
        if self._every_file or link or status.st_nlink > 1:
            identity = (status.st_dev, status.st_ino)
            first = self._files.get(identity)
            if first is not None:
                return Skipped(path, "duplicate", f"the same file as {first}, read once")
            self._files[identity] = path
        return Source(path, pathlib.Path(path))


def _folder(top: str, on_empty: Callable[[str], None], seen: _Seen) -> Iterator[Source | Skipped]:
    found = False
    seen.walked.append(os.path.realpath(top))
    for folder, subfolders, files in os.walk(top):
        links = [name for name in subfolders if os.path.islink(os.path.join(folder, name))]
        for name in sorted(links):
            path = os.path.join(folder, name)
            yield Skipped(path, "folder-link", "a link to a folder: not followed")
        # os.walk follows this list: sorted here, walked in order, links left out.
        subfolders[:] = sorted(name for name in subfolders if name not in links)
        for file in sorted(files):
            if file.lower().endswith(LETTER_SUFFIXES):
                found = True
                yield seen.check(os.path.join(folder, file), in_walk=True)
    if not found:
        on_empty(top)


def letters_only(
    items: Iterable[Source | Skipped], on_skipped: Callable[[Skipped], None]
) -> Iterator[Source]:
    """The letters among what :func:`expand` found; each path not read goes to ``on_skipped``."""
    for item in items:
        if isinstance(item, Source):
            yield item
        else:
            on_skipped(item)
