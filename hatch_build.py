"""Build hook: the optional compiled wheel, the letter readers compiled with mypyc.

Off by default, so ``pip install .`` and the sdist need no compiler and no mypy. Enabled
with ``HATCH_BUILD_HOOK_ENABLE_CUSTOM=1`` (``docs/architecture.md``), it compiles the
modules below into a temporary folder and adds the extension modules to the wheel beside
the ``.py`` sources, which Python's importer passes over for them. Compiling there, not in
place, keeps the source tree clean: a stale ``.so`` in ``src/`` would shadow edited
sources and could slip into a pure wheel.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# What runs for every letter. Left out: modules whose cost is not per letter (the CLI,
# writers, exporters), read/letter.py (parse's own TypeError for a non-str must come
# before any check mypyc would add), pdf.py (PDFium's time dominates), the error paths
# (recovery, messages, parse_errors), and models.py (attrs classes, which mypyc does not
# compile as such).
COMPILED = (
    "src/imrparse/template.py",
    "src/imrparse/read/normalize.py",
    "src/imrparse/read/physical_lines.py",
    "src/imrparse/read/header.py",
    "src/imrparse/read/parsers.py",
    "src/imrparse/read/transform.py",
    "src/imrparse/read/free_text/*.py",
)


class CompiledReadersHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile :data:`COMPILED` with mypyc and put the extension modules in the wheel."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile, and add the extension modules to the wheel (not to an editable one)."""
        if self.target_name != "wheel" or version == "editable":
            return
        from mypyc.build import mypycify  # the hook's own build dependency
        from setuptools import Distribution  # type: ignore[import-untyped]

        root = Path(self.root)
        paths = sorted(
            str(path.relative_to(root))
            for pattern in COMPILED
            for path in root.glob(pattern)
            if path.name != "__init__.py"  # a package's own module stays Python
        )
        self._work = Path(tempfile.mkdtemp(prefix="imrparse-mypyc-"))
        previous = Path.cwd()
        os.chdir(root)  # mypy names modules by their paths from here
        try:
            extensions = mypycify(
                # mypy checks the code again as it compiles (mypycify takes its options
                # among the paths); lark's optional backends ship no types.
                ["--ignore-missing-imports", *paths],
                opt_level="3",
                group_name="imrparse_compiled",
                target_dir=str(self._work / "c"),
            )
            distribution = Distribution({"name": "imrparse", "ext_modules": extensions})
            build_ext = distribution.get_command_obj("build_ext")
            build_ext.build_lib = str(self._work / "lib")
            build_ext.build_temp = str(self._work / "temp")
            build_ext.ensure_finalized()
            build_ext.run()
        finally:
            os.chdir(previous)
        built = sorted((self._work / "lib").rglob("*.so")) + sorted(
            (self._work / "lib").rglob("*.pyd")
        )
        if not built:
            sys.exit("mypyc built no extension modules")
        for module in built:
            build_data["force_include"][str(module)] = str(module.relative_to(self._work / "lib"))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary folder, now that the wheel holds what was built there."""
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
