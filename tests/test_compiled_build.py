"""The compiled wheel (hatch_build.py) gives what the pure Python package gives.

The wheel is built here as a user would build it, with the hook enabled, and unpacked;
then the project's snapshot (benchmarks/snapshot.py: every record, span, warning and
error, strict and lenient, on the fixtures, the corpus when IMRPARSE_CORPUS is set and
seeded damaged letters) is taken with the pure sources and compared with the compiled
build's, in subprocesses, since one process can import only one of the two.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

_MISSING = [
    name for name in ("hatchling", "mypyc", "setuptools") if importlib.util.find_spec(name) is None
]
pytestmark = [
    pytest.mark.skipif(bool(_MISSING), reason=f"the compiled build needs {', '.join(_MISSING)}"),
    pytest.mark.skipif(shutil.which("cc") is None, reason="the compiled build needs a C compiler"),
]


def _run(code_or_script: list[str], path: pathlib.Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, *code_or_script], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The compiled wheel, built from this checkout and unpacked: a folder to import from."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))",
            str(out),
        ],
        cwd=ROOT,
        env={**os.environ, "HATCH_BUILD_HOOK_ENABLE_CUSTOM": "1"},
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    wheel = out / build.stdout.split()[-1]
    tag = f"-cp{sys.version_info.major}{sys.version_info.minor}-"
    assert tag in wheel.name, wheel.name  # a platform wheel, not py3-none-any
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_the_letter_readers_are_extension_modules(compiled: pathlib.Path) -> None:
    modules = [
        "imrparse.template",
        "imrparse.read.normalize",
        "imrparse.read.header",
        "imrparse.read.transform",
        "imrparse.read.free_text.request",
        "imrparse.read.free_text.summary_lists",
        "imrparse.read.letter",  # not compiled: parse's own TypeError comes first
    ]
    code = (
        "import importlib, sys\nfor m in sys.argv[1:]: print(importlib.import_module(m).__file__)"
    )
    result = _run(["-c", code, *modules], compiled)
    assert result.returncode == 0, result.stderr
    files = result.stdout.split()
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    assert [f.endswith(suffixes) for f in files] == [True] * 6 + [False]
    assert all(f.startswith(str(compiled)) for f in files)
    # The sources ship beside the extension modules, for tracebacks and inspection.
    assert (compiled / "imrparse" / "read" / "transform.py").is_file()
    assert not list((ROOT / "src").rglob("*.so")), "the build left extension modules in src/"


def test_records_warnings_and_errors_are_the_pure_builds(
    compiled: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    snapshot = ["benchmarks/snapshot.py", "--damaged", "400"]
    pure = _run([*snapshot, "--out", str(tmp_path / "pure.jsonl")], ROOT / "src")
    assert pure.returncode == 0, pure.stderr
    same = _run(
        [
            *snapshot,
            "--out",
            str(tmp_path / "compiled.jsonl"),
            "--compare",
            str(tmp_path / "pure.jsonl"),
        ],
        compiled,
    )
    assert same.returncode == 0, same.stdout[-3000:] + same.stderr[-3000:]
    lines = (tmp_path / "compiled.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    errors = sum(row["result"].startswith("ParseError") for row in rows)
    records = sum(row["result"].startswith("Determination(") for row in rows)
    # Both kinds of outcome are compared, and every input in both modes.
    assert errors > 50
    assert records > 300
    assert len(rows) == 2 * (17 + 400 + (80 if os.environ.get("IMRPARSE_CORPUS") else 0))


def test_bad_input_raises_the_same_errors(compiled: pathlib.Path) -> None:
    code = (
        "import imrparse\n"
        "for value in (b'letter', None, 'x' * 100_000, '\\x00IMR'):\n"
        "    try:\n"
        "        imrparse.parse(value)\n"
        "    except (TypeError, ValueError) as error:\n"
        "        print(type(error).__name__, repr(str(error)))\n"
    )
    pure = _run(["-c", code], ROOT / "src")
    fast = _run(["-c", code], compiled)
    assert pure.returncode == fast.returncode == 0, pure.stderr + fast.stderr
    assert fast.stdout == pure.stdout
    assert fast.stdout.splitlines()[0].startswith("TypeError ")
    assert fast.stdout.splitlines()[2].startswith("ParseError ")
