"""Mutation check: does the test suite notice when a rule is broken on purpose?

Each mutation below changes one rule of the parser in a small, plausible way (a ``<=``
that becomes ``<``, a list that loses its last entry). The script applies them one at a
time to a copy of ``src/`` (the working tree is never touched), runs the fast suite
against the copy, and reports each mutation as *killed* (some test failed, named) or
*survived* (every test passed: no test pins that rule down). Run it on demand, not in
CI; each mutation costs one run of the suite::

    python benchmarks/mutation.py                    # every mutation, whole fast suite
    python benchmarks/mutation.py --tests tests/test_edges.py
    python benchmarks/mutation.py --only year-pivot-strict --only page-range-short
    python benchmarks/mutation.py --list

A mutation is located by its module name and a code snippet that must occur exactly
once in that module, so it survives line edits; when the module moves, change its name
in ``MODULES`` (one place). A snippet that is not found (or found twice) is reported as
*stale*, never silently skipped: fix the snippet, do not drop the mutation.

Exit status: 0 when every mutation was killed, 1 when one survived or is stale.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Short names of the modules the mutations change -> their dotted module names. When a
#: module moves (``imrparse.read.free_text.dates`` -> ``imrparse.read.text.dates``), change it
#: here only.
MODULES = {
    "dates": "imrparse.read.free_text.dates",
    "transform": "imrparse.read.transform",
    "lists": "imrparse.read.free_text.summary_lists",
    "qualifications": "imrparse.read.free_text.qualifications",
    "citations": "imrparse.read.free_text.citations",
    "claimant": "imrparse.read.free_text.claimant",
    "normalize": "imrparse.read.normalize",
    "template": "imrparse.template",
    "request": "imrparse.read.free_text.request",
}


@dataclass(frozen=True)
class Mutation:
    """One deliberate mistake: replace ``snippet`` by ``replacement`` in ``module``."""

    name: str
    module: str  # a key of MODULES
    snippet: str
    replacement: str
    why: str


MUTATIONS = (
    Mutation(
        "year-pivot-strict",
        "dates",
        "return 2000 + yy if 2000 + yy <= reference_year else 1900 + yy",
        "return 2000 + yy if 2000 + yy < reference_year else 1900 + yy",
        "a two-digit year equal to the reference year reads 19yy",
    ),
    Mutation(
        "year-pivot-loose",
        "dates",
        "return 2000 + yy if 2000 + yy <= reference_year else 1900 + yy",
        "return 2000 + yy if 2000 + yy <= reference_year + 1 else 1900 + yy",
        "a two-digit year one after the reference year reads 20yy",
    ),
    Mutation(
        "outcome-always-upheld",
        "transform",
        'outcome = Outcome.UPHELD if lower.endswith("upheld") else Outcome.OVERTURNED',
        "outcome = Outcome.UPHELD",
        "every decision reads Upheld",
    ),
    Mutation(
        "outcome-swapped",
        "transform",
        'outcome = Outcome.UPHELD if lower.endswith("upheld") else Outcome.OVERTURNED',
        'outcome = Outcome.OVERTURNED if lower.endswith("upheld") else Outcome.UPHELD',
        "Upheld and Overturned exchanged",
    ),
    Mutation(
        "list-first-dropped",
        "lists",
        "    for entry_start, entry_end in splits:\n",
        "    for entry_start, entry_end in splits[1:]:\n",
        "a split diagnosis/medication list loses its first entry",
    ),
    Mutation(
        "list-last-dropped",
        "lists",
        "    for entry_start, entry_end in splits:\n",
        "    for entry_start, entry_end in splits[:-1]:\n",
        "a split diagnosis/medication list loses its last entry",
    ),
    Mutation(
        "lettered-last-dropped",
        "lists",
        "    yield content, min(_sentence_end(text, content, ends), limit), True\n",
        "    return\n",
        "a lettered list (a)...(f) loses its last entry",
    ),
    Mutation(
        "prose-list-last-dropped",
        "qualifications",
        "[(0, 0), *cuts, (len(cleaned), 0)]",
        "[(0, 0), *cuts]",
        "'California, Texas and New York' loses New York (and certifications their last)",
    ),
    Mutation(
        "prose-list-first-dropped",
        "qualifications",
        "[(0, 0), *cuts, (len(cleaned), 0)]",
        "[*cuts, (len(cleaned), 0)]",
        "a first-generation certification/state list loses its first entry",
    ),
    Mutation(
        "comma-list-last-dropped",
        "qualifications",
        'for p in text.split(",")) if name)',
        'for p in text.split(",")[:-1]) if name)',
        "a credentials list (second generation) loses its last entry",
    ),
    Mutation(
        "page-range-short",
        "citations",
        "for page in range(first, last + 1):",
        "for page in range(first, last):",
        "76-80 gives 76-79 (and a single page gives none)",
    ),
    Mutation(
        "page-range-reversed-kept",
        "citations",
        "if not first <= last <= first + _MAX_RANGE:",
        "if not last <= first + _MAX_RANGE:",
        "a reversed range 80-76 gives no page at all",
    ),
    Mutation(
        "span-end-short",
        "normalize",
        "last - starts[final] + origins[final] + 1)",
        "last - starts[final] + origins[final])",
        "every block span ends one character early",
    ),
    Mutation(
        "span-start-late",
        "normalize",
        "return Span(start - starts[first] + origins[first], last - starts[final]",
        "return Span(start - starts[first] + origins[first] + 1, last - starts[final]",
        "every block span starts one character late",
    ),
    Mutation(
        "list-span-end-short",
        "lists",
        "located = entry, entry_start, entry_start + len(entry)\n",
        "located = entry, entry_start, entry_start + len(entry) - 1\n",
        "each diagnosis/medication span ends one character early",
    ),
    Mutation(
        "strength-read-as-quantity",
        "request",
        '_COUNTERS = frozenset({"QUANTITY", "LEAD_COUNT"})',
        '_COUNTERS = frozenset({"QUANTITY", "LEAD_COUNT", "STRENGTH"})',
        "'Diazepam 5mg' gives quantity 5 instead of strength 5mg",
    ),
    Mutation(
        "age-two-digits",
        "claimant",
        r'    r"\b(\d{1,3}) ?-? ?(?:years?[ -]old',
        r'    r"\b(\d{1,2}) ?-? ?(?:years?[ -]old',
        "a 100 year old has no age",
    ),
    Mutation(
        "number-words-shifted",
        "template",
        '    *("zero", "one", "two",',
        '    *("one", "two",',
        "'more than five years' reads 4",
    ),
)


def module_path(src: Path, module: str) -> Path:
    """The file of a dotted module name under ``src`` (a module or a package)."""
    base = src.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no module {module} under {src}")


def first_failure(output: str) -> str:
    """The first failing test pytest names in its summary ("FAILED tests/x.py::t")."""
    for line in output.splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            return line.split(" ", 1)[1].split(" - ", 1)[0]
    return "(no test named: collection or import error)"


def run_one(mutation: Mutation | None, tests: list[str], timeout: float) -> tuple[str, str, float]:
    """Apply one mutation to a copy of src/, run the tests: (status, detail, seconds).

    With no mutation the copy is left as it is: the control run, which must pass for a
    "killed" to mean anything.
    """
    with tempfile.TemporaryDirectory(prefix="imrparse-mutant-") as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
        if mutation is not None:
            try:
                path = module_path(src, MODULES[mutation.module])
            except FileNotFoundError as error:
                return "stale", str(error), 0.0
            code = path.read_text(encoding="utf-8")
            if code.count(mutation.snippet) != 1:
                found = code.count(mutation.snippet)
                return "stale", f"snippet found {found} times in {MODULES[mutation.module]}", 0.0
            path.write_text(code.replace(mutation.snippet, mutation.replacement), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(src), "HYPOTHESIS_PROFILE": "fast"}
        env.pop("IMRPARSE_CORPUS", None)  # the fast suite, as CI runs it
        command = [
            sys.executable,
            *("-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"),
            *tests,
        ]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return "killed", "(timeout)", time.perf_counter() - started
        seconds = time.perf_counter() - started
        if done.returncode == 0:
            return "survived", "", seconds
        return "killed", first_failure(done.stdout), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tests", action="append", help="test paths (default: tests)")
    parser.add_argument("--only", action="append", help="run only the named mutation(s)")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only]
    if args.list:
        for mutation in chosen:
            print(f"{mutation.name:28} {MODULES[mutation.module]:34} {mutation.why}")
        return 0
    unknown = set(args.only or ()) - {m.name for m in MUTATIONS}
    if unknown:
        parser.error(f"unknown mutation(s): {', '.join(sorted(unknown))}")
    tests = args.tests or ["tests"]
    status, detail, seconds = run_one(None, tests, args.timeout)
    print(f"{'control':9} {'(no mutation)':28} {seconds:6.1f}s  {status} {detail}", flush=True)
    if status != "survived":  # the unmutated copy fails: no kill below would mean anything
        print("the tests fail without any mutation: fix that first")
        return 2
    bad = 0
    for mutation in chosen:
        status, detail, seconds = run_one(mutation, tests, args.timeout)
        bad += status != "killed"
        print(f"{status:9} {mutation.name:28} {seconds:6.1f}s  {detail}", flush=True)
    print(f"{len(chosen) - bad} of {len(chosen)} killed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
