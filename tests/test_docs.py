"""Every code block of the README and docs/ that a user would paste, run as written.

- ``python`` blocks run in order, one namespace per page, in a scratch folder that holds
  a copy of the fixture letters (``letters/``, ``letter.txt``, ``tests/data``) and a few
  names the pages use for "your letter" (``text``, ``damaged``, ``record``).
- ``sh`` blocks run in bash (``set -e``) in the same folder, with this Python and its
  ``imrparse`` command first on ``PATH``. A shell block may only run ``imrparse``,
  ``python -m imrparse``, or ``python FILE`` for a file the page itself gives.
- ``<!-- file: NAME -->`` before a block saves it as ``NAME`` instead of running it; a
  later ``python NAME`` line runs it.
- ``<!-- not run by tests/test_docs.py: REASON -->`` before a block leaves it out, and
  says why. It is for what cannot run here (installing from PyPI, minutes-long
  benchmarks); any other block that cannot run is a failure.
- Blocks in ``text``, ``json`` or no language are output, not code: not run.

The Spark recipe needs pyspark and Java; without them its block is skipped with the
reason printed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

import support

ROOT = pathlib.Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LETTERS = ROOT / "tests" / "data" / "letters"
SKIP = re.compile(r"<!-- not run by tests/test_docs\.py: (?P<reason>[^>]+?) -->")
FILE = re.compile(r"<!-- file: (?P<name>[\w.-]+) -->")
BLOCK = re.compile(r"^```(?P<language>[\w-]*)\n(?P<code>.*?)^```$", re.DOTALL | re.MULTILINE)
# What a shell line may run, besides comments.
SHELL_COMMAND = re.compile(r"^(imrparse|python -m imrparse|python (?P<file>[\w.-]+\.py))\b")
RUN_LANGUAGES = {"python", "sh", "bash", "shell"}
PATIENCE = 900


def blocks(page: pathlib.Path) -> list[tuple[int, str, str, str | None, str | None]]:
    """(line, language, code, file name, reason not to run) of each block of a page."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        before = text[: match.start()].rstrip("\n").rpartition("\n")[2]
        skip, file = SKIP.fullmatch(before), FILE.fullmatch(before)
        line = text.count("\n", 0, match.start()) + 1
        found.append(
            (
                line,
                match["language"],
                match["code"],
                file["name"] if file else None,
                skip["reason"] if skip else None,
            )
        )
    return found


def scratch_folder(folder: pathlib.Path) -> None:
    """The files the pages' examples use: letters, as a user would have them."""
    letters = folder / "letters"
    letters.mkdir()
    good = sorted(LETTERS.glob("seed_*.txt")) + sorted(LETTERS.glob("g2_a*.txt"))
    for path in good:
        shutil.copy(path, letters / path.name)
    shutil.copy(good[0], folder / "letter.txt")
    shutil.copy(good[1], folder / "another.txt")
    shutil.copy(good[2], folder / "pasted.txt")
    (folder / "tests" / "data").mkdir(parents=True)
    shutil.copytree(LETTERS, folder / "tests" / "data" / "letters")
    pdf = letter_pdf(good[0].read_text(encoding="utf-8"))
    if pdf is not None:
        (letters / "2016").mkdir()
        (letters / "2016" / "CM16-0221706.pdf").write_bytes(pdf)
        (letters / "CM16-0221706.pdf").write_bytes(pdf)


def letter_pdf(text: str) -> bytes | None:
    """The letter as a PDF, or ``None`` where the PDF extras are not installed."""
    if importlib.util.find_spec("fpdf") is None or importlib.util.find_spec("pypdfium2") is None:
        return None
    return support.letter_pdf(text)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    env["PATH"] = os.pathsep.join([str(pathlib.Path(sys.executable).parent), env["PATH"]])
    env.setdefault("PYSPARK_PYTHON", sys.executable)
    return env


def prelude(folder: pathlib.Path) -> dict[str, object]:
    """The names that the pages' snippets take as given: a letter's text and record."""
    import imrparse

    text = (folder / "letter.txt").read_text(encoding="utf-8")
    return {
        "imrparse": imrparse,
        "text": text,
        "damaged": text.replace("CLINICAL CASE SUMMARY", "", 1),
        "record": imrparse.parse(text),
    }


def needs_missing(code: str) -> str | None:
    """Why a block cannot run on this machine (pyspark or Java missing), or None."""
    if "pyspark" in code:
        if importlib.util.find_spec("pyspark") is None:
            return "pyspark is not installed (pip install pyspark)"
        if shutil.which("java") is None:
            return "no Java runtime for Spark"
    return None


# A snippet may leave a file to the garbage collector (open(...).read()), as users do.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_code_blocks_of_a_page_run_as_written(page, tmp_path, capsys):
    scratch_folder(tmp_path)
    namespace = prelude(tmp_path)
    files: dict[str, str] = {}
    left_out = []
    for line, language, code, file, reason in blocks(page):
        where = f"{page.name}:{line}"
        if reason is not None:
            left_out.append(f"{where}: {reason}")
            continue
        if language not in RUN_LANGUAGES:
            continue
        if file is not None:
            (tmp_path / file).write_text(code, encoding="utf-8")
            files[file] = code
            continue
        if language == "python":
            with contextlib.chdir(tmp_path):
                exec(compile(code, where, "exec"), namespace)  # the doc's own code
            continue
        run_shell(where, code, files, tmp_path, left_out)
    with capsys.disabled():
        for entry in left_out:
            print(f"\n  not run: {entry}", end="")


def run_shell(
    where: str, code: str, files: dict[str, str], folder: pathlib.Path, left_out: list[str]
) -> None:
    for command in code.splitlines():
        command = command.strip()
        if not command or command.startswith("#"):
            continue
        allowed = SHELL_COMMAND.match(command)
        assert allowed, (
            f"{where}: {command!r} is neither imrparse nor a file of the page: "
            "mark the block <!-- not run by tests/test_docs.py: REASON -->"
        )
        if allowed["file"]:
            assert allowed["file"] in files, f"{where}: {allowed['file']} is not given above"
            missing = needs_missing(files[allowed["file"]])
            if missing is not None:
                left_out.append(f"{where}: {missing}")
                continue
    missing = [needs_missing(files.get(name, "")) for name in files if f"python {name}" in code]
    if any(missing):
        return
    done = subprocess.run(
        ["bash", "-e", "-c", code.replace("python ", f"{sys.executable} ")],
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        check=False,
    )
    assert done.returncode == 0, f"{where}: exit {done.returncode}\n{done.stderr}"


def test_every_marker_stands_right_before_the_block_it_is_about():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        found = blocks(page)
        assert len(SKIP.findall(text)) == sum(reason is not None for *_, reason in found), page
        assert len(FILE.findall(text)) == sum(file is not None for *_, file, _ in found), page
    names = [file for *_, file, _ in blocks(ROOT / "docs" / "scaling.md") if file]
    assert names == ["one_machine.py", "imrparse_dask_recipe.py", "imrparse_spark_recipe.py"]
