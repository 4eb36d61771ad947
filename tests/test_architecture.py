"""The layer contract: every import inside imrparse runs down the layers, never up.

Layers, bottom first (docs/architecture.md draws them): the records, errors and the
template's words; the reader (``read/``); batch reading (``batch/``); the writers and
exporters (``write/``, ``export/``, which do not import each other); the command line
(``cli/``) and the public strategies (``testing/``), which do not import each other either.
Inside the reader, the free-text readers sit below normalisation, normalisation below the
transformer, and so on, as ``READ_LAYERS`` lists. The package's ``__init__`` and
``__main__`` are the front door and may import anything.
"""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

import imrparse

PACKAGE = pathlib.Path(imrparse.__file__).parent

# (layer, group): a module may import from a lower layer, or from its own group.
LAYERS: dict[str, tuple[int, str]] = {
    "imrparse.models": (0, "core"),
    "imrparse.errors": (0, "core"),
    "imrparse.template": (0, "core"),
    "imrparse.version": (0, "core"),
    "imrparse.read": (1, "read"),
    "imrparse.batch": (2, "batch"),
    "imrparse.write": (3, "write"),
    "imrparse.export": (3, "export"),
    "imrparse.cli": (4, "cli"),
    "imrparse.testing": (4, "testing"),
}
# Inside the reader, bottom first; a module may import only from its own row or below.
READ_LAYERS = [
    {"letter_tables", "request_pattern"},
    {"parsers"},
    {"free_text", "messages", "physical_lines"},
    {"header"},
    {"normalize"},
    {"parse_errors"},
    {"transform"},
    {"recovery"},
    {"letter"},
    {"pdf"},
]


def _modules() -> list[tuple[str, pathlib.Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from imrparse import template" imports imrparse.template.
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if _is_module(submodule) else node.module)
    return {name for name in names if name == "imrparse" or name.startswith("imrparse.")}


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _layer(module: str) -> tuple[int, str] | None:
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return None


def _read_row(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 3 or parts[1] != "read":
        return None
    for row, names in enumerate(READ_LAYERS):
        if parts[2] in names:
            return row
    return None


def _violations(module: str, imported: str) -> str | None:
    if module in {"imrparse", "imrparse.__main__"}:
        return None
    own, theirs = _layer(module), _layer(imported)
    if imported == "imrparse" and own is not None and own[1] != "cli":
        # Only the command line, on top, may use the public names through the front door.
        return "imports the package's front door (import the module it needs instead)"
    if imported == "imrparse":
        return None
    if own is None or theirs is None:
        return f"is in no layer of the contract ({own=}, {theirs=})"
    if theirs[0] > own[0] or (theirs[0] == own[0] and theirs[1] != own[1]):
        return f"imports upward or sideways: layer {own} imports {theirs}"
    row, their_row = _read_row(module), _read_row(imported)
    if row is not None and their_row is not None and their_row > row:
        return f"imports upward inside the reader: row {row} imports row {their_row}"
    return None


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda v: str(v))
def test_imports_run_down_the_layers(module: str, path: pathlib.Path) -> None:
    problems = [
        f"{module} {problem}: {imported}"
        for imported in sorted(_imports(path))
        if (problem := _violations(module, imported)) is not None
    ]
    assert problems == []


def test_every_module_is_in_a_layer() -> None:
    unplaced = [
        name
        for name, _ in _modules()
        if name not in {"imrparse", "imrparse.__main__"} and _layer(name) is None
    ]
    assert unplaced == []
    unplaced_read = [
        name
        for name, _ in _modules()
        if name.startswith("imrparse.read.") and _read_row(name) is None
    ]
    assert unplaced_read == []


def test_the_contract_catches_an_upward_import() -> None:
    # The checker itself must be able to fail.
    assert _violations("imrparse.read.normalize", "imrparse.export.rows") is not None
    assert _violations("imrparse.write.render", "imrparse.export.rows") is not None
    assert _violations("imrparse.read.free_text.dates", "imrparse.read.transform") is not None
    assert _violations("imrparse.cli.main", "imrparse.read.letter") is None


def test_at_most_ten_modules_sit_at_the_top() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert top == [
        "__init__.py",
        "__main__.py",
        "errors.py",
        "models.py",
        "template.py",
        "version.py",
    ]


def test_importing_the_package_leaves_out_what_only_some_runs_need() -> None:
    # Worker processes (multiprocessing, concurrent.futures: ~8 ms) are imported by runs
    # with workers only, and the version is the package's own string, not its installed
    # metadata's (importlib.metadata: ~6 ms): every `import imrparse` pays for what it
    # imports, most users need neither.
    probe = (
        "import sys, imrparse\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " {'multiprocessing', 'concurrent'} or m.startswith('importlib.metadata')))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert imported == "[]\n"
